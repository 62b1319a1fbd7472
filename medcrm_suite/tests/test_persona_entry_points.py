"""What the click-everywhere walk found a persona could not open, checked without a browser."""

from odoo import Command
from odoo.tests import Form, TransactionCase, tagged

from .personas import create_personas


@tagged("post_install", "-at_install")
class TestPersonaEntryPoints(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = create_personas(
            cls.env, keys=["sales_own", "storekeeper", "operator"], prefix="entry"
        )
        cls.hospital = cls.env["res.partner"].create({"name": "Entry Hospital", "is_company": True})

    def test_storekeeper_reads_every_contract_term_form_they_find(self):
        kind = self.env.ref("medcrm_service_contract.medcrm_deal_kind_service_contract")
        deals = self.env["crm.lead"].create(
            [
                {"name": f"Entry contract {owner}", "type": "opportunity",
                 "partner_id": self.hospital.id, "deal_kind_id": kind.id, "user_id": owner}
                for owner in (self.users["sales_own"].id, self.users["storekeeper"].id, False)
            ]
        )  # fmt: skip
        term_type = self.env["medcrm.contract.term.type"].create({"name": "Entry visit"})
        self.env["medcrm.contract.term"].create(
            [
                {"lead_id": deal.id, "term_type_id": term_type.id, "date_start": "2026-01-01",
                 "date_end": "2026-12-31", "recurrence": "months", "interval": 3}
                for deal in deals
            ]
        )  # fmt: skip
        Term = self.env["medcrm.contract.term"].with_user(self.users["storekeeper"])
        terms = Term.search([])
        # like the deals: their own and unassigned contracts, not a colleague's
        self.assertEqual(terms.filtered(lambda t: t.lead_id in deals).lead_id, deals[1:])
        # the form reads what its view shows (Form: the web client's web_read)
        for term in terms:
            with self.subTest(term=term.sudo().display_name, deal=term.sudo().lead_id.user_id.name):
                self.assertEqual(Form(term).medcrm_customer_id, term.sudo().medcrm_customer_id)

    def test_operator_has_a_menu_to_their_entries_and_creates_one(self):
        operator = self.users["operator"]
        menus = self.env["ir.ui.menu"].with_user(operator).load_menus(False)
        action = self.env.ref("medcrm_survey_entry.medcrm_survey_entry_action")
        actions = {menu.get("action") for menu in menus.values()}
        self.assertIn(f"ir.actions.act_window,{action.id}", actions)
        root = self.env.ref("medcrm_survey_entry.medcrm_survey_entry_menu_root")
        self.assertIn(root.id, menus["root"]["children"])
        # a salesperson keeps the questionnaires under CRM
        sales_menus = self.env["ir.ui.menu"].with_user(self.users["sales_own"]).load_menus(False)
        crm_menu = self.env.ref("medcrm_survey_entry.medcrm_survey_entry_menu_crm")
        self.assertIn(crm_menu.id, sales_menus)

        survey = self.env["survey.survey"].create(
            {"title": "Entry satisfaction",
             "question_and_page_ids": [
                 Command.create({"title": "Your name", "question_type": "char_box"})]}
        )  # fmt: skip
        Entry = self.env["medcrm.survey.entry"].with_user(operator)
        with Form(Entry) as form:
            form.survey_id = survey
            form.partner_id = self.hospital
        entry = form.record
        self.assertEqual(entry.user_id, operator)
        self.assertEqual(Entry.search([("id", "=", entry.id)]), entry)
