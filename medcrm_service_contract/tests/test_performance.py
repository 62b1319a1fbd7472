from freezegun import freeze_time
from lxml import etree

from odoo.tests import tagged

from .common import ServiceContractCase


@tagged("post_install", "-at_install")
@freeze_time("2026-06-15")
class TestPerformance(ServiceContractCase):
    def _read_list(self, occurrences):
        """What the web client asks for to show the obligations list."""
        view = self.env.ref("medcrm_service_contract.medcrm_contract_occurrence_view_list")
        Occurrence = self.env["medcrm.contract.occurrence"].with_user(self.engineer)
        arch = etree.fromstring(Occurrence.get_views([(view.id, "list")])["views"]["list"]["arch"])
        spec = {}
        for node in arch.iter("field"):
            name = node.get("name")
            many2one = Occurrence._fields[name].type == "many2one"
            spec[name] = {"fields": {"display_name": {}}} if many2one else {}
        return Occurrence.web_search_read(
            [("id", "in", occurrences.ids)], spec, limit=80, order="date_due, id"
        )

    def test_obligations_list_query_budget_does_not_grow_with_rows(self):
        small = self._term(recurrence="once")
        small._activate()
        big = self.env["medcrm.contract.term"]
        for index in range(4):
            deal = self._new_deal(f"Contract {index} (test)")
            big |= self._term(lead=deal, recurrence="weeks", interval=1, product_id=self.device.id)
        big._activate()
        many = big.occurrence_ids
        self.assertGreater(len(many), 150)
        self.env.invalidate_all()
        self._read_list(small.occurrence_ids)  # warm the caches of the registry
        self.env.invalidate_all()
        with self.assertQueryCount(13):
            result = self._read_list(small.occurrence_ids)
        self.assertEqual(result["length"], 1)
        self.env.invalidate_all()
        with self.assertQueryCount(13):
            result = self._read_list(many)
        self.assertEqual(len(result["records"]), 80)
        self.assertEqual(result["length"], len(many))
