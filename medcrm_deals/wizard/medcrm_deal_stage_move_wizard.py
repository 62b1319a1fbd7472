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
        if "stage_id" in fields_list and not values.get("stage_id") and values.get("lead_id"):
            # the stage the manager most likely came for: what it misses shows at once
            lead = self.env["crm.lead"].browse(values["lead_id"])
            values["stage_id"] = lead._medcrm_next_gated_stage().id
        return values

    @api.depends("lead_id", "stage_id")
    def _compute_missing(self):
        for wizard in self:
            wizard.missing = False
            if not (wizard.lead_id and wizard.stage_id):
                continue
            unmet = wizard.lead_id._medcrm_unmet_requirements(wizard.stage_id)
            wizard.missing = "\n".join(f"- {item}" for item in unmet) or self.env._(
                "Nothing: every gate is met."
            )

    def action_confirm(self):
        self.ensure_one()
        self.lead_id.with_context(**{GATE_OVERRIDE_KEY: self.reason}).write(
            {"stage_id": self.stage_id.id}
        )
        return {"type": "ir.actions.act_window_close"}
