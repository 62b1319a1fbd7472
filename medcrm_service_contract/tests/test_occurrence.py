import base64

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import ServiceContractCase

ACT = base64.b64encode(b"%PDF-1.4 signed act")


@tagged("post_install", "-at_install")
@freeze_time("2026-06-15")
class TestOccurrence(ServiceContractCase):
    def _visits(self, **vals):
        term = self._term(term_type_id=self.type_visit.id, **vals)
        term._activate()
        return term.occurrence_ids.sorted("date_due")

    def test_done_without_required_evidence_is_rejected(self):
        visit = self._visits()[0]
        with self.assertRaisesRegex(ValidationError, "attach the signed act in the Evidence"):
            visit.action_done()
        visit.write({"evidence_file": ACT, "evidence_filename": "act.pdf"})
        visit.action_done()
        self.assertEqual(visit.state, "done")

    def test_mark_done_asks_for_the_required_evidence_in_a_dialog(self):
        visit = self._visits()[0].with_user(self.user_engineer)
        action = visit.action_mark_done()
        self.assertEqual(visit.state, "planned", "nothing is done before the evidence is given")
        self.assertEqual(action["res_model"], "medcrm.contract.occurrence.done.wizard")
        Wizard = self.env[action["res_model"]].with_user(self.user_engineer)
        dialog = Form(Wizard.with_context(**action["context"]))
        self.assertEqual(dialog.occurrence_id, visit)
        with self.assertRaisesRegex(AssertionError, "evidence_file"):
            dialog.save()
        dialog.evidence_file = ACT
        dialog.result = "Visit done, act signed by the head of radiology."
        dialog.save().action_confirm()
        self.assertEqual(visit.state, "done")
        self.assertEqual(visit.evidence_file, ACT)
        self.assertEqual(visit.result, "Visit done, act signed by the head of radiology.")
        self.assertEqual(visit.done_user_id, self.user_engineer)

    def test_mark_done_without_required_evidence_needs_no_dialog(self):
        term = self._term(recurrence="once", date_start="2026-07-01")
        term._activate()
        training = term.occurrence_ids.with_user(self.user_engineer)
        self.assertIs(training.action_mark_done(), True)
        self.assertEqual(training.state, "done")
        visit = self._visits()[0]
        visit.evidence_file = ACT
        self.assertIs(visit.action_mark_done(), True, "the evidence is there: done at once")
        self.assertEqual(visit.state, "done")

    def test_done_obligation_records_date_and_who(self):
        visit = self._visits()[5].with_user(self.user_engineer)
        self.assertEqual(str(visit.date_due), "2026-06-01")
        with Form(visit) as form:
            form.result = "Visit done, act signed by the head of radiology."
            form.evidence_file = ACT
        visit.action_done()
        self.assertEqual(str(visit.date_done), "2026-06-15")
        self.assertEqual(visit.done_user_id, self.user_engineer)
        self.assertTrue(visit.is_late)
        self.assertEqual(visit.days_late, 14)
        self.assertEqual(visit.compliance_status, "late")

    def test_completion_date_in_future_is_rejected(self):
        visit = self._visits()[6]
        with self.assertRaisesRegex(ValidationError, "Completion Date 2026-06-16 is in the future"):
            visit.write({"date_done": "2026-06-16"})

    def test_done_on_time_and_training_needs_no_evidence(self):
        term = self._term(recurrence="once", date_start="2026-07-01")
        term._activate()
        training = term.occurrence_ids
        training.write({"date_done": "2026-06-10"})
        training.action_done()
        self.assertEqual(training.compliance_status, "on_time")

    def test_cancel_needs_a_reason_and_is_excluded_from_compliance(self):
        visit = self._visits()[7]
        with self.assertRaisesRegex(ValidationError, "give the Cancellation Reason"):
            visit.action_cancel()
        visit.cancel_reason = "Device moved to another department for renovation"
        visit.action_cancel()
        self.assertEqual(visit.compliance_status, "cancelled")

    def test_new_obligation_past_due_is_overdue_at_once(self):
        visits = self._visits()
        # January to June 1 are past on June 15.
        self.assertEqual(visits.mapped("is_overdue"), [True] * 6 + [False] * 6)
        self.assertEqual(visits[0].compliance_status, "missed")
        self.assertEqual(visits[6].compliance_status, "upcoming")

    def test_overdue_cron_works_in_chunks_and_resumes(self):
        visits = self._visits(date_start="2026-07-01", date_end="2026-11-30")
        self.assertFalse(any(visits.mapped("is_overdue")))
        Occurrence = self.env["medcrm.contract.occurrence"]
        with freeze_time("2026-12-20"):
            flagged_before = Occurrence.search_count([("is_overdue", "=", True)])
            remaining = Occurrence._cron_update_obligations(batch_size=2)
            # One chunk per run: exactly two more obligations flagged, the rest left for later.
            self.assertEqual(
                Occurrence.search_count([("is_overdue", "=", True)]), flagged_before + 2
            )
            self.assertGreater(remaining, 0)
            runs = 1
            while remaining and runs < 50:
                remaining = Occurrence._cron_update_obligations(batch_size=2)
                runs += 1
            self.assertEqual(remaining, 0)
            self.assertGreaterEqual(runs, 3)
            self.assertTrue(all(visits.mapped("is_overdue")))
            self.assertEqual(set(visits.mapped("compliance_status")), {"missed"})
            # Nothing left: a further run changes nothing.
            self.assertEqual(Occurrence._cron_update_obligations(batch_size=2), 0)
            self.assertEqual(len(visits.filtered("is_overdue")), 5)

    def test_reminder_activity_is_scheduled_once(self):
        visits = self._visits(date_start="2026-06-20", date_end="2026-07-31", reminder_days=7)
        Occurrence = self.env["medcrm.contract.occurrence"]
        Occurrence._cron_update_obligations()
        first = visits[0]
        self.assertEqual(len(first.activity_ids), 1)
        self.assertEqual(first.activity_ids.user_id, self.user_engineer)
        self.assertEqual(str(first.activity_ids.date_deadline), "2026-06-20")
        self.assertFalse(visits[1].activity_ids)  # July 20: reminder on July 13
        Occurrence._cron_update_obligations()
        self.assertEqual(len(first.activity_ids), 1)
        first.write({"evidence_file": ACT, "date_done": "2026-06-15"})
        first.action_done()
        self.assertFalse(first.activity_ids)

    def test_deleting_a_term_with_done_obligations_is_refused(self):
        visit = self._visits()[0]
        visit.write({"evidence_file": ACT, "date_done": "2026-01-05"})
        visit.action_done()
        with self.assertRaisesRegex(UserError, "Archive the term instead"):
            visit.term_id.unlink()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            visit.unlink()
        visits = visit.term_id.occurrence_ids.sorted("date_due")
        visit.term_id.action_archive()
        self.assertFalse(visit.term_id.active)
        self.assertTrue(visit.exists())
        # Archived: what was still planned after today is cancelled, the rest is history.
        self.assertEqual(visit.state, "done")
        self.assertEqual(set(visits[1:6].mapped("compliance_status")), {"missed"})
        self.assertEqual(set(visits[6:].mapped("state")), {"cancelled"})
        self.assertEqual(visits[6].cancel_reason, "Contract term archived")

    def test_deleting_a_term_without_history_removes_its_plan(self):
        visits = self._visits()
        term = visits.term_id
        term.unlink()
        self.assertFalse(visits.exists())

    def test_breakdown_response_met_and_missed(self):
        term = self._term(term_type_id=self.type_response.id, recurrence="once")
        term._activate()
        self.assertFalse(term.occurrence_ids, "a response-time term plans nothing by itself")
        action = term.action_log_breakdown()
        self.assertEqual(action["res_model"], "medcrm.contract.occurrence")
        Occurrence = self.env["medcrm.contract.occurrence"]
        met = Occurrence.create(
            {
                "term_id": term.id,
                "datetime_reported": "2026-06-10 09:00:00",
                "datetime_on_site": "2026-06-11 17:00:00",
            }
        )
        missed = Occurrence.create(
            {
                "term_id": term.id,
                "datetime_reported": "2026-06-11 09:00:00",
                "datetime_on_site": "2026-06-13 10:00:00",
            }
        )
        open_call = Occurrence.create(
            {"term_id": term.id, "datetime_reported": "2026-06-12 08:00:00"}
        )
        self.assertEqual(str(met.datetime_deadline), "2026-06-12 09:00:00")
        (met | missed).action_done()
        self.assertEqual(met.compliance_status, "on_time")
        self.assertEqual(str(met.date_done), "2026-06-11")
        self.assertEqual(missed.compliance_status, "late")
        self.assertEqual(
            (met.response_status, missed.response_status, open_call.response_status),
            ("met", "missed", "missed"),
        )
        # Reported on the 12th at 08:00, nobody on site 48 h later: missed.
        self.assertTrue(open_call.is_overdue)
        self.assertEqual(open_call.compliance_status, "missed")
        with self.assertRaisesRegex(ValidationError, "fill in when the engineer was on site"):
            open_call.action_done()
        with self.assertRaisesRegex(ValidationError, "when the breakdown was reported"):
            Occurrence.create({"term_id": term.id})
        with self.assertRaisesRegex(ValidationError, "cannot be on site before"):
            open_call.datetime_on_site = "2026-06-12 07:00:00"

    def test_no_reminder_for_someone_who_cannot_open_the_obligation(self):
        outsider = self.env["res.users"].create(
            {"name": "Warehouse clerk", "login": "svc_outsider", "groups_id": [(6, 0, [])]}
        )
        visits = self._visits(date_start="2026-06-20", date_end="2026-06-30")
        visits.user_id = outsider
        self.env["medcrm.contract.occurrence"]._cron_update_obligations()
        self.assertFalse(visits.activity_ids)
        self.assertFalse(visits.is_reminder_scheduled)

    def test_breakdown_past_its_deadline_is_flagged_the_same_day(self):
        term = self._term(term_type_id=self.type_response.id, recurrence="once")
        term._activate()
        call = self.env["medcrm.contract.occurrence"].create(
            {"term_id": term.id, "datetime_reported": "2026-06-15 00:30:00"}
        )
        self.assertFalse(call.is_overdue)
        with freeze_time("2026-06-17 10:00:00"):
            self.env["medcrm.contract.occurrence"]._cron_update_obligations()
            self.assertEqual(str(call.date_due), "2026-06-17")
            self.assertTrue(call.is_overdue)
            self.assertEqual(call.compliance_status, "missed")
