import base64

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ServiceContractCase


@tagged("post_install", "-at_install")
@freeze_time("2026-06-15")
class TestSecurity(ServiceContractCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.term = cls._term(interval=3)
        cls.lead.action_set_won()

    def test_engineer_marks_own_obligation_done(self):
        visit = self.term.occurrence_ids.sorted("date_due")[0].with_user(self.user_engineer)
        visit.write({"date_done": "2026-01-10", "result": "Done"})
        visit.action_done()
        self.assertEqual(visit.state, "done")
        self.assertEqual(visit.done_user_id, self.user_engineer)
        with self.assertRaisesRegex(AccessError, "Only service managers can reopen"):
            visit.action_reset_to_planned()
        visit.with_user(self.user_service_manager).action_reset_to_planned()
        self.assertEqual((visit.state, visit.date_done), ("planned", False))

    def test_other_engineer_reads_but_cannot_change_the_obligation(self):
        visit = self.term.occurrence_ids[0].with_user(self.user_engineer_2)
        self.assertEqual(visit.state, "planned")
        with self.assertRaises(AccessError):
            visit.write({"date_done": "2026-01-10"})
        with self.assertRaises(AccessError):
            self.term.with_user(self.user_engineer_2).write({"interval": 1})

    def test_engineer_cannot_configure_term_types_nor_delete(self):
        with self.assertRaises(AccessError):
            self.env["medcrm.contract.term.type"].with_user(self.user_engineer).create(
                {"name": "X"}
            )
        with self.assertRaises(AccessError):
            self.term.occurrence_ids[-1].with_user(self.user_engineer).unlink()
        with self.assertRaises(AccessError):
            self.term.with_user(self.user_engineer).unlink()

    def test_engineer_adds_a_term_and_logs_a_breakdown(self):
        term = (
            self.env["medcrm.contract.term"]
            .with_user(self.user_engineer)
            .create(
                {
                    "lead_id": self.lead.id,
                    "term_type_id": self.type_response.id,
                    "date_start": "2026-01-01",
                    "date_end": "2026-12-31",
                }
            )
        )
        self.assertEqual(term.state, "active")
        self.assertEqual(term.response_hours, 48)
        call = (
            self.env["medcrm.contract.occurrence"]
            .with_user(self.user_engineer)
            .create({"term_id": term.id, "datetime_reported": "2026-06-14 10:00:00"})
        )
        self.assertEqual(call.user_id, self.user_engineer)

    def test_manager_changes_everything(self):
        TermType = self.env["medcrm.contract.term.type"].with_user(self.user_service_manager)
        kind = TermType.create({"name": "Dosimetry check"})
        kind.write({"is_evidence_required": True})
        visit = self.term.occurrence_ids[1].with_user(self.user_service_manager)
        visit.write(
            {
                "date_done": "2026-04-02",
                "evidence_file": base64.b64encode(b"act"),
                "user_id": self.user_engineer_2.id,
            }
        )
        self.term.occurrence_ids[-1].with_user(self.user_service_manager).unlink()
        self.assertEqual(len(self.term.occurrence_ids), 3)

    def test_salesman_sees_the_terms_read_only(self):
        self.lead.user_id = self.user_salesman
        lead = self.lead.with_user(self.user_salesman)
        self.assertEqual(len(lead.contract_term_ids), 1)
        self.assertFalse(lead.is_contract_editor)
        self.assertTrue(self.lead.with_user(self.user_engineer).is_contract_editor)
        with self.assertRaises(AccessError):
            lead.contract_term_ids.write({"interval": 1})
        with self.assertRaises(AccessError):
            self.term.occurrence_ids[0].with_user(self.user_salesman).action_done()

    def test_other_company_obligations_are_hidden(self):
        other_company = self.env["res.company"].create({"name": "Other Co (test)"})
        deal = self._create_deal(
            self.service_kind,
            name="Foreign contract",
            partner_id=False,
            company_id=other_company.id,
        )
        self._term(lead=deal, date_end="2026-01-31", recurrence="once", user_id=False)
        deal.action_set_won()
        visible = (
            self.env["medcrm.contract.occurrence"]
            .with_user(self.user_service_manager)
            .search([("lead_id", "in", (deal | self.lead).ids)])
        )
        self.assertEqual(visible.lead_id, self.lead)

    def test_other_engineer_cannot_move_fixed_dates(self):
        term = self._term(recurrence="fixed", fixed_date_ids=[(0, 0, {"date": "2026-09-01"})])
        with self.assertRaises(AccessError):
            term.fixed_date_ids.with_user(self.user_engineer_2).write({"date": "2026-10-01"})
        term.with_user(self.user_engineer).write(
            {"fixed_date_ids": [(1, term.fixed_date_ids.id, {"date": "2026-10-01"})]}
        )
        self.assertEqual(self._due_dates(term), ["2026-10-01"])

    def test_salesman_wins_a_service_deal_and_its_terms_start(self):
        deal = self._create_deal(
            self.service_kind,
            name="Salesman's deal",
            partner_id=False,
            user_id=self.user_salesman.id,
        )
        term = self._term(lead=deal, interval=6)
        deal.with_user(self.user_salesman).action_set_won()
        self.assertEqual(deal.contract_state, "active")
        self.assertEqual(term.state, "active")
        self.assertEqual(len(term.occurrence_ids), 2)
        with self.assertRaisesRegex(AccessError, "Only service managers"):
            deal.with_user(self.user_salesman).action_close_contract()
        with self.assertRaisesRegex(AccessError, "Only service managers"):
            deal.with_user(self.user_engineer).action_close_contract()
