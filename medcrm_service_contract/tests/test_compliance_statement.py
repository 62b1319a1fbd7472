import base64

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.medcrm_deals.tests.common import open_xlsx_action, render_pdf_text

from .common import ServiceContractCase


@tagged("post_install", "-at_install")
@freeze_time("2026-06-15")
class TestComplianceStatement(ServiceContractCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead.name = "MRI maintenance 2026"
        cls.term = cls._term(
            term_type_id=cls.type_visit.id,
            name="Quarterly maintenance of the MRI",
            product_id=cls.device.id,
            serial_number="MRI-0042",
            interval=3,
        )

    def _win_and_do_the_first_visit(self):
        self.lead.action_set_won()
        visits = self.term.occurrence_ids.sorted("date_due")
        visits[0].write(
            {
                "date_done": "2026-01-12",
                "evidence_file": base64.b64encode(b"act"),
                "evidence_filename": "act-1.pdf",
                "result": "Coil replaced",
            }
        )
        visits[0].action_done()
        return visits

    def _xlsx(self, user=None):
        report = self.env.ref("medcrm_service_contract.compliance_statement_xlsx_report")
        lead = self.lead.with_user(user) if user else self.lead
        return open_xlsx_action(lead.env, report.report_action(lead, config=False))

    def _pdf(self, lead):
        return render_pdf_text(
            self.env, "medcrm_service_contract.compliance_statement_pdf_report", lead
        )

    def test_statement_lists_terms_and_obligations_with_their_figures(self):
        self._win_and_do_the_first_visit()
        book = self._xlsx()
        self.assertEqual(book.sheetnames, ["Summary", "Obligations"])
        summary = book["Summary"]
        self.assertEqual(summary["A1"].value, "Compliance statement")
        self.assertEqual(summary["A3"].value, "Customer")
        self.assertEqual(summary["B3"].value, "T City Hospital No. 1")
        self.assertEqual(summary["B4"].value, "MRI maintenance 2026")
        self.assertEqual(summary["B5"].value, "Active")
        self.assertEqual(summary["B6"].value, 0.0)  # Jan late, Apr missed: 0 % on time
        header = [cell.value for cell in summary[9]]
        self.assertEqual(header[:4], ["Term type", "Description", "Equipment", "Serial number"])
        self.assertEqual(header[-1], "Compliance (%)")
        row = [cell.value for cell in summary[10]]
        self.assertEqual(row[0], "Maintenance visit (test)")
        self.assertEqual(row[1], "Quarterly maintenance of the MRI")
        self.assertEqual(row[2], "Test MRI")
        self.assertEqual(row[3], "MRI-0042")
        self.assertEqual(row[4].date().isoformat(), "2026-01-01")
        self.assertEqual(row[6], "Interval in months: 3")
        self.assertEqual(row[7:12], [0, 1, 1, 2, 0])
        detail = book["Obligations"]
        self.assertEqual(detail["A1"].value, "Due date")
        self.assertEqual(detail.max_row, 5)
        self.assertEqual(detail["A2"].value.date().isoformat(), "2026-01-01")
        self.assertEqual(detail["E2"].value, "Late")
        self.assertEqual(detail["F2"].value.date().isoformat(), "2026-01-12")
        self.assertEqual(detail["G2"].value, 11)
        self.assertEqual(detail["I2"].value, "Coil replaced")
        self.assertEqual(detail["E3"].value, "Overdue")
        self.assertEqual(detail["E4"].value, "Upcoming")

    def test_xlsx_cells_are_text_never_formulas(self):
        formula = '=HYPERLINK("http://evil.example","click")'
        self.lead.name = formula
        self.hospital.name = "=1+1"
        self.term.write({"name": "=2+2", "serial_number": "=3+3"})
        visits = self._win_and_do_the_first_visit()
        visits[0].result = "=4+4"
        book = self._xlsx()
        summary, detail = book["Summary"], book["Obligations"]
        for cell, text in [
            (summary["B3"], "=1+1"),
            (summary["B4"], formula),
            (summary["B10"], "=2+2"),
            (summary["D10"], "=3+3"),
            (detail["B2"], "=2+2"),
            (detail["D2"], "=3+3"),
            (detail["I2"], "=4+4"),
        ]:
            self.assertEqual(cell.data_type, "s", cell.coordinate)
            self.assertEqual(cell.value, text, cell.coordinate)
            self.assertIsNone(cell.hyperlink, cell.coordinate)

    def test_only_who_may_read_the_contract_gets_its_statement(self):
        self.lead.action_set_won()
        self.assertEqual(
            self._xlsx(self.user_service_manager)["Summary"]["B4"].value, self.lead.name
        )
        self.lead.user_id = self.user_salesman
        with self.assertRaises(AccessError):
            self._xlsx(self.user_salesman_other)

    def test_pdf_statement_has_hospital_contract_period_obligations_and_signatures(self):
        self._win_and_do_the_first_visit()
        text = self._pdf(self.lead)
        for expected in [
            "Compliance statement",
            "T City Hospital No. 1",
            "MRI maintenance 2026",
            "Active",
            "01/01/2026 - 12/31/2026",  # the contract's period
            # table cells wrap: the start of the term's name and its equipment
            "Quarterly maintenance of",
            "Test MRI",
            "Done late",
            "Overdue",
            "Upcoming",
            "01/12/2026",  # done on
            "act-1.pdf",  # the signed act
            "Coil replaced",
            "Service director:",
            "For the hospital",
        ]:
            self.assertIn(expected, text)
        figures = next(line for line in text.splitlines() if line.split()[:1] == ["4"])
        self.assertEqual(figures.split(), ["4", "0", "1", "1", "2", "0.0"])

    def test_pdf_statement_speaks_the_hospital_language(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(["medcrm_service_contract"], ["ru_RU"])
        self.hospital.lang = "ru_RU"
        self._win_and_do_the_first_visit()
        text = self._pdf(self.lead)
        self.assertIn("Отчёт об исполнении договора", text)
        self.assertIn("ФИО и подпись", text)
        self.assertIn("Выполнено с", text)  # done late, wrapped in its cell
        self.assertNotIn("Compliance statement", text)
