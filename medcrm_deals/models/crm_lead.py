from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import format_date

from ..tools.rpc_args import field_label, to_date, to_text

#: Written only by the pause and resume actions.
PAUSE_FIELDS = frozenset(
    ("is_paused", "paused_until", "pause_reason", "paused_by_id", "date_paused", "pause_count")
)

GATE_OVERRIDE_KEY = "medcrm_gate_override_reason"


class CrmLead(models.Model):
    _inherit = "crm.lead"

    # Kind and stages
    deal_kind_id = fields.Many2one(
        "medcrm.deal.kind",
        default=lambda self: self.env["medcrm.deal.kind"]._medcrm_default_kind(),
        tracking=True,
        index=True,
        # deleting a kind that deals use is refused by the kind's ondelete hook; "set null" lets
        # the module uninstall cleanly (its data kinds go before the column does)
        ondelete="set null",
        check_company=True,
        help="The kind of deal decides which stages the deal goes through.",
    )
    medcrm_kind_stage_order = fields.Json(
        "Stage Order of the Kind",
        compute="_compute_medcrm_kind_stage_order",
        help="Ids of the deal kind's stages in the kind's order: the form's statusbar shows the "
        "stages in this order rather than by each stage's own sequence.",
    )
    stage_history_ids = fields.One2many(
        "medcrm.deal.stage.history",
        "lead_id",
    )
    # Channel and source
    sales_channel_id = fields.Many2one(
        "medcrm.sales.channel",
        tracking=True,
        index="btree_not_null",
        # deleting a used channel is refused by its ondelete hook; see deal_kind_id
        ondelete="set null",
    )
    channel_source_type = fields.Selection(related="sales_channel_id.source_type")
    channel_source_required = fields.Boolean(related="sales_channel_id.is_source_required")
    source_partner_id = fields.Many2one(
        "res.partner",
        compute="_compute_channel_sources",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        index="btree_not_null",
        help="The distributor or referrer the deal came through.",
    )
    source_campaign_id = fields.Many2one(
        "utm.campaign",
        compute="_compute_channel_sources",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        index="btree_not_null",
        help="The marketing event or campaign the deal came from.",
    )
    channel_source_name = fields.Char(
        "Deal Source", compute="_compute_channel_source_name", store=True, precompute=True
    )
    # Deal card
    participant_ids = fields.One2many("medcrm.deal.participant", "lead_id", string="Participants")
    demand_ids = fields.One2many("medcrm.deal.demand", "lead_id", string="Primary Demand")
    document_ids = fields.One2many("medcrm.deal.document", "lead_id", string="Documents")
    document_count = fields.Integer(compute="_compute_document_count")
    deal_properties = fields.Properties(
        "Additional Attributes", definition="deal_kind_id.deal_properties_definition", copy=True
    )
    # Pause
    is_paused = fields.Boolean("Paused", readonly=True, copy=False, index=True, tracking=True)
    paused_until = fields.Date(readonly=True, copy=False, tracking=True)
    pause_reason = fields.Text(readonly=True, copy=False)
    paused_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_paused = fields.Datetime("Paused On", readonly=True, copy=False)
    pause_count = fields.Integer(readonly=True, copy=False)
    pause_ids = fields.One2many("medcrm.deal.pause", "lead_id", string="Pause History")

    @api.depends("deal_kind_id.stage_line_ids.sequence", "deal_kind_id.stage_line_ids.stage_id")
    def _compute_medcrm_kind_stage_order(self):
        for lead in self:
            # sudo: the kind's stage set is configuration every salesperson may see
            lead.medcrm_kind_stage_order = lead.deal_kind_id.sudo().stage_ids.ids

    @api.depends("sales_channel_id")
    def _compute_channel_sources(self):
        for lead in self:
            source_type = lead.sales_channel_id.source_type
            if source_type != "partner":
                lead.source_partner_id = False
            if source_type != "campaign":
                lead.source_campaign_id = False

    @api.depends("sales_channel_id", "source_partner_id", "source_campaign_id")
    def _compute_channel_source_name(self):
        for lead in self:
            lead.channel_source_name = (
                lead.source_partner_id.display_name or lead.source_campaign_id.name or False
            )

    def _compute_document_count(self):
        counts = dict(
            self.env["medcrm.deal.document"]._read_group(
                [("lead_id", "in", self.ids)], ["lead_id"], ["__count"]
            )
        )
        for lead in self:
            lead.document_count = counts.get(lead, 0)

    @api.depends("team_id", "type", "deal_kind_id")
    def _compute_stage_id(self):
        # Deals of a kind stay in a stage of their kind: a new deal, or one whose kind changed,
        # goes to the first (unfolded) stage of its kind, in the kind's order.
        without_kind = self.browse()
        for lead in self:
            kind = lead.deal_kind_id
            if not kind:
                without_kind |= lead
                continue
            if lead.stage_id and lead.stage_id in kind.stage_ids:
                continue
            stages = kind._medcrm_stages_for_team(lead.team_id) or kind.stage_ids
            lead.stage_id = stages.filtered(lambda stage: not stage.fold)[:1] or stages[:1]
        return super(CrmLead, without_kind)._compute_stage_id()

    @api.constrains("deal_kind_id", "stage_id", "type")
    def _check_deal_kind_stage(self):
        for lead in self:
            kind = lead.deal_kind_id
            if not kind:
                if lead.type == "opportunity":
                    raise ValidationError(
                        self.env._(
                            "The deal “%s” has no deal kind: choose its kind (Deal Kind field).",
                            lead.name,
                        )
                    )
                continue
            if not kind.stage_line_ids:
                raise ValidationError(
                    self.env._(
                        "The deal kind “%(kind)s” has no stages, so deals cannot use it. "
                        "Add stages to the kind first (CRM > Configuration > Deal Kinds).",
                        kind=kind.name,
                    )
                )
            if lead.stage_id and lead.stage_id not in kind.stage_ids:
                raise ValidationError(
                    self.env._(
                        "The stage “%(stage)s” is not a stage of the deal kind “%(kind)s” "
                        "(deal “%(deal)s”). Choose one of: %(stages)s.",
                        stage=lead.stage_id.name,
                        kind=kind.name,
                        deal=lead.name,
                        stages=", ".join(kind.stage_ids.mapped("name")),
                    )
                )

    @api.constrains("sales_channel_id", "source_partner_id", "source_campaign_id")
    def _check_channel_source(self):
        for lead in self:
            channel = lead.sales_channel_id
            source_type = channel.source_type or "none"
            wrong = (
                "source_partner_id"
                if lead.source_partner_id and source_type != "partner"
                else "source_campaign_id"
                if lead.source_campaign_id and source_type != "campaign"
                else None
            )
            if wrong:
                raise ValidationError(
                    self.env._(
                        "The deal “%(deal)s” has a source of the wrong type for its sales "
                        "channel “%(channel)s”: %(expected)s. Clear the field “%(field)s”.",
                        deal=lead.name,
                        channel=channel.name or self.env._("(none)"),
                        expected=channel._medcrm_expected_source_label(),
                        field=field_label(lead, wrong),
                    )
                )
            missing = channel.is_source_required and (
                (source_type == "partner" and not lead.source_partner_id)
                or (source_type == "campaign" and not lead.source_campaign_id)
            )
            if missing:
                raise ValidationError(
                    self.env._(
                        "The sales channel “%(channel)s” of the deal “%(deal)s” requires a "
                        "source: %(expected)s.",
                        deal=lead.name,
                        channel=channel.name,
                        expected=channel._medcrm_expected_source_label(),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._medcrm_check_pause_fields(vals)
        leads = super().create(vals_list)
        with_stage = leads.filtered("stage_id")
        if with_stage:
            with_stage._medcrm_on_stage_entered({})
        return leads

    def write(self, vals):
        self._medcrm_check_pause_fields(vals)
        watched = {"stage_id", "deal_kind_id", "team_id", "type"} & set(vals)
        old_stages = {lead.id: lead.stage_id for lead in self} if watched else {}
        res = super().write(vals)
        if watched:
            moved = self.filtered(lambda lead: lead.stage_id != old_stages[lead.id])
            if moved:
                moved._medcrm_on_stage_entered(old_stages)
        return res

    def action_set_won(self):
        # Odoo looks for a won stage over the whole batch: per kind, each deal finds its own.
        by_kind = self.grouped("deal_kind_id")
        if len(by_kind) <= 1:
            return super().action_set_won()
        for leads in by_kind.values():
            super(CrmLead, leads).action_set_won()
        return True

    def _merge_data(self, fnames=None):
        # Merged deals keep the kind of the head deal (the first one): keep a stage of that kind.
        data = super()._merge_data(fnames)
        kind = self[:1].deal_kind_id
        stage = self.env["crm.stage"].browse(data.get("stage_id"))
        if kind and stage and stage not in kind.stage_ids:
            data["stage_id"] = (self[:1].stage_id or kind.stage_ids[:1]).id
        return data

    def _stage_find(self, team_id=False, domain=None, order="sequence, id", limit=1):
        kinds = self.deal_kind_id
        if kinds:
            domain = expression.AND(
                [domain or [], [("deal_kind_line_ids.kind_id", "in", kinds.ids)]]
            )
        return super()._stage_find(team_id=team_id, domain=domain, order=order, limit=limit)

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        # The pipeline of a kind (from the context, else the default kind, which is Odoo's own
        # pipeline): exactly the kind's stages, also empty ones, in the kind's order; plus the
        # stages that hold deals of the domain, so that no deal is ever hidden.
        kind_id = self.env.context.get("default_deal_kind_id")
        if not kind_id:
            kind_id = self.env["medcrm.deal.kind"]._medcrm_default_kind().id
            if not kind_id:
                return super()._read_group_stage_ids(stages, domain)
        # sudo: kinds are configuration, readable by every salesperson anyway
        kind = self.env["medcrm.deal.kind"].sudo().browse(kind_id)
        team_id = self.env.context.get("default_team_id")
        kind_stages = kind.stage_ids.filtered(
            lambda stage: not stage.team_id or (team_id and stage.team_id.id == team_id)
        )
        return stages.browse(kind_stages.ids) | stages

    # ------------------------------------------------------------
    # Stage changes: gates and history
    # ------------------------------------------------------------

    def _medcrm_on_stage_entered(self, old_stages):
        """Deals in ``self`` entered their current stage (``old_stages``: id -> previous stage).
        Check the gates of the new stage, then record the change in the stage history."""
        override_reason = self.env.context.get(GATE_OVERRIDE_KEY)
        if override_reason:
            if not self.env.user.has_group("sales_team.group_sale_manager"):
                raise AccessError(
                    self.env._("Only sales managers may move a deal past an unmet stage gate.")
                )
        else:
            self._medcrm_check_gates()
        self._medcrm_log_stage_change(override_reason)

    def _medcrm_missing_gates(self):
        """{lead: [description of each unmet requirement of its current stage]}"""
        missing = {}
        gated = self.filtered(
            lambda lead: (
                lead.deal_kind_id
                and lead.stage_id
                and any(
                    line.has_gates and line.stage_id == lead.stage_id
                    for line in lead.deal_kind_id.stage_line_ids
                )
            )
        )
        for lead in gated:
            unmet = lead._medcrm_unmet_requirements(lead.stage_id)
            if unmet:
                missing[lead] = unmet
        return missing

    def _medcrm_unmet_requirements(self, stage):
        """What this deal misses to enter ``stage`` of its kind: one description per unmet
        requirement of the stage's active gates (the items a refused move lists)."""
        self.ensure_one()
        # sudo: gates are configuration that every salesperson must be told about
        line = self.deal_kind_id.sudo().stage_line_ids.filtered(lambda line: line.stage_id == stage)
        return [
            item for gate in line.gate_ids.filtered("active") for item in gate._medcrm_unmet(self)
        ]

    def _medcrm_next_gated_stage(self):
        """The first stage after the current one, in the kind's order, that this deal may not
        enter because of an unmet gate (or an empty recordset)."""
        self.ensure_one()
        order = self.medcrm_kind_stage_order or []
        position = order.index(self.stage_id.id) if self.stage_id.id in order else -1
        for stage in self.env["crm.stage"].browse(order[position + 1 :]):
            if self._medcrm_unmet_requirements(stage):
                return stage
        return self.env["crm.stage"]

    def _medcrm_check_gates(self):
        missing = self._medcrm_missing_gates()
        if not missing:
            return
        lines = []
        for lead, unmet in missing.items():
            lines.append(
                self.env._(
                    "The deal “%(deal)s” cannot enter the stage “%(stage)s”. Missing:",
                    deal=lead.name,
                    stage=lead.stage_id.name,
                )
            )
            lines.extend(f"- {item}" for item in unmet)
        raise UserError("\n".join(lines))

    def _medcrm_log_stage_change(self, override_reason=False):
        # sudo: the stage history is written by the system on every stage change; users may
        # only read it (see ir.model.access.csv)
        History = self.env["medcrm.deal.stage.history"].sudo()
        now = fields.Datetime.now()
        open_lines = History.search([("lead_id", "in", self.ids), ("date_end", "=", False)])
        if open_lines:
            open_lines._medcrm_close(now)
        History.create(
            [
                {
                    "lead_id": lead.id,
                    "kind_id": lead.deal_kind_id.id,
                    "stage_id": lead.stage_id.id,
                    "user_id": lead.user_id.id,
                    "date_start": now,
                    "changed_by_id": self.env.uid,
                    "is_gate_override": bool(override_reason),
                    "gate_override_reason": override_reason or False,
                }
                for lead in self
                if lead.stage_id
            ]
        )
        if override_reason:
            for lead in self:
                lead.message_post(
                    body=self.env._(
                        "Moved to “%(stage)s” past its stage gate by a sales manager. Reason: "
                        "%(reason)s",
                        stage=lead.stage_id.name,
                        reason=override_reason,
                    )
                )

    # ------------------------------------------------------------
    # Pause
    # ------------------------------------------------------------

    def _medcrm_is_paused(self):
        """Whether this deal is paused (for other add-ons: reminders and stale-deal figures skip
        paused deals). In a domain, use ``[('is_paused', '=', False)]`` (stored, indexed)."""
        self.ensure_one()
        return self.is_paused

    @api.model
    def _medcrm_not_paused_domain(self):
        """Domain of the deals that are not paused."""
        return [("is_paused", "=", False)]

    def _medcrm_check_pause_fields(self, vals):
        """The pause fields change only through the pause and resume actions: they check the
        date and the reason, log the pause and notify; a direct write would skip all that."""
        touched = PAUSE_FIELDS & set(vals)
        if touched and not self.env.context.get("medcrm_pause_action") and not self.env.su:
            raise UserError(
                self.env._(
                    "%(fields)s: a deal is paused and resumed only with its Pause and Resume "
                    "actions (over RPC: action_medcrm_pause(date_until, reason) and "
                    "action_medcrm_resume()), which check the date and the reason and keep the "
                    "pause history.",
                    fields=", ".join(sorted(touched)),
                )
            )

    def action_medcrm_pause(self, date_until, reason):
        """Pause these deals until ``date_until`` for ``reason``: the pause wizard's effect, for
        integrators over RPC (where methods starting with an underscore cannot be called)."""
        return self._medcrm_pause(date_until, reason)

    def _medcrm_pause(self, date_until, reason):
        """Pause these deals until ``date_until`` (a future date) for ``reason``."""
        date_until = to_date(self.env, date_until, "date_until", field_label(self, "paused_until"))
        reason = to_text(self.env, reason, "reason", field_label(self, "pause_reason"))
        if not date_until or date_until <= fields.Date.context_today(self):
            raise UserError(
                self.env._("Pausing a deal needs a resume date in the future (“Paused Until”).")
            )
        if not reason:
            raise UserError(self.env._("Pausing a deal needs a reason."))
        now = fields.Datetime.now()
        closed = self.filtered(lambda lead: not lead.active or lead.stage_id.is_won)
        if closed:
            raise UserError(
                self.env._(
                    "Won or lost deals cannot be paused: %s.", ", ".join(closed.mapped("name"))
                )
            )
        already = self.filtered("is_paused")
        fresh = self - already
        if fresh:
            for lead in fresh:
                lead.with_context(medcrm_pause_action=True).write(
                    {
                        "is_paused": True,
                        "paused_until": date_until,
                        "pause_reason": reason,
                        "paused_by_id": self.env.uid,
                        "date_paused": now,
                        "pause_count": lead.pause_count + 1,
                    }
                )
            fresh._medcrm_pause_log_start(date_until, reason, now)
        if already:
            already.with_context(medcrm_pause_action=True).write(
                {"paused_until": date_until, "pause_reason": reason}
            )
            already._medcrm_pause_log_extend(date_until, reason)
        for lead in self:
            lead.message_post(
                body=self.env._(
                    "Deal paused until %(date)s. Reason: %(reason)s",
                    date=format_date(self.env, date_until),
                    reason=reason,
                )
            )
        return True

    def action_medcrm_resume(self):
        self._medcrm_resume()
        return True

    def _medcrm_resume(self, by_cron=False):
        """Resume paused deals; idempotent (deals not paused are left alone)."""
        paused = self.filtered("is_paused")
        if not paused:
            return self.browse()
        now = fields.Datetime.now()
        paused._medcrm_pause_log_end(now, by_cron)
        paused.with_context(medcrm_pause_action=True).write(
            {
                "is_paused": False,
                "paused_until": False,
                "pause_reason": False,
                "paused_by_id": False,
                "date_paused": False,
            }
        )
        for lead in paused:
            if by_cron:
                body = self.env._("The pause has ended: the deal is active again.")
            else:
                body = self.env._("Deal resumed by %s.", self.env.user.name)
            lead.message_post(body=body)
            if by_cron and lead.user_id:
                lead.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=lead.user_id.id,
                    summary=self.env._("Paused deal resumed"),
                    note=self.env._("The pause of this deal has ended: follow it up."),
                )
        return paused

    def _medcrm_pause_log_start(self, date_until, reason, now):
        # sudo: pause history is written by the system only; users read it
        self.env["medcrm.deal.pause"].sudo().create(
            [
                {
                    "lead_id": lead.id,
                    "date_start": now,
                    "date_planned_end": date_until,
                    "reason": reason,
                    "user_id": self.env.uid,
                }
                for lead in self
            ]
        )

    def _medcrm_pause_log_extend(self, date_until, reason):
        # sudo: pause history is written by the system only; users read it
        open_pauses = (
            self.env["medcrm.deal.pause"]
            .sudo()
            .search([("lead_id", "in", self.ids), ("date_end", "=", False)])
        )
        open_pauses.write({"date_planned_end": date_until, "reason": reason})

    def _medcrm_pause_log_end(self, now, by_cron):
        # sudo: pause history is written by the system only; users read it
        open_pauses = (
            self.env["medcrm.deal.pause"]
            .sudo()
            .search([("lead_id", "in", self.ids), ("date_end", "=", False)])
        )
        open_pauses.write(
            {
                "date_end": now,
                "resumed_by_id": self.env.uid,
                "resume_mode": "cron" if by_cron else "manual",
            }
        )

    @api.model
    def _cron_medcrm_resume_paused_deals(self, batch_size=200):
        """Resume the deals whose pause has ended, a batch at a time (idempotent)."""
        domain = [("is_paused", "=", True), ("paused_until", "<=", fields.Date.context_today(self))]
        Lead = self.with_context(active_test=False)
        leads = Lead.search(domain, limit=batch_size, order="paused_until, id")
        leads._medcrm_resume(by_cron=True)
        remaining = Lead.search_count(domain) if len(leads) == batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(leads), remaining=remaining)

    def _medcrm_paused_hours_between(self, date_start, date_end):
        """{lead id: paused hours between the two datetimes}, from the pause history."""
        result = defaultdict(float)
        leads = self.filtered("pause_count")
        if not leads:
            return result
        # sudo: the pause history is system-written; figures derived from it are not secret
        pauses = (
            self.env["medcrm.deal.pause"]
            .sudo()
            .search(
                [
                    ("lead_id", "in", leads.ids),
                    ("date_start", "<", date_end),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">", date_start),
                ]
            )
        )
        for pause in pauses:
            start = max(pause.date_start, date_start)
            end = min(pause.date_end or date_end, date_end)
            if end > start:
                result[pause.lead_id.id] += (end - start).total_seconds() / 3600
        return result

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_medcrm_open_documents(self):
        return self._medcrm_deal_records_action("medcrm_deals.medcrm_deal_document_action")

    # ------------------------------------------------------------
    # Tasks, interactions and private notes (issue 4)
    # ------------------------------------------------------------

    medcrm_task_ids = fields.One2many("medcrm.task", "lead_id", string="Tasks")
    medcrm_task_count = fields.Integer("Open Tasks", compute="_compute_medcrm_task_count")
    medcrm_interaction_ids = fields.One2many("medcrm.interaction", "lead_id", string="Interactions")
    medcrm_interaction_count = fields.Integer(
        "Interaction Count", compute="_compute_medcrm_interaction_count"
    )
    medcrm_private_note_ids = fields.One2many(
        "medcrm.private.note", "lead_id", string="My Private Notes"
    )

    def _compute_medcrm_task_count(self):
        counts = dict(
            self.env["medcrm.task"]._read_group(
                [("lead_id", "in", self.ids), ("state", "in", ("assigned", "accepted", "done"))],
                ["lead_id"],
                ["__count"],
            )
        )
        for lead in self:
            lead.medcrm_task_count = counts.get(lead, 0)

    def _compute_medcrm_interaction_count(self):
        counts = dict(
            self.env["medcrm.interaction"]._read_group(
                [("lead_id", "in", self.ids)], ["lead_id"], ["__count"]
            )
        )
        for lead in self:
            lead.medcrm_interaction_count = counts.get(lead, 0)

    def _merge_dependences(self, opportunities):
        result = super()._merge_dependences(opportunities)
        self._medcrm_merge_tasks_interactions_notes(opportunities)
        return result

    def action_medcrm_open_tasks(self):
        return self._medcrm_deal_records_action(
            "medcrm_deals.medcrm_task_action", search_default_open=1
        )

    def action_medcrm_open_interactions(self):
        return self._medcrm_deal_records_action("medcrm_deals.medcrm_interaction_action")

    def action_medcrm_log_call(self):
        """A done call on this deal, in a dialog: type, result and next step, then save."""
        self.ensure_one()
        call_type = self.env.ref(
            "medcrm_deals.medcrm_interaction_type_call", raise_if_not_found=False
        )
        now = fields.Datetime.now()
        # the dialog's "Log" button saves the call and marks it done (action_done)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log a Call"),
            "res_model": "medcrm.interaction",
            "view_mode": "form",
            "views": [(self.env.ref("medcrm_deals.medcrm_interaction_view_form_quick").id, "form")],
            "target": "new",
            "context": {
                "default_lead_id": self.id,
                "default_type_id": call_type.id if call_type else False,
                "default_date_planned": now,
                "default_name": self.env._("Call: %s", self.partner_id.name or self.name),
            },
        }

    def _medcrm_merge_tasks_interactions_notes(self, opportunities):
        """Move the tasks, interactions and private notes of merged deals to ``self``.

        Without this they would be deleted with the merged deals (ondelete cascade).
        """
        self.ensure_one()
        for model in ("medcrm.task", "medcrm.interaction", "medcrm.private.note"):
            # sudo: the merge moves every record of the merged deals, also those the merging
            # user cannot see (a colleague's private notes or tasks), which would be lost otherwise
            self.env[model].sudo().search([("lead_id", "in", opportunities.ids)]).write(
                {"lead_id": self.id}
            )

    def _medcrm_check_linkable(self, records, field_label):
        """Refuse linking ``records`` to deals of ``self`` the current user may not read.

        A record linked to a deal shows the deal's name, customer and salesperson (its display
        name and related fields are read as superuser), so linking is allowed only to deals the
        user may open. ``field_label``: the name of the deal field, for the message.
        """
        if self.env.su:
            return
        hidden = self - self._filtered_access("read")
        if hidden:
            # the id only: the deal's name is exactly what the user may not read
            raise AccessError(
                self.env._(
                    "You may not read the deal #%(deal_id)s, so you cannot link a %(model)s to "
                    "it (field %(field)s). Choose one of the deals you can open, or ask the "
                    "deal's salesperson or a sales manager to do it.",
                    model=self.env["ir.model"]._get(records._name).name,
                    deal_id=hidden[0].id,
                    field=field_label,
                )
            )

    def _medcrm_deal_records_action(self, xml_id, **context):
        """The window action `xml_id` on this deal's records, new ones created on the deal."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xml_id)
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {"default_lead_id": self.id, **context}
        return action
