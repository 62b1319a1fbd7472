from odoo import fields, models


class MedcrmDocumentType(models.Model):
    _name = "medcrm.document.type"
    _inherit = ["medcrm.text.limit.mixin"]
    _description = "Deal Document Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a document type must be unique."),
    ]
