import base64
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import ServiceContractCase

ACT = base64.b64encode(b"%PDF-1.4 signed act")


@tagged("post_install", "-at_install")
class TestNotifyEvents(ServiceContractCase):
    """The obligation events reach medcrm_notify through its extension point: a rule on each
    event logs one entry per obligation, and the next runs of the hourly job add nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Log = cls.env["medcrm.notify.log"]

    def _logs(self, rule):
        return self.Log.search([("rule_id", "=", rule.id)])

    def _run_cron(self):
        Occurrence = self.env["medcrm.contract.occurrence"]
        while Occurrence._cron_update_obligations(batch_size=3):
            pass

    def test_events_are_offered_on_obligations(self):
        selection = dict(
            self.env["medcrm.notify.rule"]._fields["event_code"]._description_selection(self.env)
        )
        for code in (
            "contract_obligation_due_soon",
            "contract_obligation_overdue",
            "contract_obligation_completed_late",
        ):
            self.assertIn(code, selection)
            rule = self._rule(code)
            self.assertEqual(rule.model_name, "medcrm.contract.occurrence")

    def test_due_soon_is_logged_once_per_obligation(self):
        rule = self._rule("contract_obligation_due_soon")
        term = self._term(reminder_days=10)
        with freeze_time("2026-01-25"):
            self.lead.action_set_won()
            self._run_cron()
        # February 1: reminder from January 22. January 1 is overdue, not "due soon".
        logs = self._logs(rule)
        february = term.occurrence_ids.filtered(lambda o: o.date_due == date(2026, 2, 1))
        self.assertEqual(logs.res_id, february.id)
        self.assertEqual(len(logs), 1)
        self.assertEqual(logs.partner_id, self.user_service_manager.partner_id)
        self.assertIn("02/01/2026", logs.details)
        self.assertTrue(february.is_due_soon_notified)
        with freeze_time("2026-01-26"):
            self._run_cron()
        self.assertEqual(len(self._logs(rule)), 1, "not again on the next run")

    def test_overdue_is_logged_once_over_several_chunks(self):
        rule = self._rule("contract_obligation_overdue", is_to_salesperson=True)
        term = self._term()
        with freeze_time("2026-08-10"):
            self.lead.action_set_won()
            # January to August: 8 obligations overdue, more than two chunks of 3.
            self._run_cron()
            logs = self._logs(rule)
            overdue = term.occurrence_ids.filtered("is_overdue")
            self.assertEqual(len(overdue), 8)
            self.assertEqual(set(logs.mapped("res_id")), set(overdue.ids))
            # Two recipients each (the rule's user, the responsible engineer), once.
            self.assertEqual(len(logs), 16)
            self.assertEqual(
                set(logs.mapped("partner_id").ids),
                {self.user_service_manager.partner_id.id, self.user_engineer.partner_id.id},
            )
            self._run_cron()
        with freeze_time("2026-08-11"):
            self._run_cron()
        self.assertEqual(len(self._logs(rule)), 16, "not again on the next runs")

    def test_overdue_moved_to_the_future_then_overdue_again_notifies_again(self):
        rule = self._rule("contract_obligation_overdue")
        term = self._term(recurrence="once", date_start="2026-03-01")
        with freeze_time("2026-03-10"):
            self.lead.action_set_won()
            self._run_cron()
            visit = term.occurrence_ids
            self.assertEqual(len(self._logs(rule)), 1)
            visit.date_due = date(2026, 3, 20)
            self.assertFalse(visit.is_overdue_notified, "watched again")
        with freeze_time("2026-03-25"):
            self._run_cron()
            self._run_cron()
        self.assertEqual(len(self._logs(rule)), 2, "the new due date was missed too")

    def test_completed_late_is_logged_once_at_completion(self):
        rule = self._rule("contract_obligation_completed_late")
        term = self._term(term_type_id=self.type_visit.id, recurrence="once")
        with freeze_time("2026-01-12"):
            self.lead.action_set_won()
            visit = term.occurrence_ids
            visit.with_user(self.user_engineer).write({"evidence_file": ACT})
            visit.with_user(self.user_engineer).action_done()
            logs = self._logs(rule)
            self.assertEqual(len(logs), 1, "reported at once, in the completing transaction")
            self.assertEqual(logs.res_id, visit.id)
            self.assertIn("days late: 11", logs.details)
            self._run_cron()
        with freeze_time("2026-01-13"):
            self._run_cron()
        self.assertEqual(len(self._logs(rule)), 1, "not again on the next runs")

    def test_done_on_time_is_not_completed_late(self):
        rule = self._rule("contract_obligation_completed_late")
        term = self._term(recurrence="once", date_start="2026-01-20")
        with freeze_time("2026-01-12"):
            self.lead.action_set_won()
            term.occurrence_ids.action_done()
            self._run_cron()
        self.assertFalse(self._logs(rule))

    def test_without_rules_nothing_is_flagged(self):
        term = self._term()
        with freeze_time("2026-08-10"):
            self.lead.action_set_won()
            self._run_cron()
        self.assertFalse(any(term.occurrence_ids.mapped("is_overdue_notified")))
