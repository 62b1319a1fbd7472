from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestFulfillmentTour(HttpCase):
    def test_validate_delivery_and_find_serial_by_hospital(self):
        env = self.env
        hospital = env["res.partner"].create({"name": "Tour Hospital", "is_company": True})
        radiology = env["res.partner"].create(
            {"name": "Tour Radiology", "parent_id": hospital.id, "type": "delivery"}
        )
        distributor = env["res.partner"].create(
            {"name": "Tour Distributor", "is_company": True, "is_distributor": True}
        )
        product = env["product.product"].create(
            {"name": "Tour MRI", "is_storable": True, "tracking": "serial"}
        )
        lot = env["stock.lot"].create({"name": "TOUR-MR-01", "product_id": product.id})
        stock = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
        env["stock.quant"]._update_available_quantity(product, stock.lot_stock_id, 1, lot_id=lot)
        lead = env["crm.lead"].create(
            {
                "name": "Tour deal",
                "type": "opportunity",
                "partner_id": distributor.id,
                "end_partner_id": hospital.id,
                "end_address_id": radiology.id,
            }
        )
        lead.action_set_won()
        order = env["sale.order"].create(
            {
                "partner_id": distributor.id,
                "opportunity_id": lead.id,
                "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 1})],
            }
        )
        order.action_confirm()
        picking = order.picking_ids
        self.assertEqual(picking.move_line_ids.lot_id, lot)

        self.start_tour(
            f"/odoo/action-stock.action_picking_tree_all/{picking.id}",
            "medcrm_fulfillment_validate_delivery",
            login="admin",
        )
        self.assertEqual(picking.state, "done")
        self.start_tour(
            f"/odoo/action-base.action_partner_form/{hospital.id}",
            "medcrm_fulfillment_find_by_hospital",
            login="admin",
        )
