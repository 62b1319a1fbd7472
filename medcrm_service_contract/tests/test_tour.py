import io
import json

import openpyxl
from dateutil.relativedelta import relativedelta

from odoo import fields, http
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import ServiceContractCase


@tagged("post_install", "-at_install")
class TestServiceContractBrowser(ServiceContractCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The service director also manages sales (as in the demo company's set-up).
        cls.user_service_manager.groups_id += cls.env.ref("sales_team.group_sale_manager")
        cls.term_type = cls.env["medcrm.contract.term.type"].create(
            {"name": "Quarterly visit (tour)", "is_evidence_required": True}
        )
        cls.lead.user_id = cls.user_service_manager
        cls.lead.action_set_won()

    def test_tour_add_quarterly_term_and_mark_first_visit_done(self):
        self.start_tour(
            f"/odoo/crm/{self.lead.id}", "medcrm_service_contract_tour", login="svc_director"
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
        self.assertEqual(first.result, "Visit done, act signed by the head of department.")
        self.assertEqual(first.done_user_id, self.user_service_manager)
        self.assertEqual(set(term.occurrence_ids[1:].mapped("state")), {"planned"})

    def _download(self, report_xmlid):
        """Download a report as the web client does: report_xlsx's and Odoo's /report/download,
        given the report's URL and type."""
        report = self.env.ref(report_xmlid)
        converter = report.report_type.removeprefix("qweb-")
        url = f"/report/{converter}/{report.report_name}/{self.lead.id}"
        return self.url_open(
            "/report/download",
            data={
                "data": json.dumps([url, report.report_type]),
                "context": json.dumps({"lang": "en_US"}),
                "csrf_token": http.Request.csrf_token(self),
            },
        )

    def test_compliance_statement_download(self):
        self._term(term_type_id=self.term_type.id, interval=6, user_id=False)
        self.authenticate("svc_director", "svc_director")
        response = self._download("medcrm_service_contract.compliance_statement_xlsx_report")
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        self.assertIn("Compliance", response.headers["Content-Disposition"])
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertEqual(book["Summary"]["B4"].value, "Maintenance contract (test)")
        self.assertEqual(book["Obligations"].max_row, 3)

    def test_compliance_statement_download_is_refused_to_who_may_not_read_the_deal(self):
        self._term(term_type_id=self.term_type.id, interval=6, user_id=False)
        self.lead.user_id = self.user_salesman
        self.authenticate(self.user_salesman_other.login, self.user_salesman_other.login)
        with mute_logger("odoo.addons.report_xlsx.controllers.main"):
            response = self._download("medcrm_service_contract.compliance_statement_xlsx_report")
        # report_xlsx answers a failed export with the error as JSON, not a file
        self.assertNotIn("spreadsheetml", response.headers["Content-Type"])
        self.assertIn("AccessError", response.text)

    def test_obligations_views_tour(self):
        self._term(
            term_type_id=self.term_type.id,
            # One visit overdue by 8 days, the next ones at least 3 weeks ahead: only the
            # first is to do by the end of this week.
            date_start=fields.Date.today() - relativedelta(days=8),
            date_end=fields.Date.today() + relativedelta(months=11),
            user_id=self.user_service_manager.id,
        )
        action = self.env.ref("medcrm_service_contract.medcrm_contract_occurrence_action")
        self.start_tour(
            f"/odoo/action-{action.id}",
            "medcrm_service_obligations_views_tour",
            login="svc_director",
        )
