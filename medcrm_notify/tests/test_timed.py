from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import NotifyCase

FREEZE_IGNORE = ["asyncio", "aiosmtpd", "concurrent"]


@tagged("post_install", "-at_install")
class TestOverdueActivities(NotifyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Activity = cls.env["mail.activity"]

    def scan(self):
        """The hourly scan's batch: how many overdue activities it read."""
        return len(self.Activity._medcrm_notify_due_batch("lead_activity_overdue", limit=1000))

    def schedule(self, lead, deadline, summary):
        return lead.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=deadline,
            summary=summary,
            user_id=self.seller.id,
        )

    def test_overdue_activity_reported_once_even_after_downtime(self):
        rule = self.make_rule(
            event_code="lead_activity_overdue", user_ids=[(5,)], is_to_team_leader=True
        )
        lead = self.make_lead()
        with freeze_time("2030-01-10 08:00", ignore=FREEZE_IGNORE):
            activity = self.schedule(lead, date(2030, 1, 12), "Send the service contract")
            self.scan()
            self.assertFalse(activity.is_overdue_notified, "not due yet")
            self.assertFalse(self.logs(rule))
        # The scan did not run for a week (downtime): the activity is still reported.
        with freeze_time("2030-01-20 08:00", ignore=FREEZE_IGNORE):
            self.scan()
            self.scan()
        log = self.logs(rule, res_id=lead.id)
        self.assertEqual(len(log), 1)
        self.assertEqual(log.partner_id, self.manager.partner_id)
        self.assertIn("Send the service contract", log.details)
        # in the reader's format (the manager reads English: month/day/year)
        self.assertIn("01/12/2030", log.details)
        self.assertTrue(activity.is_overdue_notified)

    def test_deadline_moved_back_into_the_past_does_not_resend(self):
        rule = self.make_rule(event_code="lead_activity_overdue")
        lead = self.make_lead()
        with freeze_time("2030-01-20 08:00", ignore=FREEZE_IGNORE):
            activity = self.schedule(lead, date(2030, 1, 15), "Call the chief physician")
            self.scan()
            activity.date_deadline = date(2030, 2, 1)
            self.assertFalse(activity.is_overdue_notified, "moved to the future: watched again")
            activity.date_deadline = date(2030, 1, 18)
            self.scan()
            self.assertTrue(activity.is_overdue_notified)
        self.assertEqual(len(self.logs(rule, res_id=lead.id)), 1)

    def test_each_overdue_activity_of_a_deal_is_its_own_occurrence(self):
        rule = self.make_rule(event_code="lead_activity_overdue")
        lead = self.make_lead()
        with freeze_time("2030-01-20 08:00", ignore=FREEZE_IGNORE):
            self.schedule(lead, date(2030, 1, 15), "Send the offer")
            self.schedule(lead, date(2030, 1, 16), "Book the demo unit")
            self.scan()
        self.assertEqual(len(self.logs(rule, res_id=lead.id)), 2)

    def test_no_rule_no_scan(self):
        lead = self.make_lead()
        with freeze_time("2030-01-20 08:00", ignore=FREEZE_IGNORE):
            activity = self.schedule(lead, date(2030, 1, 15), "Send the offer")
            self.assertEqual(self.scan(), 0)
        self.assertFalse(activity.is_overdue_notified)

    def test_activity_of_a_paused_deal_waits_for_the_resumption(self):
        rule = self.make_rule(event_code="lead_activity_overdue")
        lead = self.make_lead()
        with freeze_time("2030-01-10 08:00", ignore=FREEZE_IGNORE):
            activity = self.schedule(lead, date(2030, 1, 12), "Send the service contract")
            lead._medcrm_pause(date(2030, 2, 1), "Hospital budget frozen")
        with freeze_time("2030-01-20 08:00", ignore=FREEZE_IGNORE):
            self.scan()
            self.assertFalse(self.logs(rule, res_id=lead.id), "paused: no overdue reminder")
            self.assertFalse(activity.is_overdue_notified)
            lead.action_medcrm_resume()
            self.scan()
        self.assertEqual(len(self.logs(rule, res_id=lead.id)), 1)
