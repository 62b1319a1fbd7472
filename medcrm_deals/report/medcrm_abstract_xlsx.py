import datetime
import numbers

from odoo import models


class MedcrmAbstractXlsx(models.AbstractModel):
    """What every medcrm XLSX export shares on top of OCA's report_xlsx: cells written by the
    type of their value, and text that always stays text."""

    _name = "report.medcrm_deals.abstract_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "medcrm XLSX Export"

    def get_workbook_options(self):
        # Names and notes are typed by users: "=1+1" or '=HYPERLINK("http://x","y")' must
        # arrive as that text, whichever of xlsxwriter's write methods a report calls.
        return {
            **super().get_workbook_options(),
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        }

    def _medcrm_write(self, sheet, row, col, value, cell_format=None):
        """Write ``value`` by its type: empty, date, number, else text (write_string, never a
        formula). ``cell_format`` gives dates and numbers their display format."""
        if value is False or value is None:
            sheet.write_blank(row, col, None, cell_format)
        elif isinstance(value, datetime.date):
            if not isinstance(value, datetime.datetime):
                value = datetime.datetime.combine(value, datetime.time())
            sheet.write_datetime(row, col, value, cell_format)
        elif isinstance(value, numbers.Number) and not isinstance(value, bool):
            sheet.write_number(row, col, value, cell_format)
        else:
            sheet.write_string(row, col, str(value), cell_format)
