from odoo import fields, models


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
