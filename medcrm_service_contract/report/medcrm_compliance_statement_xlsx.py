from odoo import fields, models
from odoo.exceptions import UserError


class MedcrmComplianceStatementXlsx(models.AbstractModel):
    """The compliance statement of one contract (a service deal) as a workbook: a summary sheet
    (one row per term) and the list of obligations, readable as is by the hospital and by
    management. Its PDF twin is the QWeb report compliance_statement_pdf_report."""

    _name = "report.medcrm_service_contract.compliance_statement_xlsx"
    _inherit = "report.medcrm_deals.abstract_xlsx"
    _description = "Compliance Statement XLSX Export"

    def generate_xlsx_report(self, workbook, data, leads):
        if len(leads) != 1:
            raise UserError(
                self.env._("A compliance statement is made for one contract at a time.")
            )
        # An AccessError names the deal when the user may not read it.
        leads.check_access("read")
        formats = self._medcrm_formats(workbook)
        self._medcrm_summary_sheet(workbook, formats, leads)
        self._medcrm_obligations_sheet(workbook, formats, leads)

    def _medcrm_formats(self, workbook):
        cell = {"border": 1, "valign": "top"}
        return {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "label": workbook.add_format({"bold": True}),
            "header": workbook.add_format(
                {**cell, "bold": True, "bg_color": "#D9E1F2", "text_wrap": True}
            ),
            "cell": workbook.add_format({**cell, "text_wrap": True}),
            "date": workbook.add_format({**cell, "num_format": "yyyy-mm-dd"}),
            "number": workbook.add_format(cell),
            "percent": workbook.add_format({**cell, "num_format": "0.0"}),
            "late": workbook.add_format({**cell, "font_color": "#9C5700"}),
            "missed": workbook.add_format({**cell, "font_color": "#C00000"}),
        }

    def _medcrm_header(self, sheet, row, columns, header_format):
        for col, (name, width) in enumerate(columns):
            sheet.write_string(row, col, name, header_format)
            sheet.set_column(col, col, width)
        sheet.freeze_panes(row + 1, 0)
        sheet.repeat_rows(row)
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)

    def _medcrm_summary_sheet(self, workbook, fmt, lead):
        write = self._medcrm_write
        sheet = workbook.add_worksheet(self.env._("Summary"))
        sheet.write_string(0, 0, self.env._("Compliance statement"), fmt["title"])
        states = dict(lead._fields["contract_state"]._description_selection(self.env))
        info = [
            (self.env._("Customer"), lead.partner_id.display_name or ""),
            (self.env._("Contract"), lead.name),
            (self.env._("Contract status"), states[lead.contract_state]),
            (self.env._("Compliance (%)"), lead.contract_compliance_rate),
            (self.env._("Printed on"), fields.Date.to_string(fields.Date.context_today(self))),
        ]
        for row, (name, value) in enumerate(info, start=2):
            sheet.write_string(row, 0, name, fmt["label"])
            write(sheet, row, 1, value)
        columns = [
            (self.env._("Term type"), 26),
            (self.env._("Description"), 34),
            (self.env._("Equipment"), 24),
            (self.env._("Serial number"), 16),
            (self.env._("Period start"), 12),
            (self.env._("Period end"), 12),
            (self.env._("Recurrence"), 18),
            (self.env._("Done on time"), 10),
            (self.env._("Done late"), 10),
            (self.env._("Missed"), 10),
            (self.env._("Upcoming"), 10),
            (self.env._("Compliance (%)"), 12),
        ]
        first = 2 + len(info) + 1
        self._medcrm_header(sheet, first, columns, fmt["header"])
        terms = lead.with_context(active_test=False).contract_term_ids
        for row, term in enumerate(terms, start=first + 1):
            fell_due = term.count_on_time + term.count_late + term.count_missed
            values = [
                (term.term_type_id.name, "cell"),
                (term.name, "cell"),
                (term.product_id.display_name or "", "cell"),
                (term.serial_number or "", "cell"),
                (term.date_start, "date"),
                (term.date_end, "date"),
                (term.recurrence_summary, "cell"),
                (term.count_on_time, "number"),
                (term.count_late, "number"),
                (term.count_missed, "number"),
                (term.count_upcoming, "number"),
                (term.compliance_rate, "percent") if fell_due else ("-", "cell"),
            ]
            for col, (value, style) in enumerate(values):
                write(sheet, row, col, value, fmt[style])

    def _medcrm_obligations_sheet(self, workbook, fmt, lead):
        sheet = workbook.add_worksheet(self.env._("Obligations"))
        Occurrence = self.env["medcrm.contract.occurrence"]
        statuses = dict(Occurrence._fields["compliance_status"]._description_selection(self.env))
        columns = [
            (self.env._("Due date"), 12),
            (self.env._("Term"), 34),
            (self.env._("Equipment"), 24),
            (self.env._("Serial number"), 16),
            (self.env._("Status"), 18),
            (self.env._("Completion date"), 14),
            (self.env._("Days late"), 10),
            (self.env._("Done by"), 20),
            (self.env._("Result / reason"), 40),
        ]
        self._medcrm_header(sheet, 0, columns, fmt["header"])
        sheet.autofilter(0, 0, 0, len(columns) - 1)
        occurrences = Occurrence.search([("lead_id", "=", lead.id)], order="date_due, id")
        for row, occ in enumerate(occurrences, start=1):
            status = occ.compliance_status
            values = [
                (occ.date_due, "date"),
                (occ.name, "cell"),
                (occ.product_id.display_name or "", "cell"),
                (occ.serial_number or "", "cell"),
                (statuses[status], status if status in ("late", "missed") else "cell"),
                (occ.date_done, "date"),
                (occ.days_late, "number"),
                (occ.done_user_id.name or "", "cell"),
                (occ.result or occ.cancel_reason or "", "cell"),
            ]
            for col, (value, style) in enumerate(values):
                self._medcrm_write(sheet, row, col, value, fmt[style])
