from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MedcrmDealsCase


@tagged("post_install", "-at_install")
class TestDealKind(MedcrmDealsCase):
    def test_plain_create_gets_the_default_kind(self):
        lead = self.env["crm.lead"].create({"name": "Plain", "type": "opportunity"})
        default = self.env["medcrm.deal.kind"]._medcrm_default_kind()
        self.assertTrue(default)
        self.assertEqual(lead.deal_kind_id, default)
        self.assertIn(lead.stage_id, default.stage_ids)

    def test_kind_from_context_and_first_stage_in_kind_order(self):
        # the kind's order (line sequence), not the stages' own sequence, decides
        self.kind_service.stage_line_ids.filtered(
            lambda line: line.stage_id == self.stage_quotation
        ).sequence = 0
        lead = (
            self.env["crm.lead"]
            .with_context(default_deal_kind_id=self.kind_service.id)
            .create({"name": "Service request", "type": "opportunity"})
        )
        self.assertEqual(lead.deal_kind_id, self.kind_service)
        self.assertEqual(lead.stage_id, self.stage_quotation)

    def test_stage_outside_kind_is_rejected(self):
        with self.assertRaisesRegex(ValidationError, "is not a stage of the deal kind"):
            self._create_deal(self.kind_service, stage_id=self.stage_offer.id)
        lead = self._create_deal(self.kind_service)
        with self.assertRaisesRegex(ValidationError, "T Request, T Quotation, T Service won"):
            lead.write({"stage_id": self.stage_tender.id})

    def test_rpc_style_create_and_write_are_checked(self):
        Lead = self.env["crm.lead"].with_user(self.user_salesman)
        values = {
            "name": "RPC deal",
            "type": "opportunity",
            "deal_kind_id": self.kind_equipment.id,
            "stage_id": self.stage_quotation.id,
        }
        with self.assertRaises(ValidationError):
            Lead.create([values])
        values["stage_id"] = self.stage_offer.id
        lead = Lead.create([values])
        self.assertEqual(lead.stage_id, self.stage_offer)
        with self.assertRaises(ValidationError):
            lead.write({"deal_kind_id": self.kind_service.id, "stage_id": self.stage_offer.id})

    def test_load_import_refuses_a_stage_of_another_kind(self):
        fields_ = ["name", "type", "deal_kind_id/.id", "stage_id/.id"]
        result = self.env["crm.lead"].load(
            fields_,
            [["Imported bad", "opportunity", self.kind_service.id, self.stage_tender.id]],
        )
        self.assertFalse(result["ids"])
        self.assertTrue(
            any("is not a stage of the deal kind" in msg["message"] for msg in result["messages"]),
            result["messages"],
        )
        result = self.env["crm.lead"].load(
            fields_,
            [["Imported good", "opportunity", self.kind_service.id, self.stage_quotation.id]],
        )
        self.assertEqual(len(result["ids"]), 1, result["messages"])
        lead = self.env["crm.lead"].browse(result["ids"])
        self.assertEqual(lead.stage_id, self.stage_quotation)

    def test_changing_kind_moves_to_first_stage_of_new_kind(self):
        lead = self._create_deal(self.kind_equipment, stage_id=self.stage_tender.id)
        lead.write({"deal_kind_id": self.kind_service.id})
        self.assertEqual(lead.stage_id, self.stage_request)
        # a stage shared by both kinds is kept
        self.kind_equipment.stage_line_ids = [(0, 0, {"stage_id": self.stage_quotation.id})]
        lead.stage_id = self.stage_quotation
        lead.deal_kind_id = self.kind_equipment
        self.assertEqual(lead.stage_id, self.stage_quotation)

    def test_kind_without_stages_is_refused_for_deals(self):
        empty = self.env["medcrm.deal.kind"].create({"name": "Empty", "code": "T_EMPTY"})
        with self.assertRaisesRegex(ValidationError, "has no stages"):
            self._create_deal(empty)

    def test_opportunity_without_kind_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "has no deal kind"):
            self._create_deal(kind=False)

    def test_delete_kind_in_use_is_refused(self):
        self._create_deal(self.kind_service)
        with self.assertRaisesRegex(UserError, "You cannot delete a deal kind that deals use"):
            self.kind_service.unlink()
        unused = self.env["medcrm.deal.kind"].create({"name": "Unused", "code": "T_UNUSED"})
        unused.unlink()
        self.assertFalse(unused.exists())

    def test_delete_stage_in_use_is_refused(self):
        lead = self._create_deal(self.kind_equipment, stage_id=self.stage_offer.id)
        lead.action_set_lost()  # archived deals count too
        with self.assertRaisesRegex(UserError, "You cannot delete a stage that deals are in"):
            self.stage_offer.unlink()

    def test_removing_a_used_stage_from_a_kind_is_refused(self):
        self._create_deal(self.kind_service, stage_id=self.stage_quotation.id)
        line = self.kind_service.stage_line_ids.filtered(
            lambda line: line.stage_id == self.stage_quotation
        )
        with self.assertRaisesRegex(UserError, "You cannot remove a stage from a deal kind"):
            line.unlink()
        with self.assertRaisesRegex(UserError, "You cannot remove a stage from a deal kind"):
            self.stage_quotation.deal_kind_ids = self.kind_equipment

    def test_new_stage_joins_the_kind_of_its_pipeline_or_the_default_kind(self):
        stage = (
            self.env["crm.stage"]
            .with_context(default_deal_kind_id=self.kind_service.id)
            .create({"name": "Site survey"})
        )
        self.assertEqual(stage.deal_kind_ids, self.kind_service)
        plain = self.env["crm.stage"].create({"name": "Plain stage"})
        self.assertEqual(plain.deal_kind_ids, self.env["medcrm.deal.kind"]._medcrm_default_kind())
        self.assertEqual(
            self.env["crm.stage"].search([("deal_kind_ids", "=", self.kind_service.id)]),
            self.kind_service.stage_ids | stage,
        )

    def test_code_is_unique(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["medcrm.deal.kind"].create({"name": "Dup", "code": "T_SERVICE"})

    def test_one_default_kind_and_it_cannot_be_archived(self):
        self.kind_service.is_default = True
        defaults = self.env["medcrm.deal.kind"].search([("is_default", "=", True)])
        self.assertEqual(defaults, self.kind_service)
        self.assertEqual(self.env["medcrm.deal.kind"]._medcrm_default_kind(), self.kind_service)
        with self.assertRaisesRegex(ValidationError, "default kind"):
            self.kind_service.active = False

    def test_pipeline_of_a_kind_shows_exactly_its_stages_in_its_order(self):
        self._create_deal(self.kind_equipment, stage_id=self.stage_offer.id)
        self._create_deal(self.kind_service, stage_id=self.stage_quotation.id)
        self.kind_service.stage_line_ids.filtered(
            lambda line: line.stage_id == self.stage_service_won
        ).sequence = 0
        groups = (
            self.env["crm.lead"]
            .with_context(default_deal_kind_id=self.kind_service.id)
            .web_read_group(
                [("type", "=", "opportunity"), ("deal_kind_id", "=", self.kind_service.id)],
                ["stage_id"],
                ["stage_id"],
            )["groups"]
        )
        self.assertEqual(
            [group["stage_id"][0] for group in groups],
            [self.stage_service_won.id, self.stage_request.id, self.stage_quotation.id],
        )
        counts = {group["stage_id"][0]: group["stage_id_count"] for group in groups}
        self.assertEqual(counts[self.stage_quotation.id], 1)
        self.assertEqual(counts[self.stage_request.id], 0)  # empty columns are shown

    def test_action_set_won_uses_the_won_stage_of_each_kind(self):
        equipment = self._create_deal(self.kind_equipment)
        service = self._create_deal(self.kind_service)
        (equipment | service).action_set_won()
        self.assertEqual(equipment.stage_id, self.stage_equipment_won)
        self.assertEqual(service.stage_id, self.stage_service_won)

    def test_merging_deals_of_two_kinds_keeps_a_stage_of_the_head_kind(self):
        service = self._create_deal(self.kind_service, probability=90, email_from="a@h.example")
        service.stage_id = self.stage_quotation
        equipment = self._create_deal(self.kind_equipment, probability=10, email_from="a@h.example")
        equipment.stage_id = self.stage_tender
        merged = (service | equipment)._merge_opportunity(auto_unlink=False)
        self.assertIn(merged.stage_id, merged.deal_kind_id.stage_ids)

    def test_open_pipeline_action_is_filtered_by_kind(self):
        action = self.kind_service.action_open_pipeline()
        self.assertIn(("deal_kind_id", "=", self.kind_service.id), action["domain"])
        self.assertEqual(action["context"]["default_deal_kind_id"], self.kind_service.id)


@tagged("post_install", "-at_install")
class TestStageHistory(MedcrmDealsCase):
    def test_history_keeps_time_in_each_stage(self):
        with freeze_time("2026-03-02 09:00:00"):
            lead = self._create_deal(self.kind_equipment)
        self.assertEqual(len(lead.stage_history_ids), 1)
        with freeze_time("2026-03-04 09:00:00"):
            lead.stage_id = self.stage_offer
        with freeze_time("2026-03-05 21:00:00"):
            lead.stage_id = self.stage_tender
        history = lead.stage_history_ids.sorted("date_start")
        self.assertEqual(history.stage_id.ids, [s.id for s in (
            self.stage_qualification, self.stage_offer, self.stage_tender)])  # fmt: skip
        self.assertEqual(history[0].duration_hours, 48)
        self.assertEqual(history[1].duration_hours, 36)
        self.assertAlmostEqual(history[1].active_days, 1.5)
        self.assertFalse(history[2].date_end)
        self.assertTrue(history[2].is_current)

    def test_kind_change_is_recorded_as_a_stage_change(self):
        lead = self._create_deal(self.kind_equipment)
        lead.deal_kind_id = self.kind_service
        self.assertEqual(
            lead.stage_history_ids.sorted("id").stage_id,
            self.stage_qualification | self.stage_request,
        )
        self.assertEqual(lead.stage_history_ids.filtered("is_current").kind_id, self.kind_service)

    def test_history_is_read_only_for_salespeople(self):
        lead = self._create_deal(self.kind_equipment, user_id=self.user_salesman.id)
        history = lead.with_user(self.user_salesman).stage_history_ids
        self.assertEqual(len(history), 1)
        with self.assertRaises(AccessError):
            history.write({"duration_hours": 1})

    def test_reordering_stages_reorders_the_kind(self):
        # what the kanban does when a column is dragged: it resequences the columns
        for sequence, stage in enumerate(
            self.stage_service_won | self.stage_request | self.stage_quotation, start=1
        ):
            stage.sequence = sequence
        self.assertEqual(
            self.kind_service.stage_ids,
            self.stage_service_won | self.stage_request | self.stage_quotation,
        )

    def test_pipeline_without_kind_shows_the_default_kind_and_stages_holding_deals(self):
        default = self.env["medcrm.deal.kind"]._medcrm_default_kind()
        deal = self._create_deal(self.kind_service, stage_id=self.stage_quotation.id)
        groups = self.env["crm.lead"].web_read_group(
            [("type", "=", "opportunity"), ("id", "=", deal.id)], ["stage_id"], ["stage_id"]
        )["groups"]
        shown = [group["stage_id"][0] for group in groups]
        default_stages = default.stage_ids.filtered(lambda stage: not stage.team_id)
        self.assertEqual(shown[: len(default_stages)], default_stages.ids)
        self.assertIn(self.stage_quotation.id, shown)
        self.assertNotIn(self.stage_request.id, shown)
