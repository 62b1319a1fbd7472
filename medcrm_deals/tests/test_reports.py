from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import MedcrmDealsCase, open_xlsx_action


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

    def _export(self, user, **values):
        wizard = self.env["medcrm.pipeline.export.wizard"].with_user(user).create(values)
        action = wizard.action_export()
        self.assertEqual(action["report_name"], "medcrm_deals.pipeline_xlsx")
        book = open_xlsx_action(wizard.env, action)
        return book, list(book.active.iter_rows(values_only=True))

    def test_xlsx_export_of_the_pipeline(self):
        book, rows = self._export(
            self.user_salesman, deal_kind_ids=[(6, 0, self.kind_equipment.ids)]
        )
        self.assertEqual(book.active.title, "Pipeline")
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

    def test_xlsx_export_has_only_the_deals_the_salesperson_may_read(self):
        _book, rows = self._export(self.user_salesman_other)
        names = [row[0] for row in rows[1:]]
        self.assertNotIn("MRI for City Hospital", names)
        self.assertNotIn("Service for City Hospital", names)
        _book, rows = self._export(self.user_all_leads)
        names = [row[0] for row in rows[1:]]
        self.assertIn("MRI for City Hospital", names)

    def test_xlsx_cells_are_text_never_formulas(self):
        formula = '=HYPERLINK("http://evil.example","click")'
        self.deal_a.name = formula
        self.hospital.name = "=1+1"
        self.deal_a.demand_ids.name = "=2+2"
        book, rows = self._export(
            self.user_salesman, deal_kind_ids=[(6, 0, self.kind_equipment.ids)]
        )
        header = rows[0]
        row = next(index for index, row in enumerate(rows) if row[0] == formula) + 1
        cells = {
            title: book.active.cell(row=row, column=col) for col, title in enumerate(header, 1)
        }
        for title, text in [
            ("Deal", formula),
            ("Customer", "=1+1"),
            ("Primary Demand", "=2+2 × 1"),
        ]:
            self.assertEqual(cells[title].data_type, "s", title)
            self.assertEqual(cells[title].value, text, title)
        self.assertIsNone(cells["Deal"].hyperlink)
        self.assertEqual(cells["Weighted Amount"].data_type, "n")
        self.assertEqual(cells["Expected Revenue"].number_format, "#,##0.00")
        self.assertTrue(cells["Created On"].is_date)

    def test_time_in_stage_report_groups_by_kind_and_stage(self):
        self.deal_a.stage_id = self.stage_offer
        groups = self.env["medcrm.deal.stage.history"]._read_group(
            [("lead_id", "=", self.deal_a.id), ("date_end", "!=", False)],
            ["kind_id", "stage_id"],
            ["active_hours:avg", "__count"],
        )
        self.assertEqual(groups[0][:2], (self.kind_equipment, self.stage_qualification))
        self.assertEqual(groups[0][3], 1)

    def _time_report(self, lead, user=None):
        Report = self.env["medcrm.deal.stage.time.report"]
        if user:
            Report = Report.with_user(user)
        return Report.search([("lead_id", "=", lead.id)])

    def test_time_in_stage_report_counts_the_current_stay_up_to_now_without_pauses(self):
        now = fields.Datetime.now()
        current = self.deal_a.stage_history_ids.filtered("is_current")
        current.sudo().date_start = now - timedelta(days=3)
        Pause = self.env["medcrm.deal.pause"].sudo()
        common = {"lead_id": self.deal_a.id, "date_planned_end": now.date(), "reason": "Budget"}
        Pause.create(
            [
                # before the stay: not counted
                {**common, "date_start": now - timedelta(days=5), "date_end": now - timedelta(4)},
                # one day inside the stay
                {**common, "date_start": now - timedelta(days=2), "date_end": now - timedelta(1)},
                # still paused: counted up to now (half a day)
                {**common, "date_start": now - timedelta(hours=12)},
            ]
        )
        self.env.flush_all()
        row = self._time_report(self.deal_a)
        self.assertEqual(len(row), 1)
        self.assertTrue(row.is_current)
        self.assertEqual(row.stage_id, self.stage_qualification)
        self.assertAlmostEqual(row.duration_hours, 72, delta=0.1)
        self.assertAlmostEqual(row.paused_hours, 36, delta=0.1)
        self.assertAlmostEqual(row.active_days, 1.5, delta=0.01)

    def test_time_in_stage_report_has_closed_and_current_stays(self):
        self.deal_a.stage_id = self.stage_offer
        closed = self.deal_a.stage_history_ids.filtered(lambda line: not line.is_current)
        closed.sudo().write({"duration_hours": 50.0, "paused_hours": 2.0})
        self.env.flush_all()
        rows = self._time_report(self.deal_a)
        self.assertEqual(rows.mapped("is_current"), [True, False])
        closed_row = rows.filtered(lambda row: not row.is_current)
        self.assertEqual(closed_row.stage_id, self.stage_qualification)
        self.assertAlmostEqual(closed_row.active_hours, 48.0)
        self.assertAlmostEqual(closed_row.active_days, 2.0)
        groups = self.env["medcrm.deal.stage.time.report"]._read_group(
            [("lead_id", "=", self.deal_a.id)], ["stage_id", "is_current"], ["__count"]
        )
        self.assertEqual(
            sorted((stage.name, current) for stage, current, _count in groups),
            [("T Offer", True), ("T Qualification", False)],
        )

    def test_time_in_stage_report_follows_the_deal_rules(self):
        self.assertTrue(self._time_report(self.deal_a, self.user_salesman))
        self.assertFalse(self._time_report(self.deal_a, self.user_salesman_other))
        self.assertTrue(self._time_report(self.deal_a, self.user_all_leads))
