from odoo import fields, models


class MedcrmContractOccurrence(models.Model):
    _inherit = "medcrm.contract.occurrence"

    lot_id = fields.Many2one(
        related="term_id.lot_id", string="Delivered Serial", store=True, index="btree_not_null"
    )
