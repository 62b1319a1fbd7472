from freezegun import freeze_time

from odoo.tests import tagged

from .common import FulfillmentCase

# Queries whatever the number of serials found: the location search (access rights and
# record rules included) ...
LOCATE_BUDGET = 1
# ... and the whole action: that search, the partners, their contact persons, the previous
# result lines cleared, the new ones written (one INSERT per 100 lines), then the action that
# shows them in a full list (its views, the title's product and date): 12 before that list.
LOOKUP_BUDGET = 23


@tagged("post_install", "-at_install")
class TestRecallPerformance(FulfillmentCase):
    """The recall lookup costs the same number of queries for 1 serial as for 30 spread
    over three end customers (and a gap): one indexed query finds the locations, a fixed
    number reads their partners and contacts and writes the lines."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ultrasound = cls.env["product.product"].create(
            {"name": "Ultrasound Acuson", "is_storable": True, "tracking": "serial"}
        )
        cls.us_lots = cls._stock_serials(cls.ultrasound, [f"US-{n:04d}" for n in range(30)])
        cls.third_hospital = cls.env["res.partner"].create(
            {"name": "Children's Hospital", "is_company": True, "city": "Samara"}
        )
        cls.third_department = cls.env["res.partner"].create(
            {"name": "Neonatology", "parent_id": cls.third_hospital.id, "type": "delivery"}
        )
        cls.env["res.partner"].create(
            {"name": "Anna Smirnova", "parent_id": cls.third_hospital.id, "type": "contact",
             "function": "Head of neonatology", "phone": "+7 846 555 0101"}
        )  # fmt: skip
        with freeze_time("2026-03-02 10:00:00"):
            for lots, (customer, end, address) in zip(
                (cls.us_lots[:10], cls.us_lots[10:20], cls.us_lots[20:27], cls.us_lots[27:]),
                (
                    (cls.distributor, cls.hospital, cls.radiology),
                    (cls.other_hospital, cls.other_hospital, cls.other_department),
                    (cls.distributor, cls.third_hospital, cls.third_department),
                    (cls.distributor, None, None),  # end customer not declared yet: gaps
                ),
                strict=True,
            ):
                lead = cls._won_deal(customer, end, address)
                order = cls._confirmed_order(lead, [(cls.ultrasound, len(lots))])
                cls._validate(order.picking_ids, lots)
            lead = cls._won_deal(cls.distributor, cls.hospital, cls.radiology)
            cls._validate(cls._confirmed_order(lead, [(cls.ct, 1)]).picking_ids, cls.ct_lots)
        cls.env.flush_all()

    def _count_queries(self, run):
        """Queries of ``run()`` from an empty record cache (the registry's caches warm)."""
        self.env.invalidate_all()
        start = self.cr.sql_log_count
        run()
        self.env.flush_all()
        return self.cr.sql_log_count - start

    def test_locate_is_one_query_for_one_or_thirty_serials(self):
        locations = self.env["medcrm.fulfillment.unit.location"].with_user(self.user_manager)
        found, counts = [], []
        for product in (self.ct, self.ultrasound, self.ct):  # the first run warms the caches
            counts.append(
                self._count_queries(
                    lambda product=product: found.append(
                        len(locations._medcrm_locate("2026-06-01", product))
                    )
                )
            )
        counts.append(
            self._count_queries(
                lambda: found.append(
                    len(
                        locations._medcrm_locate(
                            "2026-06-01", names=["US-0003"], ranges=[("US-0010", "US-0019")]
                        )
                    )
                )
            )
        )
        self.assertEqual(found, [1, 30, 1, 11])
        self.assertEqual(counts[1:], [LOCATE_BUDGET] * 3)

    def test_whole_lookup_is_flat_in_the_number_of_serials(self):
        wizards = self.env["medcrm.recall.lookup"].with_user(self.user_manager)
        one = wizards.create({"product_id": self.ct.id, "date": "2026-06-01"})
        thirty = wizards.create({"product_id": self.ultrasound.id, "date": "2026-06-01"})
        ranged = wizards.create({"serials": "US-0000..US-0029", "date": "2026-06-01"})
        # each has results already (a new search replaces them), and the caches are warm
        for _run in range(2):
            for wizard in (one, thirty, ranged):
                wizard.action_lookup()
        counts = [self._count_queries(wizard.action_lookup) for wizard in (one, thirty, ranged)]
        self.assertEqual(len(one.line_ids), 1)
        self.assertEqual(len(thirty.line_ids), 30)
        self.assertEqual(thirty.gap_count, 3)
        self.assertEqual(len(ranged.line_ids), 30)
        contacts = thirty.line_ids.filtered(lambda line: line.end_partner_id == self.third_hospital)
        self.assertIn("Anna Smirnova, Head of neonatology, +7 846 555 0101", contacts[0].contacts)
        # by product: the same count for 1 and 30 units; by serials, without the product's name
        self.assertEqual(counts[:2], [LOOKUP_BUDGET] * 2)
        self.assertLessEqual(counts[2], LOOKUP_BUDGET)
