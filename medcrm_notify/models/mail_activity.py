from odoo import api, fields, models
from odoo.tools import create_index, format_date


class MailActivity(models.Model):
    _name = "mail.activity"
    _inherit = ["mail.activity", "medcrm.notify.due.mixin"]
    _medcrm_notify_due_order = "date_deadline, id"

    is_overdue_notified = fields.Boolean(
        string="Overdue Notified",
        copy=False,
        help="Technical: the notification rules have reported this activity as overdue. Reset "
        "when its deadline moves to the future.",
    )

    def init(self):
        # The overdue scan reads only deal activities that are not notified yet, by deadline:
        # its cost follows the number of due activities, not the size of the table.
        create_index(
            self.env.cr,
            "mail_activity_medcrm_overdue_due_idx",
            self._table,
            ["date_deadline"],
            where="res_model = 'crm.lead' AND is_overdue_notified IS NOT TRUE",
        )

    def write(self, vals):
        result = super().write(vals)
        if "date_deadline" in vals:
            today = fields.Date.context_today(self)
            moved = self.filtered(lambda a: a.is_overdue_notified and a.date_deadline >= today)
            if moved:
                moved.is_overdue_notified = False
        return result

    # ------------------------------------------------------------------
    # private helpers
    # ------------------------------------------------------------------

    @api.model
    def _medcrm_notify_due_events(self):
        return {
            **super()._medcrm_notify_due_events(),
            "lead_activity_overdue": "is_overdue_notified",
        }

    @api.model
    def _cron_medcrm_notify_overdue(self, batch_size=1000, max_batches=20):
        # the cron record's entry point (its code is kept on update)
        return self._cron_medcrm_notify_due(batch_size=batch_size, max_batches=max_batches)

    @api.model
    def _medcrm_notify_due_domain(self, event_code):
        """Deal activities overdue and not reported yet (from indexed state, not from a time
        window: a deadline moved back into the past does not notify twice). Activities of
        paused deals wait until the deal is resumed (paused deals get no overdue reminders);
        paused deals are few, their ids are read through an index."""
        paused = self.env["crm.lead"].sudo()._search([("is_paused", "=", True)])
        return [
            ("res_model", "=", "crm.lead"),
            ("date_deadline", "<", fields.Date.context_today(self)),
            ("is_overdue_notified", "=", False),
            ("res_id", "not in", paused),
        ]

    def _medcrm_notify_due_emissions(self, event_code, rules):
        """One activity per deal and emission: each activity is its own occurrence."""
        emissions, pending = [], self
        while pending:
            batch, seen = self.browse(), set()
            for activity in pending:
                if activity.res_id not in seen:
                    seen.add(activity.res_id)
                    batch |= activity
            emissions.append(
                (
                    self.env["crm.lead"].browse(batch.mapped("res_id")),
                    {a.res_id: f"activity{a.id}" for a in batch},
                    {a.res_id: a._medcrm_notify_overdue_details() for a in batch},
                    None,
                )
            )
            pending -= batch
        return emissions

    def _medcrm_notify_overdue_details(self):
        return self.env._(
            "%(type)s “%(summary)s” for %(user)s was due on %(date)s",
            type=self.activity_type_id.name or "",
            summary=self.summary or self.res_name or "",
            user=self.user_id.name or "-",
            date=format_date(self.env, self.date_deadline),
        )
