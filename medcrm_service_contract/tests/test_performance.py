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
        Occurrence = self.env["medcrm.contract.occurrence"].with_user(self.user_engineer)
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
            deal = self._create_deal(self.service_kind, name=f"Contract {index} (test)")
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

    def test_overdue_cron_cost_hardly_grows_with_newly_overdue_obligations(self):
        """The hourly job flags newly overdue obligations, gives each responsible person a
        To-Do and reports each obligation to the overdue rule, in batches: the same number of
        queries for 1 obligation as for 40. (With one activity and Odoo's "assigned to you"
        email per obligation it took 55 queries for 1 and 874 for 40.)"""
        Occurrence = self.env["medcrm.contract.occurrence"]
        # Obligations already in the database (demo data) stay out of the measure.
        Occurrence.search([("state", "=", "planned")]).write(
            {"state": "cancelled", "cancel_reason": "Outside the measure"}
        )
        rule = self._rule("contract_obligation_overdue")
        warm_up = self._term(recurrence="once", date_start="2026-07-01")
        one = self._term(recurrence="once", date_start="2026-08-03")
        many = self._term(
            recurrence="weeks", interval=1, date_start="2026-09-07", date_end="2027-06-07"
        )
        (warm_up | one | many)._activate()
        self.assertEqual(len(many.occurrence_ids), 40)

        def run_cron():
            self.env.invalidate_all()
            self.assertEqual(Occurrence._cron_update_obligations(), 0)

        with freeze_time("2026-07-15"):
            run_cron()  # the registry's caches, the first emission of the rule
        with freeze_time("2026-08-15"), self.assertQueryCount(38):
            run_cron()
        with freeze_time("2027-07-01"), self.assertQueryCount(38):
            run_cron()

        for term in (one, many):
            for occurrence in term.occurrence_ids:
                self.assertTrue(occurrence.is_overdue)
                self.assertEqual(occurrence.compliance_status, "missed")
                # The responsible engineer's To-Do, due on the obligation's due date.
                activity = occurrence.activity_ids
                self.assertEqual(len(activity), 1)
                self.assertEqual(activity.user_id, self.user_engineer)
                self.assertEqual(activity.date_deadline, occurrence.date_due)
                self.assertEqual(activity.summary, "Service obligation due")
                self.assertIn(self.user_engineer.partner_id, occurrence.message_partner_ids)
        # The overdue rule reported each obligation once; Odoo's "assigned to you" email
        # (one per activity) is not sent: the rules tell people.
        logs = self.env["medcrm.notify.log"].search([("rule_id", "=", rule.id)])
        self.assertEqual(
            sorted(logs.mapped("res_id")), sorted((warm_up | one | many).occurrence_ids.ids)
        )
        assigned = self.env["mail.message"].search_count(
            [
                ("model", "=", "medcrm.contract.occurrence"),
                ("res_id", "in", (one | many).occurrence_ids.ids),
                ("message_type", "=", "user_notification"),
            ]
        )
        self.assertEqual(assigned, 0)
