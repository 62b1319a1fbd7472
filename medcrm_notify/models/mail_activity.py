from odoo import api, fields, models
from odoo.tools import create_index, format_date


class MailActivity(models.Model):
    _inherit = "mail.activity"

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
    def _cron_medcrm_notify_overdue(self, batch_size=1000, max_batches=20):
        for _batch in range(max_batches):
            if not self._medcrm_notify_overdue_batch(limit=batch_size):
                return
            # Commit each batch: the activities it reported are marked before the next batch,
            # so an interruption resumes where it stopped (the log's unique key would anyway
            # prevent a second notification).
            self.env.cr.commit()  # pylint: disable=invalid-commit

    @api.model
    def _medcrm_notify_overdue_batch(self, limit=1000):
        """Report deal activities that are overdue and not reported yet ("due and not yet
        notified", from indexed state, not from a time window: downtime loses nothing and a
        deadline moved back into the past does not notify twice). Return how many."""
        Event = self.env["medcrm.notify.event"]
        if not Event._has_rules("lead_activity_overdue"):
            return 0
        # Activities of paused deals wait until the deal is resumed (paused deals get no
        # overdue reminders); paused deals are few, their ids are read through an index.
        paused = self.env["crm.lead"].sudo()._search([("is_paused", "=", True)])
        # sudo: the scan runs for the system; recipients' access is checked at delivery.
        activities = self.sudo().search(
            [
                ("res_model", "=", "crm.lead"),
                ("date_deadline", "<", fields.Date.context_today(self)),
                ("is_overdue_notified", "=", False),
                ("res_id", "not in", paused),
            ],
            order="date_deadline, id",
            limit=limit,
        )
        pending = activities
        while pending:
            # one activity per deal and emission: each activity is its own occurrence
            batch, seen = self.browse(), set()
            for activity in pending:
                if activity.res_id not in seen:
                    seen.add(activity.res_id)
                    batch |= activity
            Event._emit(
                "lead_activity_overdue",
                self.env["crm.lead"].browse(batch.mapped("res_id")),
                occurrence_keys={a.res_id: f"activity{a.id}" for a in batch},
                details={
                    a.res_id: self.env._(
                        "%(type)s “%(summary)s” for %(user)s was due on %(date)s",
                        type=a.activity_type_id.name or "",
                        summary=a.summary or a.res_name or "",
                        user=a.user_id.name or "-",
                        date=format_date(self.env, a.date_deadline),
                    )
                    for a in batch
                },
            )
            pending -= batch
        activities.write({"is_overdue_notified": True})
        return len(activities)
