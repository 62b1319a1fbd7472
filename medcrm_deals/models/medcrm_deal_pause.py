from odoo import api, fields, models


class MedcrmDealPause(models.Model):
    _name = "medcrm.deal.pause"
    _description = "Deal Pause"
    _order = "date_start desc, id desc"

    lead_id = fields.Many2one(
        "crm.lead", string="Deal", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="lead_id.company_id", store=True, index=True)
    date_start = fields.Datetime("Paused On", required=True)
    date_planned_end = fields.Date("Paused Until", required=True)
    date_end = fields.Datetime("Resumed On", index=True)
    reason = fields.Text(required=True)
    user_id = fields.Many2one("res.users", string="Paused By", ondelete="set null")
    resumed_by_id = fields.Many2one("res.users", ondelete="set null")
    resume_mode = fields.Selection(
        [("manual", "By hand"), ("cron", "At the planned date")], string="Resumed"
    )
    duration_days = fields.Float(
        "Days Paused", compute="_compute_duration_days", store=True, aggregator="sum"
    )

    @api.depends("date_start", "date_end")
    def _compute_duration_days(self):
        for pause in self:
            if pause.date_end and pause.date_start:
                pause.duration_days = (pause.date_end - pause.date_start).total_seconds() / 86400
            else:
                pause.duration_days = 0.0
