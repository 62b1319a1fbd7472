import base64
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import ServiceContractCase

ACT = base64.b64encode(b"%PDF-1.4 signed act")


@tagged("post_install", "-at_install")
@freeze_time("2026-06-15")
class TestContract(ServiceContractCase):
    def test_winning_the_deal_activates_its_terms_once(self):
        term = self._term(interval=3)
        self.assertEqual(self.lead.contract_state, "draft")
        self.lead.action_set_won()
        self.assertEqual(self.lead.contract_state, "active")
        self.assertEqual(term.state, "active")
        self.assertEqual(len(term.occurrence_ids), 4)
        self.assertIn("contract is active", self.lead.message_ids[0].body)
        # Winning again (or moving between won stages) plans nothing more.
        self.lead.action_set_won()
        self.assertEqual(len(term.occurrence_ids), 4)

    def test_dragging_to_a_won_stage_activates_too(self):
        term = self._term(recurrence="once")
        won_stage = (
            self.env["crm.stage"]
            .with_context(default_deal_kind_id=self.service_kind.id)
            .create({"name": "Signed (test)", "is_won": True})
        )
        self.lead.stage_id = won_stage
        self.assertEqual(term.state, "active")
        self.assertEqual(len(term.occurrence_ids), 1)

    def test_deal_without_terms_is_not_a_contract(self):
        deal = self._create_deal(self.service_kind, name="Equipment sale (test)")
        deal.action_set_won()
        self.assertEqual(deal.contract_state, "draft")

    def test_term_added_to_an_active_contract_is_planned_at_once(self):
        self._term(recurrence="once")
        self.lead.action_set_won()
        later = self._term(interval=6)
        self.assertEqual(later.state, "active")
        self.assertEqual(self._due_dates(later), ["2026-01-01", "2026-07-01"])

    def test_editing_a_term_of_an_active_contract_is_tracked_on_the_deal(self):
        term = self._term(interval=3)
        self.lead.action_set_won()
        # As in real use, the term was created in an earlier transaction: end this one's
        # tracking (a record is not tracked in the transaction that creates it).
        self.env.flush_all()
        self.env.cr.flush()
        term.write({"interval": 2, "serial_number": "SN-77"})
        note = self.lead.message_ids[0]
        self.assertIn("of the active contract changed", note.body)
        self.assertIn("Interval", note.body)
        self.assertIn("Serial Number", note.body)
        # Tracking values are written when the transaction is about to commit.
        self.env.flush_all()
        self.env.cr.flush()
        term.invalidate_recordset(["message_ids"])
        tracked = term.message_ids.tracking_value_ids.mapped("field_id.name")
        self.assertIn("interval", tracked)

    def test_closing_stops_future_obligations_and_keeps_history(self):
        term = self._term()
        self.lead.action_set_won()
        visits = term.occurrence_ids.sorted("date_due")
        visits[0].write({"date_done": "2026-01-03"})
        visits[0].action_done()
        self.lead.with_user(self.user_service_manager).action_close_contract()
        self.assertEqual(self.lead.contract_state, "closed")
        self.assertEqual(str(self.lead.contract_date_closed), "2026-06-15")
        self.assertEqual(term.state, "closed")
        self.assertEqual(len(term.occurrence_ids), 12, "nothing is deleted")
        self.assertEqual(visits[0].state, "done")
        self.assertEqual(set(visits[1:5].mapped("compliance_status")), {"missed"})
        self.assertEqual(visits[5].state, "planned", "due on June 1: still owed")
        future = visits[6:]
        self.assertEqual(set(future.mapped("state")), {"cancelled"})
        self.assertIn("Contract closed on 2026-06-15", future[0].cancel_reason)
        # A closed contract plans nothing any more, even if its term is edited.
        term.date_end = "2027-06-30"
        self.assertEqual(len(term.occurrence_ids), 12)

    def test_compliance_figures_per_term_contract_and_customer(self):
        visits_term = self._term(term_type_id=self.type_visit.id)
        training_term = self._term(
            recurrence="fixed", fixed_date_ids=[(0, 0, {"date": "2026-03-10"})]
        )
        other_deal = self._create_deal(
            self.service_kind, name="Second contract (test)", partner_id=self.department.id
        )
        other_term = self._term(lead=other_deal, recurrence="once", date_start="2026-02-01")
        (self.lead | other_deal).action_set_won()
        visits = visits_term.occurrence_ids.sorted("date_due")
        # Jan on time, Feb late, Mar-May missed, Jun due June 1 done on time (June 1),
        # Jul-Dec upcoming; one waived.
        visits[0].write({"date_done": "2026-01-01", "evidence_file": ACT})
        visits[1].write({"date_done": "2026-02-09", "evidence_file": ACT})
        visits[5].write({"date_done": "2026-06-01", "evidence_file": ACT})
        (visits[0] | visits[1] | visits[5]).action_done()
        visits[11].write({"cancel_reason": "Waived by the hospital"})
        visits[11].action_cancel()
        self.assertEqual(
            (
                visits_term.count_on_time,
                visits_term.count_late,
                visits_term.count_missed,
                visits_term.count_upcoming,
            ),
            (2, 1, 3, 5),
        )
        self.assertEqual(visits_term.compliance_rate, 33.3)
        training = training_term.occurrence_ids
        training.write({"date_done": "2026-03-10"})
        training.action_done()
        self.assertEqual(training_term.compliance_rate, 100.0)
        self.lead.invalidate_recordset()
        self.assertEqual(self.lead.contract_count_on_time, 3)
        self.assertEqual(self.lead.contract_count_missed, 3)
        self.assertEqual(self.lead.contract_compliance_rate, 42.9)
        self.assertEqual(self.lead.contract_occurrence_count, 13)
        # The customer's figure covers both contracts (one signed by its department).
        self.assertEqual(other_term.count_missed, 1)
        self.assertEqual(self.hospital.service_occurrence_count, 14)
        self.assertEqual(self.hospital.service_compliance_rate, 37.5)
        self.assertEqual(self.department.service_compliance_rate, 37.5)
        action = self.hospital.action_view_service_occurrences()
        self.assertEqual(self.env["medcrm.contract.occurrence"].search_count(action["domain"]), 14)

    def test_notification_hooks_answer_from_stored_state(self):
        term = self._term(term_type_id=self.type_visit.id, reminder_days=20)
        self.lead.action_set_won()
        visits = term.occurrence_ids.sorted("date_due")
        visits[1].write({"date_done": "2026-02-20", "evidence_file": ACT})
        visits[1].action_done()
        Occurrence = self.env["medcrm.contract.occurrence"]

        def due(event, today=None):
            domain = Occurrence._medcrm_notify_due_domain(f"contract_obligation_{event}", today)
            return Occurrence.search(domain) & term.occurrence_ids

        self.assertEqual(due("due_soon"), visits[6], "July 1, reminder 20 days before: due soon")
        overdue = due("overdue")
        self.assertEqual(overdue, visits[0] | visits[2] | visits[3] | visits[4] | visits[5])
        self.assertEqual(due("completed_late", today=date(2026, 2, 25)), visits[1])
        self.assertFalse(due("completed_late"), "done late months ago: history, not news")

    def test_first_term_added_to_a_won_deal_starts_its_contract(self):
        self.lead.action_set_won()
        self.assertEqual(self.lead.contract_state, "draft")
        term = self._term(recurrence="once")
        self.assertEqual(self.lead.contract_state, "active")
        self.assertEqual(term.state, "active")
        self.assertEqual(len(term.occurrence_ids), 1)
