from odoo import models


class MedcrmFulfillmentUnit(models.Model):
    _name = "medcrm.fulfillment.unit"
    _inherit = ["medcrm.fulfillment.unit", "medcrm.contract.serial.mixin"]

    def _medcrm_lot_ids(self):
        """sudo: salespeople read installed units (and their serial as text) without inventory
        access; only the lot's id is taken, and the terms and obligations are then read with
        the user's own rights."""
        return {unit.id: unit.sudo().lot_id.id for unit in self}
