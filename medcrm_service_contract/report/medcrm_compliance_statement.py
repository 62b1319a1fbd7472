import io

import xlsxwriter

from odoo import fields, models


class MedcrmComplianceStatement(models.AbstractModel):
    _name = "medcrm.compliance.statement"
    _description = "Service Contract Compliance Statement (XLSX)"

    def _build_xlsx(self, lead):
        """The compliance statement of one contract (deal) as XLSX bytes: a summary sheet (one
        row per term) and the list of obligations. Readable as is, for the hospital and for
        management. The caller has checked that the user may read the deal."""
        lead.ensure_one()
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True})
        title = book.add_format({"bold": True, "font_size": 14})
        label = book.add_format({"bold": True})
        header = book.add_format(
            {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True, "valign": "top"}
        )
        cell = book.add_format({"border": 1, "valign": "top", "text_wrap": True})
        date = book.add_format({"border": 1, "valign": "top", "num_format": "yyyy-mm-dd"})
        number = book.add_format({"border": 1, "valign": "top"})
        percent = book.add_format({"border": 1, "valign": "top", "num_format": "0.0"})
        late = book.add_format({"border": 1, "valign": "top", "font_color": "#9C5700"})
        missed = book.add_format({"border": 1, "valign": "top", "font_color": "#C00000"})

        terms = lead.with_context(active_test=False).contract_term_ids
        summary = book.add_worksheet(self.env._("Summary"))
        summary.write(0, 0, self.env._("Compliance statement"), title)
        info = [
            (self.env._("Customer"), lead.partner_id.display_name or ""),
            (self.env._("Contract"), lead.name),
            (
                self.env._("Contract status"),
                dict(lead._fields["contract_state"]._description_selection(self.env))[
                    lead.contract_state
                ],
            ),
            (self.env._("Compliance (%)"), lead.contract_compliance_rate),
            (self.env._("Printed on"), fields.Date.to_string(fields.Date.context_today(self))),
        ]
        for row, (name, value) in enumerate(info, start=2):
            summary.write(row, 0, name, label)
            summary.write(row, 1, value)
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
        for col, (name, width) in enumerate(columns):
            summary.write(first, col, name, header)
            summary.set_column(col, col, width)
        summary.freeze_panes(first + 1, 0)
        summary.repeat_rows(first)
        summary.set_landscape()
        summary.set_paper(9)  # A4
        summary.fit_to_pages(1, 0)
        for row, term in enumerate(terms, start=first + 1):
            fell_due = term.count_on_time + term.count_late + term.count_missed
            summary.write(row, 0, term.term_type_id.name, cell)
            summary.write(row, 1, term.name, cell)
            summary.write(row, 2, term.product_id.display_name or "", cell)
            summary.write(row, 3, term.serial_number or "", cell)
            summary.write_datetime(row, 4, fields.Datetime.to_datetime(term.date_start), date)
            summary.write_datetime(row, 5, fields.Datetime.to_datetime(term.date_end), date)
            summary.write(row, 6, term.recurrence_summary, cell)
            summary.write_number(row, 7, term.count_on_time, number)
            summary.write_number(row, 8, term.count_late, number)
            summary.write_number(row, 9, term.count_missed, number)
            summary.write_number(row, 10, term.count_upcoming, number)
            if fell_due:
                summary.write_number(row, 11, term.compliance_rate, percent)
            else:
                summary.write(row, 11, "-", cell)

        detail = book.add_worksheet(self.env._("Obligations"))
        statuses = dict(
            self.env["medcrm.contract.occurrence"]
            ._fields["compliance_status"]
            ._description_selection(self.env)
        )
        detail_columns = [
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
        for col, (name, width) in enumerate(detail_columns):
            detail.write(0, col, name, header)
            detail.set_column(col, col, width)
        detail.freeze_panes(1, 0)
        detail.repeat_rows(0)
        detail.set_landscape()
        detail.set_paper(9)
        detail.fit_to_pages(1, 0)
        detail.autofilter(0, 0, 0, len(detail_columns) - 1)
        occurrences = self.env["medcrm.contract.occurrence"].search(
            [("lead_id", "=", lead.id)], order="date_due, id"
        )
        for row, occ in enumerate(occurrences, start=1):
            style = {"late": late, "missed": missed}.get(occ.compliance_status, cell)
            detail.write_datetime(row, 0, fields.Datetime.to_datetime(occ.date_due), date)
            detail.write(row, 1, occ.name, cell)
            detail.write(row, 2, occ.product_id.display_name or "", cell)
            detail.write(row, 3, occ.serial_number or "", cell)
            detail.write(row, 4, statuses[occ.compliance_status], style)
            if occ.date_done:
                detail.write_datetime(row, 5, fields.Datetime.to_datetime(occ.date_done), date)
            else:
                detail.write_blank(row, 5, None, cell)
            detail.write_number(row, 6, occ.days_late, number)
            detail.write(row, 7, occ.done_user_id.name or "", cell)
            detail.write(row, 8, occ.result or occ.cancel_reason or "", cell)
        book.close()
        return output.getvalue()
