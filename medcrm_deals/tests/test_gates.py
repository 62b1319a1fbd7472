import base64
import importlib.util

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import file_path

from .common import MedcrmDealsCase


@tagged("post_install", "-at_install")
class TestStageGates(MedcrmDealsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Gate = cls.env["medcrm.stage.gate"]
        cls.field_expected_revenue = cls.env["ir.model.fields"]._get("crm.lead", "expected_revenue")
        cls.gates = Gate.create(
            [
                {
                    "kind_id": cls.kind_equipment.id,
                    "stage_id": cls.stage_tender.id,
                    "requirement": "field",
                    "field_ids": [Command.set(cls.field_expected_revenue.ids)],
                },
                {
                    "kind_id": cls.kind_equipment.id,
                    "stage_id": cls.stage_tender.id,
                    "requirement": "document",
                    "document_type_id": cls.doc_offer.id,
                },
                {
                    "kind_id": cls.kind_equipment.id,
                    "stage_id": cls.stage_tender.id,
                    "requirement": "participant",
                    "role_id": cls.role_chief.id,
                },
            ]
        )
        cls.lead = cls._create_deal(user_id=cls.user_salesman.id)

    def _attach_offer(self, lead):
        self.env["medcrm.deal.document"].create(
            {
                "lead_id": lead.id,
                "document_type_id": self.doc_offer.id,
                "name": "Offer",
                "file": base64.b64encode(b"offer"),
                "file_name": "offer.pdf",
            }
        )

    def test_entering_a_gated_stage_lists_what_is_missing(self):
        with self.assertRaises(UserError) as caught:
            self.lead.with_user(self.user_salesman).write({"stage_id": self.stage_tender.id})
        message = str(caught.exception)
        self.assertIn("cannot enter the stage “T Tender”", message)
        self.assertIn("Expected Revenue", message)
        self.assertIn("a document of type “T Commercial offer”", message)
        self.assertIn("a participant with the role “T Chief physician”", message)
        self.assertEqual(self.lead.stage_id, self.stage_qualification)

    def test_only_the_missing_requirements_are_listed(self):
        self.lead.expected_revenue = 1_200_000
        self._attach_offer(self.lead)
        with self.assertRaises(UserError) as caught:
            self.lead.stage_id = self.stage_tender
        message = str(caught.exception)
        self.assertNotIn("Expected Revenue", message)
        self.assertNotIn("Commercial offer", message)
        self.assertIn("T Chief physician", message)

    def test_met_gates_let_the_deal_in(self):
        self._attach_offer(self.lead)
        self.lead.with_user(self.user_salesman).write(
            {
                "stage_id": self.stage_tender.id,
                "expected_revenue": 1_200_000,
                "participant_ids": [
                    (0, 0, {"partner_id": self.physician.id, "role_id": self.role_chief.id})
                ],
            }
        )
        self.assertEqual(self.lead.stage_id, self.stage_tender)

    def test_creating_a_deal_in_a_gated_stage_is_checked(self):
        with self.assertRaises(UserError):
            self._create_deal(stage_id=self.stage_tender.id)

    def test_other_kinds_and_stages_are_not_gated(self):
        self.lead.stage_id = self.stage_offer
        service = self._create_deal(self.kind_service)
        service.stage_id = self.stage_quotation
        self.assertEqual(service.stage_id, self.stage_quotation)

    def test_manager_overrides_with_a_recorded_reason(self):
        wizard = Form(
            self.env["medcrm.deal.stage.move.wizard"]
            .with_user(self.user_manager)
            .with_context(active_model="crm.lead", active_id=self.lead.id)
        )
        wizard.stage_id = self.stage_tender
        self.assertIn("T Chief physician", wizard.missing)
        wizard.reason = "Director approved: tender deadline on Friday"
        wizard.save().action_confirm()
        self.assertEqual(self.lead.stage_id, self.stage_tender)
        line = self.lead.stage_history_ids.filtered("is_current")
        self.assertTrue(line.is_gate_override)
        self.assertEqual(line.gate_override_reason, "Director approved: tender deadline on Friday")
        self.assertIn("past its stage gate", self.lead.message_ids[0].body)

    def test_move_past_gate_shows_what_the_refusal_names_before_the_reason(self):
        with self.assertRaises(UserError) as caught:
            self.lead.with_user(self.user_manager).write({"stage_id": self.stage_tender.id})
        refused_items = str(caught.exception).splitlines()[1:]
        self.assertEqual(len(refused_items), 3)
        # opened from the deal, the wizard proposes the gated stage ahead and lists its gaps
        wizard = Form(
            self.env["medcrm.deal.stage.move.wizard"]
            .with_user(self.user_manager)
            .with_context(active_model="crm.lead", active_id=self.lead.id)
        )
        self.assertEqual(wizard.stage_id, self.stage_tender)
        self.assertEqual(wizard.missing.splitlines(), refused_items)
        self.lead.expected_revenue = 1_200_000
        wizard.stage_id = self.stage_qualification
        wizard.stage_id = self.stage_tender
        self.assertEqual(wizard.missing.splitlines(), refused_items[1:])

    def test_salesman_cannot_override(self):
        with self.assertRaises(AccessError):
            self.lead.with_user(self.user_salesman).with_context(
                medcrm_gate_override_reason="Because"
            ).write({"stage_id": self.stage_tender.id})
        with self.assertRaises(AccessError):
            self.env["medcrm.deal.stage.move.wizard"].with_user(self.user_salesman).create(
                {"lead_id": self.lead.id, "stage_id": self.stage_tender.id, "reason": "x"}
            )

    def test_gate_must_guard_a_stage_of_its_kind_and_name_its_requirement(self):
        with self.assertRaisesRegex(ValidationError, "is not a stage of the deal kind"):
            self.env["medcrm.stage.gate"].create(
                {
                    "kind_id": self.kind_service.id,
                    "stage_id": self.stage_tender.id,
                    "requirement": "participant",
                    "role_id": self.role_chief.id,
                }
            )
        with self.assertRaisesRegex(ValidationError, "requires a participant needs their role"):
            self.env["medcrm.stage.gate"].create(
                {
                    "kind_id": self.kind_equipment.id,
                    "stage_id": self.stage_offer.id,
                    "requirement": "participant",
                }
            )

    def test_archived_gate_is_not_checked(self):
        self.gates.active = False
        self.lead.stage_id = self.stage_tender
        self.assertEqual(self.lead.stage_id, self.stage_tender)

    def test_field_gate_names_each_missing_field_by_its_label(self):
        self.gates.filtered(lambda gate: gate.requirement != "field").active = False
        deadline = self.env["ir.model.fields"]._get("crm.lead", "date_deadline")
        self.gates.filtered("field_ids").field_ids = [Command.link(deadline.id)]
        with self.assertRaises(UserError) as caught:
            self.lead.stage_id = self.stage_tender
        message = str(caught.exception)
        self.assertIn("field “Expected Revenue” filled in", message)
        self.assertIn(f"field “{deadline.field_description}” filled in", message)
        self.lead.expected_revenue = 500_000
        with self.assertRaises(UserError) as caught:
            self.lead.stage_id = self.stage_tender
        self.assertNotIn("Expected Revenue", str(caught.exception))
        self.assertIn(deadline.field_description, str(caught.exception))
        self.lead.write({"date_deadline": "2030-01-31", "stage_id": self.stage_tender.id})
        self.assertEqual(self.lead.stage_id, self.stage_tender)

    def test_field_gate_offers_only_stored_deal_fields_a_user_fills_in(self):
        Gate = self.env["medcrm.stage.gate"]
        choices = self.env["ir.model.fields"].search(Gate._medcrm_field_domain())
        names = set(choices.mapped("name"))
        self.assertIn("expected_revenue", names)
        self.assertIn("participant_ids", names)
        self.assertEqual(set(choices.mapped("model")), {"crm.lead"})
        for technical in ("create_uid", "write_date", "message_ids", "activity_ids", "id"):
            self.assertNotIn(technical, names)
        self.assertNotIn("document_count", names, "not stored")

    def test_field_gate_refuses_other_and_technical_fields(self):
        Gate = self.env["medcrm.stage.gate"]
        values = {
            "kind_id": self.kind_equipment.id,
            "stage_id": self.stage_offer.id,
            "requirement": "field",
        }
        with self.assertRaisesRegex(ValidationError, "needs at least one field"):
            Gate.create(values)
        partner_email = self.env["ir.model.fields"]._get("res.partner", "email")
        with self.assertRaisesRegex(ValidationError, "fields of the deal that a user fills in"):
            Gate.create({**values, "field_ids": [Command.set(partner_email.ids)]})
        created_by = self.env["ir.model.fields"]._get("crm.lead", "create_uid")
        with self.assertRaisesRegex(ValidationError, "remove: Created by"):
            Gate.create({**values, "field_ids": [Command.set(created_by.ids)]})

    def test_gate_display_name_lists_its_fields(self):
        gate = self.gates.filtered("field_ids")
        self.assertEqual(gate.display_name, "field “Expected Revenue” filled in")

    def test_salesperson_sees_a_field_gate_by_its_field_labels(self):
        """Salespeople read the gates of their kinds (Pipelines by Kind, a kind's form) but not
        ir.model.fields: the gate names its fields by their labels all the same."""
        gate = self.gates.filtered("field_ids").with_user(self.user_salesman)
        gate.invalidate_recordset()
        self.assertEqual(gate.field_labels, "Expected Revenue")
        self.assertEqual(gate.display_name, "field “Expected Revenue” filled in")
        form = (
            self.env["medcrm.deal.kind"].with_user(self.user_salesman).get_views([(False, "form")])
        )
        arch = form["views"]["form"]["arch"]
        self.assertIn('name="field_labels"', arch)
        self.assertNotIn('name="field_ids"', arch)

    def test_crm_manager_chooses_the_fields_of_a_gate(self):
        """Configuring gates is the CRM manager's job, without being an Odoo administrator:
        they read and search the deal's fields (never write them)."""
        manager = self.user_manager
        Fields = self.env["ir.model.fields"].with_user(manager)
        domain = self.env["medcrm.stage.gate"]._medcrm_field_domain()
        self.assertIn(self.field_expected_revenue, Fields.search(domain))
        with Form(self.kind_equipment.with_user(manager)) as kind:
            with kind.gate_ids.new() as gate:
                gate.stage_id = self.stage_offer
                gate.requirement = "field"
                gate.field_ids.add(self.field_expected_revenue)
        self.assertEqual(
            self.kind_equipment.gate_ids.filtered(
                lambda g: g.stage_id == self.stage_offer
            ).field_ids,
            self.field_expected_revenue,
        )
        with self.assertRaises(AccessError):
            self.field_expected_revenue.with_user(manager).field_description = "Hacked"

    def test_migration_turns_the_old_field_name_into_field_links(self):
        """18.0.1.1.0: the gates' former selection column becomes links to ir.model.fields;
        a gate whose field no longer exists is archived rather than left unusable."""
        path = file_path("medcrm_deals/migrations/18.0.1.1.0/post-migrate.py")
        spec = importlib.util.spec_from_file_location("medcrm_deals_gate_migration", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        kept, lost = self.env["medcrm.stage.gate"].create(
            [
                {
                    "kind_id": self.kind_equipment.id,
                    "stage_id": self.stage_offer.id,
                    "requirement": "document",
                    "document_type_id": self.doc_offer.id,
                }
            ]
            * 2
        )
        self.env.flush_all()
        self.env.cr.execute("ALTER TABLE medcrm_stage_gate ADD COLUMN field_name varchar")
        self.env.cr.execute(
            "UPDATE medcrm_stage_gate SET requirement = 'field', field_name = %s WHERE id = %s",
            ["expected_revenue", kept.id],
        )
        self.env.cr.execute(
            "UPDATE medcrm_stage_gate SET requirement = 'field', field_name = %s WHERE id = %s",
            ["x_removed_field", lost.id],
        )
        migration._migrate_gate_fields(self.env.cr)
        self.env.invalidate_all()
        self.assertEqual(kept.field_ids, self.field_expected_revenue)
        self.assertTrue(kept.active)
        self.assertFalse(lost.active)
        self.env.cr.execute(
            "SELECT 1 FROM information_schema.columns "
            "WHERE table_name = 'medcrm_stage_gate' AND column_name = 'field_name'"
        )
        self.assertFalse(self.env.cr.fetchone(), "the old column is dropped")
