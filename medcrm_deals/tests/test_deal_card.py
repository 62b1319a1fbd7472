import base64

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import MedcrmDealsCase


@tagged("post_install", "-at_install")
class TestDealCard(MedcrmDealsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product_mri = cls.env["product.product"].create({"name": "T MRI scanner 1.5T"})
        cls.lead = cls._create_deal(user_id=cls.user_salesman.id)

    def test_participants_with_roles(self):
        self.lead.participant_ids = [
            (0, 0, {"partner_id": self.physician.id, "role_id": self.role_chief.id}),
            (0, 0, {"partner_id": self.engineer.id, "role_id": self.role_engineer.id}),
        ]
        self.assertEqual(self.lead.participant_ids.role_id, self.role_chief | self.role_engineer)

    def test_participant_without_partner_or_role_is_refused(self):
        Participant = self.env["medcrm.deal.participant"]
        with self.assertRaisesRegex(ValidationError, "Missing: Person"):
            Participant.create({"lead_id": self.lead.id, "role_id": self.role_chief.id})
        with self.assertRaisesRegex(ValidationError, "Missing: Role"):
            Participant.create({"lead_id": self.lead.id, "partner_id": self.physician.id})
        result = Participant.load(
            ["lead_id/.id", "partner_id/.id", "role_id/.id"],
            [[self.lead.id, "", self.role_chief.id]],
        )
        self.assertFalse(result["ids"])

    def test_one_primary_participant_per_deal(self):
        with self.assertRaisesRegex(ValidationError, "one primary participant at most"):
            self.lead.participant_ids = [
                (0, 0, {"partner_id": p.id, "role_id": self.role_chief.id, "is_primary": True})
                for p in (self.physician, self.engineer)
            ]

    def test_demand_lines_from_product_or_free_text(self):
        self.lead.demand_ids = [
            (0, 0, {"product_id": self.product_mri.id, "quantity": 2}),
            (0, 0, {"name": "Contrast injector (not in catalogue)", "quantity": 1}),
        ]
        lines = self.lead.demand_ids.sorted("id")
        self.assertEqual(lines[0].name, "T MRI scanner 1.5T")
        self.assertEqual(lines[1].name, "Contrast injector (not in catalogue)")

    def test_demand_without_product_or_text_or_with_zero_quantity_is_refused(self):
        Demand = self.env["medcrm.deal.demand"]
        with self.assertRaisesRegex(ValidationError, "needs a product or a description"):
            Demand.create({"lead_id": self.lead.id, "quantity": 1})
        with self.assertRaisesRegex(ValidationError, "must be positive"):
            Demand.create({"lead_id": self.lead.id, "name": "CT", "quantity": 0})

    def test_document_upload_attaches_the_file_to_the_deal(self):
        document = self.env["medcrm.deal.document"].create(
            {
                "lead_id": self.lead.id,
                "document_type_id": self.doc_offer.id,
                "name": "Offer 2026-14",
                "file": base64.b64encode(b"%PDF-1.4 offer"),
                "file_name": "offer.pdf",
            }
        )
        self.assertEqual(document.attachment_id.res_model, "crm.lead")
        self.assertEqual(document.attachment_id.res_id, self.lead.id)
        self.assertEqual(base64.b64decode(document.file), b"%PDF-1.4 offer")
        self.assertEqual(self.lead.document_count, 1)
        action = self.lead.action_medcrm_open_documents()
        self.assertEqual(self.env["medcrm.deal.document"].search(action["domain"]), document)
        leads = self.env["crm.lead"].search(
            [("document_ids.document_type_id", "=", self.doc_offer.id)]
        )
        self.assertEqual(leads, self.lead)

    def test_document_without_file_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "has no file"):
            self.env["medcrm.deal.document"].create(
                {"lead_id": self.lead.id, "document_type_id": self.doc_offer.id, "name": "Empty"}
            )

    def test_deal_form_edits_participants_and_demand(self):
        with Form(self.lead) as form:
            with form.participant_ids.new() as line:
                line.partner_id = self.physician
                line.role_id = self.role_chief
                line.is_primary = True
            with form.demand_ids.new() as line:
                line.product_id = self.product_mri
                line.quantity = 1
        self.assertEqual(self.lead.participant_ids.partner_id, self.physician)
        self.assertEqual(self.lead.demand_ids.product_id, self.product_mri)

    def test_properties_are_defined_per_kind(self):
        self.kind_equipment.deal_properties_definition = [
            {"name": "field_strength", "string": "Field strength", "type": "char"}
        ]
        self.lead.deal_properties = {"field_strength": "1.5T"}
        self.assertEqual(self.lead.deal_properties, {"field_strength": "1.5T"})
        self.assertEqual(
            self.lead.read(["deal_properties"])[0]["deal_properties"][0]["value"], "1.5T"
        )
        service = self._create_deal(self.kind_service)
        self.assertFalse(service.deal_properties)
