from odoo import api, fields, models
from odoo.exceptions import UserError


class MedcrmDealKindStage(models.Model):
    _name = "medcrm.deal.kind.stage"
    _description = "Stage of a Deal Kind"
    _order = "kind_id, sequence, id"
    _rec_name = "stage_id"

    kind_id = fields.Many2one("medcrm.deal.kind", required=True, ondelete="cascade", index=True)
    stage_id = fields.Many2one("crm.stage", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10, help="Order of the stage in this kind's pipeline.")
    fold = fields.Boolean(related="stage_id.fold")
    is_won = fields.Boolean(related="stage_id.is_won")
    team_id = fields.Many2one(related="stage_id.team_id")
    gate_ids = fields.One2many("medcrm.stage.gate", "kind_stage_id", string="Gates")
    has_gates = fields.Boolean(compute="_compute_has_gates", store=True)

    _sql_constraints = [
        (
            "kind_stage_uniq",
            "unique(kind_id, stage_id)",
            "A stage appears only once in the stage set of a deal kind.",
        ),
    ]

    @api.depends("gate_ids.active")
    def _compute_has_gates(self):
        for line in self:
            line.has_gates = bool(line.gate_ids.filtered("active"))

    def write(self, vals):
        if {"kind_id", "stage_id"} & set(vals):
            self._medcrm_check_unused()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        self._medcrm_check_unused()

    def _medcrm_check_unused(self):
        """Refuse to take a stage out of a kind while deals of that kind are in it."""
        if not self:
            return
        leads = self.env["crm.lead"].with_context(active_test=False)
        used = []
        for line in self:
            count = leads.search_count(
                [("deal_kind_id", "=", line.kind_id.id), ("stage_id", "=", line.stage_id.id)]
            )
            if count:
                used.append(f"{line.kind_id.name} / {line.stage_id.name} ({count})")
        if used:
            raise UserError(
                self.env._(
                    "You cannot remove a stage from a deal kind while deals of that kind are in "
                    "it: %s. Move those deals to another stage first.",
                    ", ".join(used),
                )
            )
