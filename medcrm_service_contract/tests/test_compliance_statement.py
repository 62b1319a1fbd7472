import base64
import io

import openpyxl
from freezegun import freeze_time

from odoo.tests import tagged

from .common import ServiceContractCase


@tagged("post_install", "-at_install")
@freeze_time("2026-06-15")
class TestComplianceStatement(ServiceContractCase):
    def test_statement_lists_terms_and_obligations_with_their_figures(self):
        self.lead.name = "MRI maintenance 2026"
        term = self._term(
            term_type_id=self.type_visit.id,
            name="Quarterly maintenance of the MRI",
            product_id=self.device.id,
            serial_number="MRI-0042",
            interval=3,
        )
        self.lead.action_set_won()
        visits = term.occurrence_ids.sorted("date_due")
        visits[0].write(
            {
                "date_done": "2026-01-12",
                "evidence_file": base64.b64encode(b"act"),
                "result": "Coil replaced",
            }
        )
        visits[0].action_done()
        content = self.env["medcrm.compliance.statement"]._build_xlsx(self.lead)
        book = openpyxl.load_workbook(io.BytesIO(content))
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
        self.assertEqual(detail["E2"].value, "Done late")
        self.assertEqual(detail["F2"].value.date().isoformat(), "2026-01-12")
        self.assertEqual(detail["G2"].value, 11)
        self.assertEqual(detail["I2"].value, "Coil replaced")
        self.assertEqual(detail["E3"].value, "Overdue / missed")
        self.assertEqual(detail["E4"].value, "Upcoming")
