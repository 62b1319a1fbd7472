from odoo import fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestServiceFulfillmentTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.hospital = env["res.partner"].create({"name": "Tour SF Hospital", "is_company": True})
        cls.ct = env["product.product"].create(
            {"name": "Tour CT scanner", "is_storable": True, "tracking": "serial"}
        )
        cls.lot = env["stock.lot"].create({"name": "TOUR-SF-CT", "product_id": cls.ct.id})
        # Another serial of the same device, still in stock: not offered on the contract.
        env["stock.lot"].create({"name": "TOUR-SF-STOCK", "product_id": cls.ct.id})
        # The installed base as medcrm_fulfillment records it when the delivery is validated
        # (the delivery itself is covered by that add-on's tests and tour).
        cls.unit = env["medcrm.fulfillment.unit"].create(
            {
                "name": cls.lot.name,
                "lot_id": cls.lot.id,
                "product_id": cls.ct.id,
                "company_id": env.company.id,
                "date_delivered": fields.Date.today(),
                "end_partner_id": cls.hospital.id,
                "end_address_id": cls.hospital.id,
            }
        )
        env["medcrm.contract.term.type"].create({"name": "Tour visit"})
        cls.lead = env["crm.lead"].create(
            {
                "name": "Tour SF maintenance contract",
                "type": "opportunity",
                "partner_id": cls.hospital.id,
                "deal_kind_id": env.ref(
                    "medcrm_service_contract.medcrm_deal_kind_service_contract"
                ).id,
            }
        )

    def test_term_on_a_delivered_serial_and_back_from_the_unit(self):
        self.start_tour(
            f"/odoo/crm/{self.lead.id}", "medcrm_service_fulfillment_term_tour", login="admin"
        )
        term = self.lead.contract_term_ids
        self.assertEqual(term.lot_id, self.lot)
        self.assertEqual((term.product_id, term.serial_number), (self.ct, "TOUR-SF-CT"))
        self.start_tour(
            f"/odoo/action-medcrm_fulfillment.medcrm_fulfillment_unit_action/{self.unit.id}",
            "medcrm_service_fulfillment_unit_tour",
            login="admin",
        )
