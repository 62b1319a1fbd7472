from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common_task import MedcrmTaskCase


@tagged("post_install", "-at_install")
class TestInteraction(MedcrmTaskCase):
    def _plan(self, date_planned, interaction_type=None, user=None, **values):
        vals = {
            "name": "T Visit the radiology department",
            "type_id": (interaction_type or self.type_call).id,
            "lead_id": self.deal.id,
            "date_planned": date_planned,
            "participant_ids": [(6, 0, self.physician.ids)],
        }
        vals.update(values)
        return self.env["medcrm.interaction"].with_user(user or self.deal_owner).create(vals)

    def _reminders(self, interaction):
        return self.env["mail.message"].search(
            [
                ("model", "=", "medcrm.interaction"),
                ("res_id", "=", interaction.id),
                ("message_type", "=", "user_notification"),
            ]
        )

    def test_log_a_call_from_the_deal(self):
        action = self.deal.with_user(self.deal_owner).action_medcrm_log_call()
        self.assertEqual(action["res_model"], "medcrm.interaction")
        self.assertEqual(action["target"], "new")
        call_type = self.env.ref("medcrm_deals.medcrm_interaction_type_call")
        form = Form(
            self.env["medcrm.interaction"]
            .with_user(self.deal_owner)
            .with_context(**action["context"]),
            view="medcrm_deals.medcrm_interaction_view_form_quick",
        )
        self.assertEqual(form.type_id, call_type)
        self.assertEqual(form.lead_id, self.deal)
        form.result = "Budget confirmed for Q3"
        form.next_step = "Send the offer"
        call = form.save()
        call.action_done()
        self.assertEqual(call.state, "done")
        self.assertTrue(call.date_done)
        self.assertEqual(call.partner_id, self.hospital, "customer taken from the deal")
        self.assertEqual(call.user_id, self.deal_owner)
        self.assertEqual(self.deal.medcrm_interaction_count, 1)
        self.assertIn(call, self.deal.medcrm_interaction_ids)

    def test_a_done_interaction_needs_its_result(self):
        interaction = self._plan(datetime(2026, 3, 2, 12))
        with self.assertRaisesRegex(ValidationError, "write its result in the field 'Result'"):
            interaction.action_done()
        interaction.invalidate_recordset()
        self.assertEqual(interaction.state, "planned")
        interaction.result = "Demo agreed for April"
        interaction.action_done()
        with self.assertRaisesRegex(UserError, "is not planned any more"):
            interaction.action_done()

    def test_reminder_before_the_date_and_when_overdue_are_sent_once(self):
        Interaction = self.env["medcrm.interaction"]
        with freeze_time("2026-03-02 08:00:00"):
            interaction = self._plan(datetime(2026, 3, 2, 12))
            self.assertEqual(interaction.date_reminder, datetime(2026, 3, 2, 10))
            Interaction._cron_send_reminders()
            self.assertFalse(self._reminders(interaction), "too early")
        with freeze_time("2026-03-02 10:30:00"):
            Interaction._cron_send_reminders()
            Interaction._cron_send_reminders()
            reminders = self._reminders(interaction)
            self.assertEqual(len(reminders), 1, "reminded once, however often the cron runs")
            self.assertIn("Reminder", reminders.subject)
            self.assertEqual(reminders.partner_ids, self.deal_owner.partner_id)
            self.assertTrue(interaction.is_reminder_sent)
            self.assertFalse(interaction.is_overdue)
        with freeze_time("2026-03-02 12:30:00"):
            Interaction._cron_send_reminders()
            Interaction._cron_send_reminders()
            reminders = self._reminders(interaction)
            self.assertEqual(len(reminders), 2)
            self.assertIn("Overdue", reminders[0].subject)
            self.assertTrue(interaction.is_overdue)
            overdue = Interaction.search([("state", "=", "planned"), ("is_overdue", "=", True)])
            self.assertEqual(overdue, interaction)
            # moved to a new date: reminders are due again
            interaction.date_planned = datetime(2026, 3, 5, 12)
            self.assertFalse(interaction.is_overdue)
            self.assertFalse(interaction.is_reminder_sent)
            interaction.write({"result": "Done at last", "state": "done"})
            self.assertFalse(interaction.is_overdue)

    def test_reminder_lead_time_comes_from_the_type(self):
        with freeze_time("2026-03-02 08:00:00"):
            visit = self._plan(datetime(2026, 3, 5, 12), interaction_type=self.type_visit)
            self.assertEqual(visit.date_reminder, datetime(2026, 3, 3, 12))
            self.type_visit.reminder_hours = 72
            self.assertEqual(visit.date_reminder, datetime(2026, 3, 2, 12))

    def test_reminder_cron_works_in_chunks(self):
        with freeze_time("2026-03-02 08:00:00"):
            interactions = self.env["medcrm.interaction"].create(
                [
                    {
                        "name": f"T Call {index}",
                        "type_id": self.type_call.id,
                        "user_id": self.deal_owner.id,
                        "date_planned": datetime(2026, 3, 2, 9),
                    }
                    for index in range(5)
                ]
            )
        with freeze_time("2026-03-02 10:00:00"):
            Interaction = self.env["medcrm.interaction"]
            self.assertEqual(Interaction._cron_send_reminders(chunk_size=2), 3)
            self.assertEqual(Interaction._cron_send_reminders(chunk_size=2), 1)
            self.assertEqual(Interaction._cron_send_reminders(chunk_size=2), 0)
            self.assertTrue(all(interactions.mapped("is_overdue_reminder_sent")))

    def test_plan_next_step_opens_a_new_interaction_on_the_deal(self):
        interaction = self._plan(datetime(2026, 3, 2, 12))
        interaction.write({"result": "Interested", "next_step": "Demonstration in April"})
        interaction.action_done()
        action = interaction.action_plan_next()
        self.assertEqual(action["context"]["default_lead_id"], self.deal.id)
        self.assertEqual(action["context"]["default_name"], "Demonstration in April")

    def test_interactions_follow_the_deal_visibility(self):
        interaction = self._plan(datetime(2026, 3, 2, 12))
        Interaction = self.env["medcrm.interaction"]
        self.assertTrue(
            Interaction.with_user(self.deal_owner).search([("id", "=", interaction.id)])
        )
        self.assertTrue(
            Interaction.with_user(self.user_all_leads).search([("id", "=", interaction.id)])
        )
        self.assertFalse(Interaction.with_user(self.outsider).search([("id", "=", interaction.id)]))

    def test_a_planned_interaction_goes_to_the_calendar_once_and_follows_its_date(self):
        with freeze_time("2026-03-02 08:00:00"):
            visit = self._plan(datetime(2026, 3, 5, 9), interaction_type=self.type_visit)
            as_owner = visit.with_user(self.deal_owner)
            action = as_owner.action_open_calendar_event()
            event = visit.calendar_event_id
            self.assertEqual(action["res_id"], event.id)
            self.assertEqual(event.start, datetime(2026, 3, 5, 9))
            self.assertEqual(event.opportunity_id, self.deal)
            self.assertEqual(event.partner_ids, self.deal_owner.partner_id | self.physician)
            self.assertIn("T Visit", event.name)
            as_owner.action_open_calendar_event()
            self.assertEqual(
                self.env["calendar.event"].search_count([("opportunity_id", "=", self.deal.id)]), 1
            )
            as_owner.date_planned = datetime(2026, 3, 6, 14)
            self.assertEqual(event.start, datetime(2026, 3, 6, 14))
            self.assertEqual(event.stop, datetime(2026, 3, 6, 15))
            done = self._plan(datetime(2026, 3, 1, 9), result="Met", state="done")
            with self.assertRaisesRegex(UserError, "only planned ones go to the calendar"):
                done.action_open_calendar_event()
