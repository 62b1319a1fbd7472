from odoo.tests import HttpCase, tagged

from .common import ServiceFulfillmentCase


@tagged("post_install", "-at_install")
class TestServiceFulfillmentTour(ServiceFulfillmentCase, HttpCase):
    """The fixtures' MRI MR-0001 is installed at T City Hospital No. 1 (delivered through the
    distributor); MR-0002 and MR-0003 are still in stock and must not be offered."""

    def test_term_on_a_delivered_serial_and_back_from_the_unit(self):
        self.start_tour(
            f"/odoo/crm/{self.contract.id}", "medcrm_service_fulfillment_term_tour", login="admin"
        )
        term = self.contract.contract_term_ids
        self.assertEqual(term.lot_id, self.delivered_mri)
        self.assertEqual((term.product_id, term.serial_number), (self.mri, "MR-0001"))
        self.start_tour(
            f"/odoo/action-medcrm_fulfillment.medcrm_fulfillment_unit_action/{self.unit.id}",
            "medcrm_service_fulfillment_unit_tour",
            login="admin",
        )
