from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import FulfillmentCase


@tagged("post_install", "-at_install")
class TestFulfillment(FulfillmentCase):
    def test_winning_a_deal_opens_its_fulfillment(self):
        lead = self._won_deal(self.distributor, self.hospital, self.radiology)
        fulfillment = lead.fulfillment_ids
        self.assertEqual(len(fulfillment), 1)
        self.assertEqual(fulfillment.partner_id, self.distributor)
        self.assertEqual(fulfillment.end_partner_id, self.hospital)
        self.assertEqual(fulfillment.end_address_id, self.radiology)
        self.assertEqual(fulfillment.user_id, self.user_salesman)
        self.assertEqual(fulfillment.state, "open")
        self.assertTrue(fulfillment.name.startswith("FUL/"))

    def test_winning_again_does_not_duplicate(self):
        lead = self._won_deal(self.distributor, self.hospital, self.radiology)
        lead.action_set_won()
        lead.action_set_lost()
        lead.action_unarchive()
        lead.write({"stage_id": self.stage_qualification.id})
        lead.action_set_won()
        self.assertEqual(
            self.env["medcrm.fulfillment"].search_count([("lead_id", "=", lead.id)]), 1
        )

    def test_moving_card_to_won_stage_opens_fulfillment(self):
        lead = self._create_deal(name="CT deal")
        self.assertFalse(lead.fulfillment_ids)
        lead.stage_id = self.stage_equipment_won
        self.assertEqual(lead.fulfillment_ids.end_partner_id, self.hospital)

    def test_lead_not_opportunity_gets_no_fulfillment(self):
        lead = self._create_deal(name="Inbound", type="lead")
        lead.stage_id = self.stage_equipment_won
        self.assertFalse(lead.fulfillment_ids)

    def test_customer_distributor_without_end_customer_leaves_it_unknown(self):
        lead = self._won_deal(self.distributor)
        self.assertFalse(lead.fulfillment_ids.end_partner_id)

    def test_salesman_without_fulfillment_rights_can_still_win(self):
        lead = self._create_deal(
            env=self.env(user=self.user_salesman), name="Ultrasound", user_id=self.user_salesman.id
        )
        lead.action_set_won()
        self.assertEqual(len(lead.fulfillment_ids), 1)

    def test_orders_link_to_fulfillment_and_set_expected_quantity(self):
        lead = self._won_deal(self.distributor, self.hospital, self.radiology)
        order = self._confirmed_order(lead, [(self.mri, 2), (self.ct, 1)])
        fulfillment = lead.fulfillment_ids
        self.assertEqual(order.fulfillment_id, fulfillment)
        self.assertEqual(fulfillment.sale_order_ids, order)
        self.assertEqual(fulfillment.qty_expected, 3)
        self.assertEqual(order.end_partner_id, self.hospital)
        self.assertEqual(order.end_address_id, self.radiology)

    def test_existing_order_can_be_linked_to_deal_from_the_order(self):
        lead = self._won_deal(self.distributor, self.hospital, self.radiology)
        order = self.env["sale.order"].create({"partner_id": self.distributor.id})
        with Form(order) as form:
            form.opportunity_id = lead
        self.assertEqual(order.fulfillment_id, lead.fulfillment_ids)
        self.assertEqual(order.end_address_id, self.radiology)

    def test_end_address_outside_end_customer_is_rejected(self):
        with self.assertRaisesRegex(ValidationError, "not a contact or delivery address"):
            self.env["crm.lead"].create(
                {
                    "name": "Bad",
                    "type": "opportunity",
                    "end_partner_id": self.hospital.id,
                    "end_address_id": self.other_department.id,
                }
            )

    def test_close_and_reopen(self):
        fulfillment = self._won_deal(self.hospital).fulfillment_ids
        fulfillment.action_close()
        self.assertEqual(fulfillment.state, "closed")
        fulfillment.action_reopen()
        self.assertEqual(fulfillment.state, "open")
