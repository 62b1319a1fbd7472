from odoo import fields, models


class MedcrmRecallXlsx(models.AbstractModel):
    """Recall lookup results as a mailing list for a field safety notice: one row per unit, gaps
    first, as the lookup lists them (all of a lookup's lines, or those selected in the list)."""

    _name = "report.medcrm_fulfillment.recall_xlsx"
    _inherit = "report.medcrm_deals.abstract_xlsx"
    _description = "Recall Lookup XLSX Export"

    def generate_xlsx_report(self, workbook, data, lines):
        lines = lines.sorted()
        headers = [
            self.env._("Gap"),
            self.env._("Serial Number"),
            self.env._("Product"),
            self.env._("Delivered On"),
            self.env._("End Customer"),
            self.env._("End Address"),
            self.env._("Address"),
            self.env._("Contacts"),
            self.env._("Distributor"),
            self.env._("Note"),
        ]
        sheet = workbook.add_worksheet(self.env._("Recall %s", lines.wizard_id[:1].date))
        bold = workbook.add_format({"bold": True})
        gap = workbook.add_format({"bg_color": "#FCE4D6"})
        for column, header in enumerate(headers):
            sheet.write_string(0, column, header, bold)
        for row, line in enumerate(lines, start=1):
            values = [
                self.env._("yes") if line.is_gap else "",
                line.serial,
                line.product_id.display_name or "",
                fields.Date.to_string(line.date_delivered) if line.date_delivered else "",
                line.end_partner_id.name or "",
                line.end_address_id.display_name or "",
                line.address or "",
                line.contacts or "",
                line.distributor_id.name or "",
                line.note or "",
            ]
            for column, value in enumerate(values):
                # every value is text here, the delivery date too (a mailing list, as listed)
                sheet.write_string(row, column, value, gap if line.is_gap else None)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, len(lines), len(headers) - 1)
        sheet.set_column(0, 0, 6)
        sheet.set_column(1, len(headers) - 1, 24)
