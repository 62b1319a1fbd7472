from odoo import fields, models, tools
from odoo.tools import SQL


class MedcrmDealStageTimeReport(models.Model):
    """Time in stage, one row per stay of a deal in a stage: closed stays with their stored
    durations, and the current stay of each deal counted up to now. Paused time is excluded in
    both cases."""

    _name = "medcrm.deal.stage.time.report"
    _description = "Time in Stage Analysis"
    _auto = False
    _order = "date_start desc, id desc"
    _rec_name = "stage_id"

    lead_id = fields.Many2one("crm.lead", string="Deal", readonly=True)
    kind_id = fields.Many2one("medcrm.deal.kind", string="Deal Kind", readonly=True)
    stage_id = fields.Many2one("crm.stage", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    sales_channel_id = fields.Many2one("medcrm.sales.channel", readonly=True)
    date_start = fields.Datetime("Entered", readonly=True)
    date_end = fields.Datetime("Left", readonly=True)
    is_current = fields.Boolean("Current Stay", readonly=True)
    is_gate_override = fields.Boolean("Gate Overridden", readonly=True)
    duration_hours = fields.Float("Hours in Stage", readonly=True, aggregator="avg")
    paused_hours = fields.Float(readonly=True, aggregator="avg")
    active_hours = fields.Float("Hours in Stage (without pauses)", readonly=True, aggregator="avg")
    active_days = fields.Float("Days in Stage (without pauses)", readonly=True, aggregator="avg")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(view)s AS (
                    SELECT history.id,
                           history.lead_id,
                           history.kind_id,
                           history.stage_id,
                           history.user_id,
                           history.company_id,
                           history.sales_channel_id,
                           history.date_start,
                           history.date_end,
                           history.date_end IS NULL AS is_current,
                           history.is_gate_override,
                           CASE WHEN history.date_end IS NULL THEN so_far.hours
                                ELSE COALESCE(history.duration_hours, 0.0)
                           END AS duration_hours,
                           CASE WHEN history.date_end IS NULL
                                THEN LEAST(so_far.paused, so_far.hours)
                                ELSE COALESCE(history.paused_hours, 0.0)
                           END AS paused_hours,
                           %(active)s AS active_hours,
                           %(active)s / 24.0 AS active_days
                      FROM medcrm_deal_stage_history history
                CROSS JOIN LATERAL (%(current)s) so_far
                )
                """,
                active=SQL(
                    "CASE WHEN history.date_end IS NULL "
                    "THEN GREATEST(so_far.hours - so_far.paused, 0.0) "
                    "ELSE COALESCE(history.active_hours, 0.0) END"
                ),
                view=SQL.identifier(self._table),
                current=self._current_stay_query(),
            )
        )

    def _current_stay_query(self):
        """Hours from entering the stage up to now, and the paused hours in that time, for a
        current stay (``history`` row without ``date_end``); zero for a closed one."""
        now = SQL("(statement_timestamp() AT TIME ZONE 'UTC')")
        return SQL(
            """
            SELECT CASE WHEN history.date_end IS NULL
                        THEN GREATEST(EXTRACT(EPOCH FROM %(now)s - history.date_start), 0)
                             / 3600.0
                        ELSE 0.0 END::float AS hours,
                   COALESCE((
                       SELECT SUM(EXTRACT(EPOCH FROM
                                  LEAST(COALESCE(pause.date_end, %(now)s), %(now)s)
                                  - GREATEST(pause.date_start, history.date_start)))
                         FROM medcrm_deal_pause pause
                        WHERE history.date_end IS NULL
                          AND pause.lead_id = history.lead_id
                          AND pause.date_start < %(now)s
                          AND COALESCE(pause.date_end, %(now)s) > history.date_start
                   ) / 3600.0, 0.0)::float AS paused
            """,
            now=now,
        )
