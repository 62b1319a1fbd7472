from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ServiceContractCase


@tagged("post_install", "-at_install")
@freeze_time("2026-06-15")
class TestContractReadRules(ServiceContractCase):
    """A contract's terms and obligations are read as its deal: a colleague's contract tells its
    customer, service prices and serials. Service users read every contract."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own_deal = cls._create_deal(
            cls.service_kind, name="Own contract", user_id=cls.user_salesman.id
        )
        cls.colleague_deal = cls._create_deal(
            cls.service_kind, name="Colleague's contract", user_id=cls.user_salesman_other.id
        )
        on_dates = {"recurrence": "fixed", "fixed_date_ids": [(0, 0, {"date": "2026-09-01"})]}
        cls.own_term = cls._term(lead=cls.own_deal, **on_dates)
        cls.colleague_term = cls._term(lead=cls.colleague_deal, **on_dates)
        cls.terms = cls.own_term | cls.colleague_term
        # signed: the obligations are planned
        (cls.own_deal | cls.colleague_deal).action_set_won()

    def _visible(self, user, model, field):
        return self.env[model].with_user(user).search([(field, "in", self.terms.ids)])

    def test_own_documents_salesperson_reads_own_contracts_only(self):
        Term = self.env["medcrm.contract.term"].with_user(self.user_salesman)
        self.assertEqual(Term.search([("id", "in", self.terms.ids)]), self.own_term)
        occurrences = self._visible(self.user_salesman, "medcrm.contract.occurrence", "term_id")
        self.assertTrue(occurrences)
        self.assertEqual(occurrences.term_id, self.own_term)
        dates = self._visible(self.user_salesman, "medcrm.contract.term.date", "term_id")
        self.assertEqual(dates.term_id, self.own_term)

    def test_engineers_and_all_leads_read_every_contract(self):
        for user in (self.user_engineer_2, self.user_all_leads, self.user_manager):
            with self.subTest(user=user.login):
                Term = self.env["medcrm.contract.term"].with_user(user)
                self.assertEqual(Term.search([("id", "in", self.terms.ids)]), self.terms)
                occurrences = self._visible(user, "medcrm.contract.occurrence", "term_id")
                self.assertEqual(occurrences.term_id, self.terms)

    def test_read_rules_give_no_write(self):
        # the engineer reads the other engineer's term but changes only their own
        other = self._term(lead=self.colleague_deal, user_id=self.user_engineer_2.id)
        term = other.with_user(self.user_engineer)
        self.assertEqual(term.name, other.name)
        with self.assertRaises(AccessError):
            term.write({"serial_number": "SN-42"})
