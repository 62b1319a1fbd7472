from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import FulfillmentCase


@tagged("post_install", "-at_install")
class TestBadInput(FulfillmentCase):
    """Each bad input of the shipping instruction is refused with an error that names the
    record, the field and the fix, and leaves nothing half-written."""

    def test_order_end_address_of_another_customer_is_rejected(self):
        lead = self._won_deal(self.distributor, self.hospital, self.radiology)
        form = Form(self.env["sale.order"])
        form.partner_id = self.distributor
        form.opportunity_id = lead
        self.assertEqual(form.end_address_id, self.radiology)
        form.end_address_id = self.other_department
        with self.assertRaisesRegex(
            ValidationError,
            r"end address Regional Clinic, Surgery is not a contact or delivery address of the "
            r"end customer T City Hospital No. 1\. Choose one of",
        ):
            # The savepoint stands for the user's request, rolled back as a whole on the error.
            with self.env.cr.savepoint():
                form.save()
        self.env.invalidate_all()
        self.assertFalse(self.env["sale.order"].search([("opportunity_id", "=", lead.id)]))

    def test_picking_end_address_of_another_customer_is_rejected(self):
        lead = self._won_deal(self.distributor, self.hospital, self.radiology)
        picking = self._confirmed_order(lead, [(self.mri, 1)]).picking_ids
        with (
            self.assertRaisesRegex(ValidationError, "not a contact or delivery address"),
            self.env.cr.savepoint(),
        ):
            picking.write(
                {"end_address_id": self.other_department.id, "end_change_reason": "Moved"}
            )
            picking.flush_recordset()
        self.env.invalidate_all()
        self.assertEqual(picking.end_address_id, self.radiology)

    def test_end_address_without_end_customer_is_rejected(self):
        picking = self._confirmed_order(self._won_deal(self.distributor), [(self.mri, 1)])
        picking = picking.picking_ids
        self.assertFalse(picking.end_partner_id)
        with self.assertRaisesRegex(ValidationError, "end customer is empty. Set the end customer"):
            picking.write({"end_address_id": self.radiology.id})
            picking.flush_recordset()

    def test_serial_installed_elsewhere_leaves_delivery_and_units_untouched(self):
        lead = self._won_deal(self.distributor, self.hospital, self.radiology)
        self._validate(self._confirmed_order(lead, [(self.mri, 1)]).picking_ids, self.mri_lots[:1])
        first_unit = lead.fulfillment_ids.unit_ids
        quant = self.env["stock.quant"]
        customers = self.env.ref("stock.stock_location_customers")
        quant._update_available_quantity(self.mri, customers, -1, lot_id=self.mri_lots[0])
        quant._update_available_quantity(self.mri, self.stock_location, 1, lot_id=self.mri_lots[0])
        lead2 = self._won_deal(self.other_hospital, self.other_hospital, self.other_department)
        picking2 = self._confirmed_order(lead2, [(self.mri, 1)]).picking_ids
        with self.assertRaisesRegex(
            UserError, "already installed at an end customer: MR-0001. Validate the return"
        ):
            self._validate(picking2, self.mri_lots[:1])
        self.assertNotEqual(picking2.state, "done")
        self.assertFalse(lead2.fulfillment_ids.unit_ids)
        self.assertEqual(first_unit.state, "active")
        self.assertEqual(first_unit.end_address_id, self.radiology)

    def test_second_active_unit_of_a_serial_is_refused_by_the_model(self):
        lead = self._won_deal(self.distributor, self.hospital, self.radiology)
        self._validate(self._confirmed_order(lead, [(self.mri, 1)]).picking_ids, self.mri_lots[:1])
        with self.assertRaisesRegex(ValidationError, "MR-0001 is already installed"):
            self.env["medcrm.fulfillment.unit"].sudo().create(
                {
                    "name": "MR-0001",
                    "lot_id": self.mri_lots[0].id,
                    "product_id": self.mri.id,
                    "company_id": self.company.id,
                    "date_delivered": "2026-01-15",
                    "end_partner_id": self.other_hospital.id,
                    "end_address_id": self.other_department.id,
                }
            )
