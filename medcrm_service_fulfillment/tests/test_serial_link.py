from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import ServiceFulfillmentCase


@tagged("post_install", "-at_install")
@freeze_time("2026-06-15")
class TestSerialLink(ServiceFulfillmentCase):
    def test_delivered_serial_sets_the_equipment(self):
        term = self._term(user=self.user_engineer, lot_id=self.delivered_mri.id)
        self.assertEqual(term.product_id, self.mri)
        self.assertEqual(term.serial_number, "MR-0001")
        # Changing the serial changes the equipment with it, whatever the client.
        term.with_user(self.user_engineer).lot_id = self.ct_lots
        self.assertEqual((term.product_id, term.serial_number), (self.ct, "CT-0100"))

    def test_free_text_serial_still_works(self):
        term = self._term(product_id=self.mri.id, serial_number="OLD-BEFORE-ODOO")
        self.assertFalse(term.lot_id)
        self.assertEqual(term.serial_number, "OLD-BEFORE-ODOO")

    def test_form_fills_the_equipment_from_the_serial(self):
        term_form = Form(
            self.env["medcrm.contract.term"]
            .with_user(self.user_engineer)
            .with_context(default_lead_id=self.contract.id)
        )
        term_form.term_type_id = self.term_type
        term_form.lot_id = self.delivered_mri
        self.assertEqual(term_form.product_id, self.mri)
        self.assertEqual(term_form.serial_number, "MR-0001")
        self.assertEqual(term_form.medcrm_customer_id, self.hospital)
        term = term_form.save()
        self.assertEqual(term.lot_id, self.delivered_mri)

    def test_serial_still_in_stock_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "serial MR-0002 is not installed at"):
            self._term(lot_id=self.mri_lots[1].id)

    def test_serial_of_another_hospital_is_refused(self):
        other = self._service_deal(self.other_hospital)
        with self.assertRaisesRegex(
            ValidationError, "serial MR-0001 is not installed at Regional Clinic"
        ):
            self._term(lead=other, lot_id=self.delivered_mri.id)
        # Moving a term with a serial to another customer's contract is refused too.
        term = self._term(lot_id=self.delivered_mri.id)
        with self.assertRaisesRegex(ValidationError, "not installed at Regional Clinic"):
            term.lead_id = other

    def test_returned_serial_is_refused(self):
        lead = self._won_deal(self.hospital)
        order = self._confirmed_order(lead, [(self.mri, 1)])
        picking = self._validate(order.picking_ids, self.mri_lots[1:2])
        self._term(lot_id=self.mri_lots[1].id)
        self._return(picking, self.mri_lots[1:2])
        with self.assertRaisesRegex(ValidationError, "or it was returned"):
            self._term(lot_id=self.mri_lots[1].id)

    def test_end_customer_and_departments_count_as_the_customer(self):
        # Contract signed by the distributor for the hospital (its end customer).
        via_distributor = self._service_deal(self.distributor, end_partner=self.hospital)
        self._term(lead=via_distributor, lot_id=self.delivered_mri.id)
        # Contract signed by a department of the hospital.
        by_department = self._service_deal(self.radiology)
        self._term(lead=by_department, lot_id=self.ct_lots.id)

    def test_serial_choice_offers_the_customers_installed_serials(self):
        view = self.env["medcrm.contract.term"].get_views([(False, "form")])["views"]["form"]
        self.assertIn("medcrm_unit_ids.end_partner_id", view["arch"])
        domain = [
            ("medcrm_unit_ids.state", "=", "active"),
            ("medcrm_unit_ids.end_partner_id", "child_of", self.hospital.id),
        ]
        offered = self.env["stock.lot"].with_user(self.user_engineer).search(domain)
        self.assertEqual(offered, self.delivered_mri | self.ct_lots)

    def test_serial_and_unit_show_their_terms_and_obligations(self):
        term = self._term(lot_id=self.delivered_mri.id)
        self._term(lot_id=self.ct_lots.id)
        self.contract.action_set_won()
        self.assertEqual(len(term.occurrence_ids), 4)
        self.assertEqual(term.occurrence_ids.lot_id, self.delivered_mri)
        lot = self.delivered_mri.with_user(self.user_engineer)
        self.assertEqual(lot.medcrm_contract_term_count, 1)
        self.assertEqual(lot.medcrm_contract_occurrence_count, 4)
        action = lot.action_medcrm_contract_occurrences()
        found = self.env["medcrm.contract.occurrence"].search(action["domain"])
        self.assertEqual(found, term.occurrence_ids)
        self.assertIn("MR-0001", action["display_name"])
        # The salesperson who sold the device sees it from the installed unit, without
        # inventory rights.
        unit = self.unit.with_user(self.user_salesman)
        self.assertFalse(self.user_salesman.has_group("stock.group_stock_user"))
        self.assertEqual(unit.medcrm_contract_term_count, 1)
        self.assertEqual(unit.medcrm_contract_occurrence_count, 4)
        action = unit.action_medcrm_contract_terms()
        self.assertEqual(
            self.env["medcrm.contract.term"].with_user(self.user_salesman).search(action["domain"]),
            term,
        )
        # An archived term stays in the serial's history.
        term.action_archive()
        self.assertEqual(self.delivered_mri.medcrm_contract_term_count, 1)

    def test_stock_user_without_sales_rights_opens_the_serial(self):
        lot = self.delivered_mri.with_user(self.stock_user)
        arch = lot.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertNotIn("medcrm_contract_term_count", arch)
        self.assertEqual(lot.name, "MR-0001")
