import base64
import io

import xlsxwriter

from odoo import fields, models
from odoo.exceptions import UserError


class MedcrmRecallLookupLine(models.TransientModel):
    _name = "medcrm.recall.lookup.line"
    _description = "Recall lookup result"
    _order = "sequence, id"

    wizard_id = fields.Many2one("medcrm.recall.lookup", required=True, ondelete="cascade")
    sequence = fields.Integer()
    is_gap = fields.Boolean(
        string="Gap", help="End customer unknown, or the serial is not in the installed base."
    )
    serial = fields.Char(required=True)
    product_id = fields.Many2one("product.product")
    unit_id = fields.Many2one("medcrm.fulfillment.unit")
    date_delivered = fields.Date(string="Delivered On")
    end_partner_id = fields.Many2one("res.partner", string="End Customer")
    end_address_id = fields.Many2one(
        "res.partner",
    )
    address = fields.Char()
    contacts = fields.Char()
    distributor_id = fields.Many2one(
        "res.partner",
    )
    note = fields.Char()

    def _medcrm_action_export_xlsx(self):
        """Download these lines as the XLSX mailing list of a field safety notice."""
        if not self:
            raise UserError(self.env._("Search first: there is nothing to export yet."))
        wizard = self.wizard_id[:1]
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.env._("field-safety-notice-%s.xlsx", wizard.date),
                "datas": base64.b64encode(self._medcrm_xlsx()),
                "res_model": wizard._name,
                "res_id": wizard.id,
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def action_export_xlsx(self):
        """The list's "Export XLSX" button: the selected lines, or all the lines of the search
        shown (the button is always visible; nothing selected means all)."""
        lines = self or self.search(self.env.context.get("active_domain") or [("id", "=", 0)])
        return lines._medcrm_action_export_xlsx()

    def _medcrm_xlsx(self):
        date = self.wizard_id[:1].date
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
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(self.env._("Recall %s", date))
        bold = workbook.add_format({"bold": True})
        gap = workbook.add_format({"bg_color": "#FCE4D6"})
        sheet.write_row(0, 0, headers, bold)
        for row, line in enumerate(self.sorted(), start=1):
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
                # write_string: a name starting with "=" must stay text, never a formula.
                sheet.write_string(row, column, value, gap if line.is_gap else None)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, len(self), len(headers) - 1)
        sheet.set_column(0, 0, 6)
        sheet.set_column(1, len(headers) - 1, 24)
        workbook.close()
        return output.getvalue()
