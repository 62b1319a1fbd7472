import io

import openpyxl
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestServiceContractBrowser(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.director = new_test_user(
            cls.env,
            login="tour_director",
            name="Tour Director",
            groups="medcrm_service_contract.group_service_manager,sales_team.group_sale_manager",
        )
        cls.term_type = cls.env["medcrm.contract.term.type"].create(
            {"name": "Quarterly visit (tour)", "is_evidence_required": True}
        )
        cls.hospital = cls.env["res.partner"].create({"name": "Tour Hospital", "is_company": True})
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Tour service contract",
                "type": "opportunity",
                "partner_id": cls.hospital.id,
                "user_id": cls.director.id,
                "deal_kind_id": cls.env.ref(
                    "medcrm_service_contract.medcrm_deal_kind_service_contract"
                ).id,
            }
        )
        cls.lead.action_set_won()

    def test_tour_add_quarterly_term_and_mark_first_visit_done(self):
        self.start_tour(
            f"/odoo/crm/{self.lead.id}", "medcrm_service_contract_tour", login="tour_director"
        )
        term = self.lead.contract_term_ids
        self.assertEqual(term.term_type_id, self.term_type)
        self.assertEqual((term.recurrence, term.interval, term.state), ("months", 3, "active"))
        self.assertEqual(term.serial_number, "TOUR-SN-1")
        self.assertEqual(len(term.occurrence_ids), 4)
        first = term.occurrence_ids.sorted("date_due")[0]
        self.assertEqual(first.state, "done")
        self.assertEqual(first.evidence_filename, "signed_act.pdf")
        self.assertTrue(first.evidence_file)
        self.assertEqual(first.done_user_id, self.director)
        self.assertEqual(set(term.occurrence_ids[1:].mapped("state")), {"planned"})

    def test_compliance_statement_download(self):
        self.env["medcrm.contract.term"].create(
            {
                "lead_id": self.lead.id,
                "term_type_id": self.term_type.id,
                "date_start": "2026-01-01",
                "date_end": "2026-12-31",
                "interval": 6,
            }
        )
        action = self.lead.action_export_compliance_statement()
        self.authenticate("tour_director", "tour_director")
        response = self.url_open(action["url"])
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        self.assertIn("Compliance", response.headers["Content-Disposition"])
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertEqual(book["Summary"]["B4"].value, "Tour service contract")
        self.assertEqual(book["Obligations"].max_row, 3)

    def test_obligations_views_tour(self):
        hospital = self.env["res.partner"].create({"name": "Views Hospital", "is_company": True})
        lead = self.env["crm.lead"].create(
            {
                "name": "Views contract",
                "type": "opportunity",
                "partner_id": hospital.id,
                "deal_kind_id": self.env.ref(
                    "medcrm_service_contract.medcrm_deal_kind_service_contract"
                ).id,
            }
        )
        self.env["medcrm.contract.term"].create(
            {
                "lead_id": lead.id,
                "term_type_id": self.term_type.id,
                # One visit overdue by 8 days, the next ones at least 3 weeks ahead: only the
                # first is to do by the end of this week.
                "date_start": fields.Date.today() - relativedelta(days=8),
                "date_end": fields.Date.today() + relativedelta(months=11),
                "interval": 1,
                "user_id": self.director.id,
            }
        )
        lead.action_set_won()
        action = self.env.ref("medcrm_service_contract.medcrm_contract_occurrence_action")
        self.start_tour(
            f"/odoo/action-{action.id}",
            "medcrm_service_obligations_views_tour",
            login="tour_director",
        )
