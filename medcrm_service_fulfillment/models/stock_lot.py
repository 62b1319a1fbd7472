from odoo import fields, models

from .medcrm_contract_serial_mixin import SERVICE_GROUPS


class StockLot(models.Model):
    _name = "stock.lot"
    _inherit = ["stock.lot", "medcrm.contract.serial.mixin"]

    medcrm_contract_term_ids = fields.One2many(
        "medcrm.contract.term", "lot_id", string="Contract Terms", groups=SERVICE_GROUPS
    )

    def _medcrm_lot_ids(self):
        return {lot.id: lot._origin.id for lot in self}
