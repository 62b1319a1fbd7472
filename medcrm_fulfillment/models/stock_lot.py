from odoo import fields, models


class StockLot(models.Model):
    _inherit = "stock.lot"

    medcrm_unit_ids = fields.One2many("medcrm.fulfillment.unit", "lot_id", string="Installed Units")
    medcrm_unit_count = fields.Integer(
        string="Installed History", compute="_compute_medcrm_unit_count"
    )

    def _compute_medcrm_unit_count(self):
        groups = self.env["medcrm.fulfillment.unit"]._read_group(
            [("lot_id", "in", self.ids)], ["lot_id"], ["__count"]
        )
        counts = {lot.id: count for lot, count in groups}
        for lot in self:
            lot.medcrm_unit_count = counts.get(lot.id, 0)

    def action_medcrm_location_history(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "medcrm_fulfillment.medcrm_fulfillment_unit_location_action"
        )
        action["domain"] = [("lot_id", "=", self.id)]
        action["context"] = {}
        action["display_name"] = self.env._("History of serial %s", self.name)
        return action
