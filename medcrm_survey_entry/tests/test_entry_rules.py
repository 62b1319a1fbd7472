from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import SurveyEntryCase


@tagged("post_install", "-at_install")
class TestEntryRules(SurveyEntryCase):
    """A sheet shows its deal's name and customer: who reads which sheet follows the deal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.operator = new_test_user(
            cls.env,
            login="se_rules_operator",
            groups="base.group_user,medcrm_survey_entry.medcrm_survey_entry_group_operator",
        )
        cls.colleague_deal = cls._create_deal(
            name="Colleague's CT", user_id=cls.user_salesman_other.id
        )
        cls.colleague_entry = cls.env["medcrm.survey.entry"].create(
            {
                "survey_id": cls.survey.id,
                "partner_id": cls.hospital.id,
                "lead_id": cls.colleague_deal.id,
                "user_id": cls.user_salesman_other.id,
            }
        )
        cls.own_entry = cls.env["medcrm.survey.entry"].create(
            {
                "survey_id": cls.survey.id,
                "partner_id": cls.hospital.id,
                "lead_id": cls.deal.id,
                "user_id": cls.user_salesman_other.id,
            }
        )

    def _visible(self, user):
        return (
            self.env["medcrm.survey.entry"]
            .with_user(user)
            .search([("id", "in", (self.colleague_entry | self.own_entry).ids)])
        )

    def test_own_documents_salesperson_reads_sheets_of_own_deals_only(self):
        self.assertEqual(self._visible(self.user_salesman), self.own_entry)
        lines = (
            self.env["medcrm.survey.entry.line"]
            .with_user(self.user_salesman)
            .search([("entry_id", "=", self.colleague_entry.id)])
        )
        self.assertFalse(lines)

    def test_all_leads_salesperson_and_survey_manager_read_every_sheet(self):
        for user in (self.user_all_leads, self.survey_manager):
            self.assertEqual(self._visible(user), self.colleague_entry | self.own_entry)

    def test_operator_reads_own_sheets_not_deals(self):
        self.assertFalse(self._visible(self.operator))
        entry = self._new_entry(user=self.operator)
        self.assertEqual(
            self.env["medcrm.survey.entry"]
            .with_user(self.operator)
            .search([("id", "=", entry.id)]),
            entry,
        )

    def test_sheet_is_linked_to_readable_deals_only(self):
        with self.assertRaisesRegex(AccessError, "may not read the deal"):
            self._new_entry(user=self.user_salesman, lead_id=self.colleague_deal.id)
        with self.assertRaisesRegex(AccessError, "may not read the deal"):
            self._new_entry(user=self.operator, lead_id=self.deal.id)
        entry = self._new_entry(user=self.user_salesman, lead_id=self.deal.id)
        with self.assertRaisesRegex(AccessError, "may not read the deal"):
            entry.write({"lead_id": self.colleague_deal.id})
