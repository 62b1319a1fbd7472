from odoo.tests import HttpCase, tagged

from .common import FulfillmentCase


@tagged("post_install", "-at_install")
class TestFulfillmentTour(FulfillmentCase, HttpCase):
    """The fixtures' distributor sells an MRI for Radiology of T City Hospital No. 1: the
    delivery reserves MR-0001, the first serial in stock."""

    def test_validate_delivery_and_find_serial_by_hospital(self):
        lead = self._won_deal(self.distributor, self.hospital, self.radiology)
        picking = self._confirmed_order(lead, [(self.mri, 1)]).picking_ids
        self.assertEqual(picking.move_line_ids.lot_id, self.mri_lots[0])

        self.start_tour(
            f"/odoo/action-stock.action_picking_tree_all/{picking.id}",
            "medcrm_fulfillment_validate_delivery",
            login="admin",
        )
        self.assertEqual(picking.state, "done")
        self.start_tour(
            f"/odoo/action-base.action_partner_form/{self.hospital.id}",
            "medcrm_fulfillment_find_by_hospital",
            login="admin",
        )
