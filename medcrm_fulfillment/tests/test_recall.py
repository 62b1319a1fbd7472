import re
from pathlib import Path
from xml.etree import ElementTree

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from odoo.addons.medcrm_deals.tests.common import open_xlsx_action

from .common import FulfillmentCase

ROOT = Path(__file__).resolve().parents[2]


@tagged("post_install", "-at_install")
class TestRecall(FulfillmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-03-02 10:00:00"):
            lead = cls._won_deal(cls.distributor, cls.hospital, cls.radiology)
            order = cls._confirmed_order(lead, [(cls.mri, 2)])
            cls._validate(order.picking_ids, cls.mri_lots[:2])
            pending = cls._won_deal(cls.distributor)
            order = cls._confirmed_order(pending, [(cls.mri, 1)])
            cls._validate(order.picking_ids, cls.mri_lots[2:])
            other = cls._won_deal(cls.other_hospital, cls.other_hospital, cls.other_department)
            cls._validate(cls._confirmed_order(other, [(cls.ct, 1)]).picking_ids, cls.ct_lots)

    def _lookup(self, product=None, serials=None, date="2026-06-01", user=None):
        form = Form(self.env["medcrm.recall.lookup"].with_user(user or self.user_manager))
        if product:
            form.product_id = product
        if serials:
            form.serials = serials
        form.date = date
        wizard = form.save()
        wizard.action_lookup()
        return wizard

    def test_product_lookup_lists_gaps_first_then_end_customers(self):
        wizard = self._lookup(product=self.mri)
        lines = wizard.line_ids
        self.assertEqual(lines.mapped("serial"), ["MR-0003", "MR-0001", "MR-0002"])
        self.assertTrue(lines[0].is_gap)
        self.assertEqual(lines[0].distributor_id, self.distributor)
        self.assertEqual(lines[1].end_partner_id, self.hospital)
        self.assertEqual(lines[1].end_address_id, self.radiology)
        self.assertIn("Lenina 1", lines[1].address)
        self.assertIn("petrov@hospital1.example", lines[1].contacts)
        self.assertEqual(wizard.gap_count, 1)
        self.assertEqual(wizard.line_count, 3)

    def test_pasted_serials_and_ranges(self):
        wizard = self._lookup(serials="MR-0001\nXX-999; CT-0100")
        by_serial = {line.serial: line for line in wizard.line_ids}
        self.assertEqual(set(by_serial), {"MR-0001", "XX-999", "CT-0100"})
        self.assertTrue(by_serial["XX-999"].is_gap)
        self.assertEqual(wizard.line_ids[0].serial, "XX-999")
        self.assertEqual(by_serial["CT-0100"].end_partner_id, self.other_hospital)
        ranged = self._lookup(serials="MR-0002..MR-0003")
        self.assertEqual(set(ranged.line_ids.mapped("serial")), {"MR-0002", "MR-0003"})

    def test_lookup_as_of_a_date_before_delivery_finds_nothing(self):
        wizard = self._lookup(product=self.mri, date="2026-03-01")
        self.assertFalse(wizard.line_ids)

    def test_returned_unit_is_not_listed_after_return(self):
        unit = self.env["medcrm.fulfillment.unit"].search([("lot_id", "=", self.ct_lots.id)])
        with freeze_time("2026-05-01 10:00:00"):
            self._return(unit.picking_id, self.ct_lots)
        self.assertEqual(
            self._lookup(product=self.ct, date="2026-04-30").line_ids.serial, "CT-0100"
        )
        self.assertFalse(self._lookup(product=self.ct, date="2026-05-02").line_ids)

    def test_bad_input_is_explained(self):
        with self.assertRaisesRegex(UserError, "Choose a product or paste serial numbers"):
            self._lookup()
        with self.assertRaisesRegex(UserError, "is not valid: write FIRST..LAST"):
            self._lookup(serials="MR-0009..MR-0001")

    def test_results_open_as_a_list_in_the_main_area(self):
        wizard = (
            self.env["medcrm.recall.lookup"]
            .with_user(self.user_manager)
            .create(
                {"product_id": self.mri.id, "serials": "MR-0001..MR-0002", "date": "2026-06-01"}
            )
        )
        action = wizard.action_lookup()
        self.assertEqual(action["res_model"], "medcrm.recall.lookup.line")
        self.assertEqual(action["target"], "current")
        self.assertEqual(action["views"][0][1], "list")
        self.assertIn("MR-0001..MR-0002", action["name"])
        lines = self.env[action["res_model"]].with_user(self.user_manager).search(action["domain"])
        self.assertEqual(lines, wizard.line_ids)
        self.assertFalse(wizard.result_message)

    def test_empty_result_says_what_was_searched(self):
        wizard = (
            self.env["medcrm.recall.lookup"]
            .with_user(self.user_manager)
            .create({"serials": "MR-0100..MR-0199", "date": "2026-06-01"})
        )
        action = wizard.action_lookup()
        # the dialog stays, with the message, instead of an empty list
        self.assertEqual((action["res_model"], action["target"]), (wizard._name, "new"))
        self.assertFalse(wizard.line_ids)
        self.assertIn("Nothing found for MR-0100..MR-0199 as of 06/01/2026", wizard.result_message)
        # a product and a date before any delivery: both named
        wizard = self._lookup(product=self.ct, date="2026-03-01")
        self.assertIn(self.ct.display_name, wizard.result_message)
        self.assertIn("03/01/2026", wizard.result_message)
        # a later search that finds something clears the message
        wizard.date = "2026-06-01"
        wizard.action_lookup()
        self.assertFalse(wizard.result_message)

    def test_readme_range_finds_demo_serials(self):
        """The range the READMEs give as an example must match serials of the demo data (read
        from the demo file: tests do not rely on demo data being installed)."""
        demo = ElementTree.parse(ROOT / "medcrm_fulfillment/demo/medcrm_fulfillment_demo.xml")
        serials = [
            record.find("field[@name='name']").text
            for record in demo.iter("record")
            if record.get("model") == "stock.lot"
        ]
        for readme in ("README.md", "docs/ru/README.md"):
            ranges = re.findall(r"`([^`\s]+\.\.[^`\s]+)`", (ROOT / readme).read_text())
            self.assertTrue(ranges, f"{readme} gives no example range")
            for example in ranges:
                wizard = self.env["medcrm.recall.lookup"].new({"serials": example})
                _names, [(first, last)] = wizard._parse_serials()
                matching = [serial for serial in serials if first <= serial <= last]
                self.assertTrue(matching, f"{readme}: {example} matches no demo serial")

    def test_xlsx_export_from_the_result_list(self):
        wizard = self._lookup(product=self.mri)
        lines = self.env["medcrm.recall.lookup.line"].with_user(self.user_manager)
        # nothing selected: the button exports every line of the list shown
        action = lines.with_context(
            active_domain=[("wizard_id", "=", wizard.id)]
        ).action_export_xlsx()
        rows = list(open_xlsx_action(lines.env, action).active.values)
        self.assertEqual([row[1] for row in rows[1:]], ["MR-0003", "MR-0001", "MR-0002"])
        # a selection: only those
        action = wizard.line_ids[1].with_user(self.user_manager).action_export_xlsx()
        rows = list(open_xlsx_action(lines.env, action).active.values)
        self.assertEqual([row[1] for row in rows[1:]], ["MR-0001"])

    def test_xlsx_export_is_a_mailing_list(self):
        wizard = self._lookup(product=self.mri)
        action = wizard.action_export_xlsx()
        self.assertEqual(action["report_name"], "medcrm_fulfillment.recall_xlsx")
        sheet = open_xlsx_action(wizard.env, action).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(
            rows[0][:5], ("Gap", "Serial Number", "Product", "Delivered On", "End Customer")
        )
        self.assertEqual(rows[1][0], "yes")
        self.assertEqual(rows[1][1], "MR-0003")
        self.assertEqual(rows[1][8], "T MedSupply LLC")
        self.assertEqual(rows[2][1], "MR-0001")
        self.assertEqual(rows[2][3], "2026-03-02")
        self.assertEqual(rows[2][4], "T City Hospital No. 1")
        self.assertIn("T Petrov, engineer", rows[2][7])
        self.assertEqual(len(rows), 4)

    def test_salesman_finds_only_what_they_may_see(self):
        wizard = self._lookup(product=self.mri, user=self.user_salesman_other)
        self.assertFalse(wizard.line_ids)

    def test_xlsx_cells_are_text_never_formulas(self):
        self.hospital.name = '=HYPERLINK("http://evil.example","click")'
        self.distributor.name = "=1+1"
        # the serial as delivered (the unit keeps its own copy of the lot's name)
        unit = self.env["medcrm.fulfillment.unit"].search([("lot_id", "=", self.mri_lots[0].id)])
        unit.name = "=2+2"
        wizard = self._lookup(serials="=2+2 =3+3")
        sheet = open_xlsx_action(wizard.env, wizard.action_export_xlsx()).active
        texts = {
            (3, 2): "=2+2",  # serial
            (3, 5): self.hospital.name,  # end customer
            (3, 9): "=1+1",  # distributor
            (2, 2): "=3+3",  # a serial not found: a gap, listed first
        }
        for (row, column), text in texts.items():
            cell = sheet.cell(row=row, column=column)
            self.assertEqual(cell.data_type, "s", (row, column))
            self.assertEqual(cell.value, text, (row, column))
            self.assertIsNone(cell.hyperlink)
