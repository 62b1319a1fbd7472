from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.rpc_args import to_names


class MedcrmDealPauseWizard(models.TransientModel):
    _name = "medcrm.deal.pause.wizard"
    _description = "Pause Deals"

    lead_ids = fields.Many2many("crm.lead", string="Deals", required=True)
    date_until = fields.Date("Paused Until", required=True)
    reason = fields.Text(required=True)
    lead_count = fields.Integer(compute="_compute_lead_count")

    @api.depends("lead_ids")
    def _compute_lead_count(self):
        for wizard in self:
            wizard.lead_count = len(wizard.lead_ids)

    @api.model
    def default_get(self, fields_list):
        fields_list = to_names(self.env, fields_list, "fields_list")
        values = super().default_get(fields_list)
        if "lead_ids" in fields_list and not values.get("lead_ids"):
            active_ids = self.env.context.get("active_ids") or []
            if self.env.context.get("active_model") == "crm.lead" and active_ids:
                values["lead_ids"] = [fields.Command.set(active_ids)]
        return values

    @api.constrains("date_until")
    def _check_date_until(self):
        today = fields.Date.context_today(self)
        for wizard in self:
            if wizard.date_until <= today:
                raise ValidationError(
                    self.env._("“Paused Until” must be a date in the future (after today).")
                )

    def action_confirm(self):
        self.ensure_one()
        self.lead_ids._medcrm_pause(self.date_until, self.reason)
        return {"type": "ir.actions.act_window_close"}
