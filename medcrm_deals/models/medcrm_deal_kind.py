from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

from ..tools.rpc_args import MAX_INT


class MedcrmDealKind(models.Model):
    _name = "medcrm.deal.kind"
    _inherit = ["medcrm.text.limit.mixin"]
    _description = "Deal Kind"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True, help="Short unique code, used in imports and by other add-ons."
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    company_id = fields.Many2one(
        "res.company", index="btree_not_null", help="Leave empty to use the kind in every company."
    )
    is_default = fields.Boolean(
        "Default Kind",
        help="Deals created without a kind get this one. "
        "Stages created outside of any kind join it too.",
    )
    description = fields.Text(translate=True)
    stage_line_ids = fields.One2many(
        "medcrm.deal.kind.stage", "kind_id", string="Stage Set", copy=True
    )
    stage_ids = fields.Many2many(
        "crm.stage",
        string="Stages",
        compute="_compute_stage_ids",
        help="The kind's stages, in the kind's order.",
    )
    gate_ids = fields.One2many("medcrm.stage.gate", "kind_id", string="Stage Gates")
    deal_properties_definition = fields.PropertiesDefinition("Deal Properties")
    deal_count = fields.Integer(compute="_compute_deal_count")
    # the kind's own pipeline entry under CRM > Deals, kept in step with the kind
    action_id = fields.Many2one(
        "ir.actions.act_window",
        string="Pipeline Action",
        readonly=True,
        copy=False,
        ondelete="set null",
    )
    menu_id = fields.Many2one(
        "ir.ui.menu", string="Pipeline Menu", readonly=True, copy=False, ondelete="set null"
    )

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a deal kind must be unique."),
    ]

    @api.depends("stage_line_ids.sequence", "stage_line_ids.stage_id")
    def _compute_stage_ids(self):
        for kind in self:
            kind.stage_ids = kind.stage_line_ids.sorted(
                lambda line: (line.sequence, line.id)
            ).stage_id

    def _compute_deal_count(self):
        counts = dict(
            self.env["crm.lead"]._read_group(
                [("deal_kind_id", "in", self.ids), ("type", "=", "opportunity")],
                ["deal_kind_id"],
                ["__count"],
            )
        )
        for kind in self:
            kind.deal_count = counts.get(kind, 0)

    @api.constrains("active", "is_default")
    def _check_default_active(self):
        for kind in self:
            if kind.is_default and not kind.active:
                raise ValidationError(
                    self.env._(
                        "The deal kind “%s” is the default kind and cannot be archived: "
                        "make another kind the default first.",
                        kind.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        kinds = super().create(vals_list)
        kinds.filtered("is_default")[-1:]._medcrm_make_sole_default()
        kinds._medcrm_sync_menus()
        self.env.registry.clear_cache()
        return kinds

    def write(self, vals):
        res = super().write(vals)
        if vals.get("is_default"):
            self[-1:]._medcrm_make_sole_default()
        if {"name", "active", "sequence"} & set(vals):
            self._medcrm_sync_menus()
        if {"is_default", "active", "company_id", "sequence"} & set(vals):
            self.env.registry.clear_cache()
        return res

    def _update_field_translations(self, field_name, translations, digest=None, source_lang=None):
        # a kind renamed in one language (the translation dialog) renames its menu in it too;
        # the private method, under the public one, so that Odoo keeps answering its callers
        res = super()._update_field_translations(
            field_name, translations, digest=digest, source_lang=source_lang
        )
        if field_name == "name":
            self._medcrm_sync_menus()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        used = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            ._read_group([("deal_kind_id", "in", self.ids)], ["deal_kind_id"], ["__count"])
        )
        if used:
            raise UserError(
                self.env._(
                    "You cannot delete a deal kind that deals use: %s. "
                    "Archive it instead, or move its deals to another kind first.",
                    ", ".join(f"{kind.name} ({count})" for kind, count in used),
                )
            )

    def unlink(self):
        menus, actions = self.menu_id, self.action_id
        res = super().unlink()
        self._medcrm_remove_menus(menus, actions)
        self.env.registry.clear_cache()
        return res

    def _medcrm_sync_menus(self):
        """Give each kind its pipeline menu (CRM > Deals > the kind) with its own action, named,
        ordered and archived like the kind; missing ones are (re)created.

        sudo: menus and window actions are technical records only administrators may write; a
        CRM manager who creates, renames or archives a kind changes them here, through the kind.
        """
        parent = self.env.ref("medcrm_deals.medcrm_deals_menu_deals", raise_if_not_found=False)
        if not parent:
            return  # installing: the menus load after the kinds; post_init_hook syncs then
        langs = [code for code, _name in self.env["res.lang"].get_installed()]
        for kind in self.with_context(active_test=False):
            action = kind.action_id.sudo()
            action_vals = kind._medcrm_pipeline_action_values()
            if action:
                action.write(action_vals)
            else:
                action = self.env["ir.actions.act_window"].sudo().create(action_vals)
                # the views of Odoo's pipeline (its kanban, opportunity list...); created
                # directly: window action views refuse x2many commands under sudo
                pipeline = self.env.ref("crm.crm_lead_action_pipeline").sudo()
                self.env["ir.actions.act_window.view"].sudo().create(
                    [
                        {
                            "act_window_id": action.id,
                            "sequence": view.sequence,
                            "view_mode": view.view_mode,
                            "view_id": view.view_id.id,
                        }
                        for view in pipeline.view_ids
                    ]
                )
            menu = kind.menu_id.sudo().with_context(active_test=False)
            menu_vals = {
                "name": kind.name,
                "parent_id": parent.id,
                "action": f"{action._name},{action.id}",
                # after the fixed menus, within PostgreSQL's integer range
                "sequence": min(10 + kind.sequence, MAX_INT),
                "active": kind.active,
            }
            if menu:
                menu.write(menu_vals)
            else:
                menu = self.env["ir.ui.menu"].sudo().create(menu_vals)
            names = {lang: kind.with_context(lang=lang).name for lang in langs}
            action.update_field_translations("name", names)
            menu.update_field_translations("name", names)
            if kind.action_id != action or kind.menu_id != menu:
                kind.write({"action_id": action.id, "menu_id": menu.id})

    def _medcrm_pipeline_action_values(self):
        self.ensure_one()
        return {
            "name": self.name,
            "res_model": "crm.lead",
            "view_mode": "kanban,list,graph,pivot,form,calendar,activity",
            "domain": repr([("type", "=", "opportunity"), ("deal_kind_id", "=", self.id)]),
            "context": repr(
                {
                    "default_type": "opportunity",
                    "default_deal_kind_id": self.id,
                    "search_default_assigned_to_me": 1,
                }
            ),
            "search_view_id": self.env.ref("crm.view_crm_case_opportunities_filter").id,
        }

    @api.model
    def _medcrm_remove_menus(self, menus, actions):
        """Delete pipeline menus and actions of kinds that are gone (deleted, or the module
        uninstalled). sudo: technical records, see _medcrm_sync_menus."""
        menus.sudo().with_context(active_test=False).exists().unlink()
        actions.sudo().exists().unlink()

    def _medcrm_make_sole_default(self):
        """Keep a single default kind per company (or among the shared kinds)."""
        if not self:
            return
        others = self.search(
            [
                ("is_default", "=", True),
                ("id", "!=", self.id),
                ("company_id", "=", self.company_id.id),
            ]
        )
        if others:
            others.write({"is_default": False})

    @api.model
    def _medcrm_default_kind(self):
        """The kind given to deals created without one: the default kind of the current company
        (or a shared one), else the first active kind. Cached: no query per created deal."""
        kind_id = self._medcrm_default_kind_id(self.env.company.id)
        return self.browse(kind_id)

    @api.model
    @tools.ormcache("company_id")
    def _medcrm_default_kind_id(self, company_id):
        # sudo: a cached, user-independent lookup of configuration records
        kinds = self.sudo().search([("company_id", "in", [False, company_id])])
        default = kinds.filtered("is_default").sorted(lambda kind: not kind.company_id)
        return (default or kinds)[:1].id or False

    def _medcrm_stages_for_team(self, team):
        """The kind's stages usable by a team, in the kind's order."""
        self.ensure_one()
        return self.stage_ids.filtered(lambda stage: not stage.team_id or stage.team_id == team)

    def action_open_pipeline(self):
        """The kanban pipeline of this kind: exactly its stages as columns."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("crm.crm_lead_action_pipeline")
        action.update(
            {
                "name": self.name,
                "display_name": self.name,
                "domain": [("type", "=", "opportunity"), ("deal_kind_id", "=", self.id)],
                "context": {
                    "default_type": "opportunity",
                    "default_deal_kind_id": self.id,
                    "search_default_assigned_to_me": 1,
                },
            }
        )
        return action

    def action_open_deals(self):
        self.ensure_one()
        action = self.action_open_pipeline()
        action["context"] = dict(action["context"], search_default_assigned_to_me=0)
        action["view_mode"] = "list,kanban,form"
        action["views"] = [(False, "list"), (False, "kanban"), (False, "form")]
        return action
