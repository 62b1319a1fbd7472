from odoo import api, fields, models

from ..models.crm_lead import GATE_OVERRIDE_KEY
from ..tools.rpc_args import to_names


class MedcrmDealStageMoveWizard(models.TransientModel):
    _name = "medcrm.deal.stage.move.wizard"
    _description = "Move a Deal Past a Stage Gate"

    lead_id = fields.Many2one("crm.lead", string="Deal", required=True)
    kind_id = fields.Many2one(related="lead_id.deal_kind_id")
    stage_id = fields.Many2one(
        "crm.stage",
        required=True,
        domain="[('deal_kind_line_ids.kind_id', '=', kind_id)]",
    )
    missing = fields.Text("Unmet Requirements", compute="_compute_missing")
    reason = fields.Text("Override Reason", required=True)

    @api.model
    def default_get(self, fields_list):
        fields_list = to_names(self.env, fields_list, "fields_list")
        values = super().default_get(fields_list)
        if (
            "lead_id" in fields_list
            and not values.get("lead_id")
            and self.env.context.get("active_model") == "crm.lead"
        ):
            values["lead_id"] = self.env.context.get("active_id")
        return values

    @api.depends("lead_id", "stage_id")
    def _compute_missing(self):
        for wizard in self:
            wizard.missing = False
            if not (wizard.lead_id and wizard.stage_id):
                continue
            # sudo: gates are configuration, read to tell the manager what is missing
            line = wizard.lead_id.deal_kind_id.sudo().stage_line_ids.filtered(
                lambda line, stage=wizard.stage_id: line.stage_id == stage
            )
            unmet = [
                gate._medcrm_describe()
                for gate in line.gate_ids.filtered("active")
                if not gate._medcrm_is_met(wizard.lead_id)
            ]
            wizard.missing = "\n".join(unmet) or self.env._("Nothing: every gate is met.")

    def action_confirm(self):
        self.ensure_one()
        self.lead_id.with_context(**{GATE_OVERRIDE_KEY: self.reason}).write(
            {"stage_id": self.stage_id.id}
        )
        return {"type": "ir.actions.act_window_close"}
