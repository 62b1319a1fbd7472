from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import FulfillmentCase


@tagged("post_install", "-at_install")
class TestRelocation(FulfillmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-01-10 10:00:00"):
            cls.lead = cls._won_deal(cls.distributor, cls.hospital, cls.radiology)
            order = cls._confirmed_order(cls.lead, [(cls.mri, 1)])
            cls._validate(order.picking_ids, cls.mri_lots[:1])
        cls.unit = cls.lead.fulfillment_ids.unit_ids

    def _relocate(self, address, date, reason="Moved", user=None):
        wizard = Form(
            self.env["medcrm.fulfillment.relocate"]
            .with_user(user or self.user_salesman)
            .with_context(default_unit_ids=self.unit.ids)
        )
        wizard.end_address_id = address
        wizard.date = date
        wizard.reason = reason
        return wizard.save().action_confirm()

    def _where(self, date):
        location_model = self.env["medcrm.fulfillment.unit.location"]
        return location_model.search(
            [("lot_id", "=", self.unit.lot_id.id)] + location_model._medcrm_domain_at(date)
        )

    def test_relocation_keeps_history_and_answers_where_on_a_date(self):
        self.assertEqual(self.unit.date_delivered.isoformat(), "2026-01-10")
        self._relocate(self.cardiology, "2026-03-01", "Moved to cardiology")
        self.assertEqual(self.unit.end_address_id, self.cardiology)
        self.assertEqual(len(self.unit.location_ids), 2)
        self.assertEqual(self._where("2026-02-15").end_address_id, self.radiology)
        self.assertEqual(self._where("2026-03-01").end_address_id, self.cardiology)
        self.assertEqual(self._where("2026-06-01").end_address_id, self.cardiology)
        self.assertFalse(self._where("2026-01-09"))

    def test_relocation_before_delivery_is_rejected_and_nothing_written(self):
        with self.assertRaisesRegex(ValidationError, "before its delivery"):
            self._relocate(self.cardiology, "2026-01-05")
        self.assertEqual(len(self.unit.location_ids), 1)
        self.assertEqual(self.unit.end_address_id, self.radiology)

    def test_relocation_before_current_location_is_rejected(self):
        self._relocate(self.cardiology, "2026-03-01")
        with self.assertRaisesRegex(ValidationError, "before its current location"):
            self._relocate(self.radiology, "2026-02-01")

    def test_relocation_to_address_of_another_customer_is_rejected(self):
        wizard = self.env["medcrm.fulfillment.relocate"].create(
            {
                "unit_ids": self.unit.ids,
                "end_partner_id": self.hospital.id,
                "end_address_id": self.other_department.id,
                "date": "2026-03-01",
                "reason": "wrong",
            }
        )
        with self.assertRaisesRegex(ValidationError, "not a contact or delivery address"):
            wizard.action_confirm()
        self.assertEqual(len(self.unit.location_ids), 1)

    def test_relocation_to_another_hospital(self):
        wizard = self.env["medcrm.fulfillment.relocate"].create(
            {
                "unit_ids": self.unit.ids,
                "end_partner_id": self.other_hospital.id,
                "end_address_id": self.other_department.id,
                "date": "2026-04-01",
                "reason": "Resold by the distributor",
            }
        )
        wizard.action_confirm()
        self.assertEqual(self.unit.end_partner_id, self.other_hospital)
        self.assertEqual(self._where("2026-03-31").end_partner_id, self.hospital)

    def test_declaring_end_customer_of_pending_unit(self):
        with freeze_time("2026-02-01 09:00:00"):
            lead = self._won_deal(self.distributor)
            order = self._confirmed_order(lead, [(self.mri, 1)])
            self._validate(order.picking_ids, self.mri_lots[1:2])
        unit = lead.fulfillment_ids.unit_ids
        self.assertTrue(unit.is_declaration_pending)
        with freeze_time("2026-02-21"):
            self.assertEqual(unit.age_days, 20)
        wizard = self.env["medcrm.fulfillment.relocate"].create(
            {
                "unit_ids": unit.ids,
                "end_partner_id": self.other_hospital.id,
                "end_address_id": self.other_department.id,
                "date": "2026-02-20",
                "reason": "Declared by MedSupply",
            }
        )
        wizard.action_confirm()
        self.assertFalse(unit.is_declaration_pending)
        self.assertEqual(unit.distributor_id, self.distributor)
        self.assertEqual(unit.location_ids[0].distributor_id, self.distributor)

    def test_returned_unit_cannot_be_relocated(self):
        self._return(self.unit.picking_id, self.mri_lots[:1])
        with self.assertRaisesRegex(UserError, "was returned"):
            self._relocate(self.cardiology, "2027-01-01")
