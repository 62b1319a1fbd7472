from collections import defaultdict

from odoo import api, fields, models


class MedcrmDealStageHistory(models.Model):
    _name = "medcrm.deal.stage.history"
    _description = "Deal Stage History"
    _order = "lead_id, date_start desc, id desc"
    _rec_name = "stage_id"

    lead_id = fields.Many2one(
        "crm.lead", string="Deal", required=True, ondelete="cascade", index=True
    )
    kind_id = fields.Many2one(
        "medcrm.deal.kind", string="Deal Kind", ondelete="cascade", index=True
    )
    stage_id = fields.Many2one("crm.stage", required=True, ondelete="cascade", index=True)
    user_id = fields.Many2one("res.users", string="Salesperson", ondelete="set null")
    changed_by_id = fields.Many2one("res.users", string="Moved By", ondelete="set null")
    company_id = fields.Many2one(related="lead_id.company_id", store=True, index=True)
    sales_channel_id = fields.Many2one(related="lead_id.sales_channel_id", store=True)
    date_start = fields.Datetime("Entered", required=True, default=fields.Datetime.now)
    date_end = fields.Datetime("Left", index=True)
    duration_hours = fields.Float(
        "Hours in Stage", readonly=True, aggregator="avg", help="Calendar time in the stage."
    )
    paused_hours = fields.Float(readonly=True, aggregator="avg")
    active_hours = fields.Float(
        "Hours in Stage (without pauses)",
        compute="_compute_active_hours",
        store=True,
        aggregator="avg",
    )
    active_days = fields.Float(
        "Days in Stage (without pauses)",
        compute="_compute_active_hours",
        store=True,
        aggregator="avg",
    )
    current_days = fields.Float(
        "Days in Stage So Far", compute="_compute_current_days", aggregator=None
    )
    is_current = fields.Boolean(compute="_compute_is_current", store=True)
    is_gate_override = fields.Boolean("Gate Overridden", readonly=True)
    gate_override_reason = fields.Text(readonly=True)

    @api.depends("duration_hours", "paused_hours")
    def _compute_active_hours(self):
        for line in self:
            line.active_hours = max(line.duration_hours - line.paused_hours, 0.0)
            line.active_days = line.active_hours / 24

    @api.depends("date_end")
    def _compute_is_current(self):
        for line in self:
            line.is_current = not line.date_end

    def _compute_current_days(self):
        now = fields.Datetime.now()
        for line in self:
            end = line.date_end or now
            line.current_days = (end - line.date_start).total_seconds() / 86400

    def _medcrm_close(self, date_end):
        """Close these open lines at ``date_end`` and store their durations, paused time
        excluded."""
        by_start = defaultdict(lambda: self.browse())
        for line in self:
            by_start[line.date_start] |= line
        for date_start, lines in by_start.items():
            paused = lines.lead_id._medcrm_paused_hours_between(date_start, date_end)
            hours = max((date_end - date_start).total_seconds() / 3600, 0.0)
            for line in lines:
                line.write(
                    {
                        "date_end": date_end,
                        "duration_hours": hours,
                        "paused_hours": min(paused.get(line.lead_id.id, 0.0), hours),
                    }
                )
