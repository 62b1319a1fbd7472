from odoo import api, fields, models


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        # One emission per meeting: two meetings planned at once on the same deal are two
        # occurrences (usually a single meeting is created).
        for event in events.filtered("opportunity_id"):
            lead = event.opportunity_id
            self.env["medcrm.notify.event"]._emit(
                "lead_meeting",
                lead,
                occurrence_keys={lead.id: f"meeting{event.id}"},
                details={
                    lead.id: self.env._(
                        "Meeting “%(name)s” on %(start)s (UTC)",
                        name=event.name,
                        start=fields.Datetime.to_string(event.start),
                    )
                },
            )
        return events
