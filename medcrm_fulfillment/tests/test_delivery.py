from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import FulfillmentCase


@tagged("post_install", "-at_install")
class TestDelivery(FulfillmentCase):
    def test_validated_delivery_creates_units_at_end_address(self):
        lead = self._won_deal(self.distributor, self.hospital, self.radiology)
        order = self._confirmed_order(lead, [(self.mri, 2)])
        picking = order.picking_ids
        self.assertEqual(picking.end_partner_id, self.hospital)
        self.assertEqual(picking.end_address_id, self.radiology)
        self._validate(picking, self.mri_lots[:2])
        units = lead.fulfillment_ids.unit_ids
        self.assertEqual(units.lot_id, self.mri_lots[:2])
        for unit in units:
            self.assertEqual(unit.end_partner_id, self.hospital)
            self.assertEqual(unit.end_address_id, self.radiology)
            self.assertEqual(unit.distributor_id, self.distributor)
            self.assertEqual(unit.sale_order_id, order)
            self.assertEqual(unit.picking_id, picking)
            self.assertEqual(unit.state, "active")
            self.assertEqual(len(unit.location_ids), 1)
            self.assertEqual(unit.city, "Kazan")
        self.assertEqual(lead.fulfillment_ids.state, "delivered")
        self.assertEqual(self.hospital.medcrm_unit_count, 2)
        self.assertEqual(self.radiology.medcrm_unit_count, 2)
        self.assertEqual(self.mri_lots[0].medcrm_unit_count, 1)

    def test_partial_delivery(self):
        lead = self._won_deal(self.distributor, self.hospital, self.radiology)
        order = self._confirmed_order(lead, [(self.mri, 2), (self.ct, 1)])
        self._validate(order.picking_ids, self.mri_lots[:1])
        fulfillment = lead.fulfillment_ids
        self.assertEqual(fulfillment.qty_delivered, 1)
        self.assertEqual(fulfillment.state, "partial")
        backorder = order.picking_ids.filtered(lambda p: p.state != "done")
        self.assertEqual(backorder.end_address_id, self.radiology)
        self._validate(backorder, self.mri_lots[1] | self.ct_lots)
        self.assertEqual(fulfillment.qty_delivered, 3)
        self.assertEqual(fulfillment.state, "delivered")

    def test_return_closes_unit_and_redelivery_is_possible(self):
        lead = self._won_deal(self.distributor, self.hospital, self.radiology)
        order = self._confirmed_order(lead, [(self.mri, 1)])
        picking = self._validate(order.picking_ids, self.mri_lots[:1])
        return_picking = self._return(picking, self.mri_lots[:1])
        unit = lead.fulfillment_ids.unit_ids
        self.assertEqual(unit.state, "returned")
        self.assertEqual(unit.return_picking_id, return_picking)
        self.assertTrue(unit.location_ids.date_to)
        self.assertEqual(lead.fulfillment_ids.state, "open")
        # The same serial goes to another hospital afterwards: a second unit, history kept.
        lead2 = self._won_deal(self.other_hospital, self.other_hospital, self.other_department)
        order2 = self._confirmed_order(lead2, [(self.mri, 1)])
        self._validate(order2.picking_ids, self.mri_lots[:1])
        units = self.env["medcrm.fulfillment.unit"].search([("lot_id", "=", self.mri_lots[0].id)])
        self.assertEqual(len(units), 2)
        self.assertEqual(
            units.filtered(lambda u: u.state == "active").end_partner_id, self.other_hospital
        )

    def test_missing_end_address_blocks_validation(self):
        lead = self._won_deal(self.distributor, self.hospital)
        order = self._confirmed_order(lead, [(self.mri, 1)])
        picking = order.picking_ids
        self.assertFalse(picking.end_address_id)
        with self.assertRaisesRegex(UserError, "has no End Address"):
            self._validate(picking, self.mri_lots[:1])
        self.assertNotEqual(picking.state, "done")
        self.assertFalse(
            self.env["medcrm.fulfillment.unit"].search([("picking_id", "=", picking.id)])
        )

    def test_serial_already_installed_is_rejected(self):
        lead = self._won_deal(self.distributor, self.hospital, self.radiology)
        order = self._confirmed_order(lead, [(self.mri, 1)])
        self._validate(order.picking_ids, self.mri_lots[:1])
        # The serial comes back into stock through a plain receipt, not a return.
        self.env["stock.quant"]._update_available_quantity(
            self.mri, self.stock_location, 1, lot_id=self.mri_lots[0]
        )
        lead2 = self._won_deal(self.other_hospital, self.other_hospital, self.other_department)
        order2 = self._confirmed_order(lead2, [(self.mri, 1)])
        with self.assertRaisesRegex(UserError, "already installed"):
            self._validate(order2.picking_ids, self.mri_lots[:1])

    def test_distributor_without_end_customer_is_declaration_pending(self):
        lead = self._won_deal(self.distributor)
        order = self._confirmed_order(lead, [(self.mri, 1)])
        self._validate(order.picking_ids, self.mri_lots[:1])
        unit = lead.fulfillment_ids.unit_ids
        self.assertFalse(unit.end_partner_id)
        self.assertEqual(unit.distributor_id, self.distributor)
        pending = self.env["medcrm.fulfillment.unit"].search(
            [("is_declaration_pending", "=", True)]
        )
        self.assertIn(unit, pending)
        self.assertEqual(unit.age_days, 0)

    def test_direct_sale_to_hospital_defaults_end_customer_to_shipping_address(self):
        lead = self._won_deal(self.hospital)
        order = self.env["sale.order"].create(
            {
                "partner_id": self.hospital.id,
                "partner_shipping_id": self.cardiology.id,
                "opportunity_id": lead.id,
                "order_line": [(0, 0, {"product_id": self.ct.id, "product_uom_qty": 1})],
            }
        )
        order.action_confirm()
        self._validate(order.picking_ids, self.ct_lots)
        unit = lead.fulfillment_ids.unit_ids
        self.assertEqual(unit.end_partner_id, self.hospital)
        self.assertEqual(unit.end_address_id, self.cardiology)
        self.assertFalse(unit.distributor_id)

    def test_changing_end_address_needs_a_reason(self):
        lead = self._won_deal(self.distributor, self.hospital, self.radiology)
        picking = self._confirmed_order(lead, [(self.mri, 1)]).picking_ids
        with self.assertRaisesRegex(UserError, "needs a reason"):
            picking.end_address_id = self.cardiology
        picking.write(
            {"end_address_id": self.cardiology.id, "end_change_reason": "Radiology renovated"}
        )
        self.assertEqual(picking.end_address_id, self.cardiology)
        self._validate(picking, self.mri_lots[:1])
        with self.assertRaisesRegex(UserError, "already delivered"):
            picking.write({"end_address_id": self.radiology.id, "end_change_reason": "oops"})

    def _back_in_stock_without_return(self, lot):
        """The serial leaves the customer and reappears in stock, no return validated."""
        quant = self.env["stock.quant"]
        customers = self.env.ref("stock.stock_location_customers")
        quant._update_available_quantity(lot.product_id, customers, -1, lot_id=lot)
        quant._update_available_quantity(lot.product_id, self.stock_location, 1, lot_id=lot)

    def _manual_delivery(self, partner, lots, **vals):
        """A delivery made in Inventory by hand: no sale order behind it."""
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.out_type_id.id,
                "partner_id": partner.id,
                "location_id": self.stock_location.id,
                "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                "move_ids": [
                    Command.create(
                        {
                            "name": product.name,
                            "product_id": product.id,
                            "product_uom_qty": len(
                                lots.filtered(lambda lot, p=product: lot.product_id == p)
                            ),
                            "product_uom": product.uom_id.id,
                            "location_id": self.stock_location.id,
                            "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                        }
                    )
                    for product in lots.product_id
                ],
                **vals,
            }
        )
        picking.action_confirm()
        return picking

    def test_manual_delivery_without_end_customer_is_left_to_odoo(self):
        lead = self._won_deal(self.distributor, self.hospital, self.radiology)
        self._validate(self._confirmed_order(lead, [(self.mri, 1)]).picking_ids, self.mri_lots[:1])
        # Back in stock by inventory adjustments, then shipped by hand (e.g. a loan unit):
        # Odoo's own inventory flows are not blocked and no installed unit is invented.
        self._back_in_stock_without_return(self.mri_lots[0])
        picking = self._manual_delivery(self.other_hospital, self.mri_lots[:1])
        self.assertFalse(picking.end_partner_id)
        self._validate(picking, self.mri_lots[:1])
        self.assertEqual(picking.state, "done")
        units = self.env["medcrm.fulfillment.unit"].search([("lot_id", "=", self.mri_lots[0].id)])
        self.assertEqual(len(units), 1)
        self.assertEqual(units.end_partner_id, self.hospital)

    def test_manual_delivery_with_end_customer_is_tracked_and_checked(self):
        picking = self._manual_delivery(
            self.other_hospital,
            self.ct_lots,
            end_partner_id=self.other_hospital.id,
            end_address_id=self.other_department.id,
        )
        self._validate(picking, self.ct_lots)
        unit = self.env["medcrm.fulfillment.unit"].search([("picking_id", "=", picking.id)])
        self.assertEqual(unit.end_address_id, self.other_department)
        self.assertFalse(unit.fulfillment_id)
        self._back_in_stock_without_return(self.ct_lots)
        again = self._manual_delivery(
            self.hospital,
            self.ct_lots,
            end_partner_id=self.hospital.id,
            end_address_id=self.radiology.id,
        )
        with self.assertRaisesRegex(UserError, "already installed at an end customer: CT-0100"):
            self._validate(again, self.ct_lots)
        self.assertNotEqual(again.state, "done")
