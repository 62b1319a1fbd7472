from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.medcrm_deals.tools.rpc_args import existing


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

    def _export_xlsx(self):
        """Download these lines as the XLSX mailing list of a field safety notice."""
        if not self:
            raise UserError(self.env._("Search first: there is nothing to export yet."))
        existing(self)
        report = self.env.ref("medcrm_fulfillment.medcrm_recall_xlsx_report")
        # config=False: a spreadsheet has no letterhead, so no layout configurator first.
        return report.report_action(self, config=False)

    def action_export_xlsx(self):
        """The list's "Export XLSX" button: the selected lines, or all the lines of the search
        shown (the button is always visible; nothing selected means all)."""
        lines = self or self.search(self.env.context.get("active_domain") or [("id", "=", 0)])
        return lines._export_xlsx()
