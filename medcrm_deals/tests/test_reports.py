import base64
import io

import openpyxl

from odoo.tests import tagged

from .common import MedcrmDealsCase


@tagged("post_install", "-at_install")
class TestReports(MedcrmDealsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.deal_a = cls._create_deal(
            name="MRI for City Hospital",
            expected_revenue=1_000_000,
            probability=40,
            user_id=cls.user_salesman.id,
            sales_channel_id=cls.channel_distributor.id,
            source_partner_id=cls.distributor.id,
            demand_ids=[(0, 0, {"name": "MRI 1.5T", "quantity": 1})],
        )
        cls.deal_b = cls._create_deal(
            cls.kind_service,
            name="Service for City Hospital",
            expected_revenue=200_000,
            probability=50,
            user_id=cls.user_salesman.id,
        )

    def test_pipeline_grouped_by_kind_and_channel_with_weighted_amount(self):
        groups = self.env["crm.lead"]._read_group(
            [("id", "in", (self.deal_a | self.deal_b).ids)],
            ["deal_kind_id", "sales_channel_id", "channel_source_name"],
            ["expected_revenue:sum", "prorated_revenue:sum"],
        )
        by_kind = {
            kind: (channel, source, amount, weighted)
            for kind, channel, source, amount, weighted in groups
        }
        self.assertEqual(
            by_kind[self.kind_equipment],
            (self.channel_distributor, self.distributor.display_name, 1_000_000, 400_000),
        )
        self.assertEqual(by_kind[self.kind_service][3], 100_000)

    def test_xlsx_export_of_the_pipeline(self):
        wizard = (
            self.env["medcrm.pipeline.export.wizard"]
            .with_user(self.user_salesman)
            .create({"deal_kind_ids": [(6, 0, self.kind_equipment.ids)]})
        )
        action = wizard.action_export()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertTrue(wizard.file_name.endswith(".xlsx"))
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file)))
        rows = list(book.active.iter_rows(values_only=True))
        header = rows[0]
        self.assertIn("Deal Kind", header)
        self.assertIn("Weighted Amount", header)
        deals = [row for row in rows[1:] if row[0] == "MRI for City Hospital"]
        self.assertEqual(len(deals), 1)
        row = dict(zip(header, deals[0], strict=True))
        self.assertEqual(row["Stage"], "T Qualification")
        self.assertEqual(row["Sales Channel"], "T Distributor")
        self.assertEqual(row["Weighted Amount"], 400_000)
        self.assertEqual(row["Primary Demand"], "MRI 1.5T × 1")
        self.assertFalse([row for row in rows[1:] if row[0] == "Service for City Hospital"])

    def test_time_in_stage_report_groups_by_kind_and_stage(self):
        self.deal_a.stage_id = self.stage_offer
        groups = self.env["medcrm.deal.stage.history"]._read_group(
            [("lead_id", "=", self.deal_a.id), ("date_end", "!=", False)],
            ["kind_id", "stage_id"],
            ["active_hours:avg", "__count"],
        )
        self.assertEqual(groups[0][:2], (self.kind_equipment, self.stage_qualification))
        self.assertEqual(groups[0][3], 1)
