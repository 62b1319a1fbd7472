from odoo.tests import tagged, users, warmup

from .common import MedcrmDealsCase

CARD_SPEC = {
    "name": {},
    "expected_revenue": {},
    "probability": {},
    "partner_id": {"fields": {"display_name": {}}},
    "user_id": {"fields": {"display_name": {}}},
    "stage_id": {"fields": {"display_name": {}}},
    "deal_kind_id": {"fields": {"display_name": {}}},
    "tag_ids": {"fields": {"display_name": {}}},
    "is_paused": {},
    "paused_until": {},
    "activity_ids": {"fields": {}},
}


@tagged("post_install", "-at_install")
class TestPipelinePerformance(MedcrmDealsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        stages = cls.kind_equipment.stage_ids
        cls.env["crm.lead"].create(
            [
                {
                    "name": f"Equipment deal {index}",
                    "type": "opportunity",
                    "deal_kind_id": cls.kind_equipment.id,
                    "stage_id": stages[index % 3].id,
                    "partner_id": cls.hospital.id,
                    "user_id": cls.user_salesman.id,
                }
                for index in range(5)
            ]
        )

    def _read_pipeline(self):
        Lead = self.env["crm.lead"].with_context(default_deal_kind_id=self.kind_equipment.id)
        domain = [("type", "=", "opportunity"), ("deal_kind_id", "=", self.kind_equipment.id)]
        groups = Lead.web_read_group(
            domain, ["stage_id", "expected_revenue:sum"], ["stage_id"], lazy=True
        )["groups"]
        records = Lead.web_search_read(domain, CARD_SPEC, limit=80)["records"]
        return groups, records

    def _count_queries(self):
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        groups, records = self._read_pipeline()
        return self.cr.sql_log_count - before, groups, records

    def _add_deals_and_kinds(self, count):
        stages = self.kind_equipment.stage_ids
        self.env["crm.lead"].sudo().create(
            [
                {
                    "name": f"More deal {index}",
                    "type": "opportunity",
                    "deal_kind_id": self.kind_equipment.id,
                    "stage_id": stages[index % 4].id,
                    "partner_id": self.engineer.id if index % 2 else self.hospital.id,
                    "user_id": self.user_manager.id if index % 2 else self.user_salesman.id,
                }
                for index in range(count)
            ]
        )
        stage = self.env["crm.stage"].sudo().with_context(medcrm_no_default_kind=True)
        for index in range(3):
            new_stage = stage.create({"name": f"Extra {index}", "sequence": 950 + index})
            self.env["medcrm.deal.kind"].sudo().create(
                {
                    "name": f"Extra kind {index}",
                    "code": f"T_EXTRA_{index}",
                    "stage_line_ids": [(0, 0, {"stage_id": new_stage.id})],
                }
            )
        self.env.flush_all()

    @users("medcrm_all_leads")
    @warmup
    def test_kanban_read_of_one_kind_has_a_fixed_query_budget(self):
        with self.assertQueryCount(medcrm_all_leads=12):
            groups, _records = self._read_pipeline()
        self.assertEqual(len(groups), 4)

    @users("medcrm_all_leads")
    def test_kanban_read_does_not_grow_with_deals_or_kinds(self):
        self._read_pipeline()  # warm up the caches
        small, groups, records = self._count_queries()
        self.assertEqual(len(groups), 4)
        self.assertEqual(len(records), 5)
        self._add_deals_and_kinds(40)
        self._read_pipeline()  # creating kinds clears the caches: warm them up again
        large, groups, records = self._count_queries()
        self.assertEqual(len(records), 45)
        self.assertEqual(len(groups), 4)
        self.assertEqual(small, large)
