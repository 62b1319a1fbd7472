from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import NotifyCase

# What rule matching adds to a stage change, however many rules are active: the rules, their
# recipients, one query matching every filter, the transaction id, one INSERT of the log rows.
# The stage write itself is measured in the same test, since other add-ons make it dearer.
MATCHING_BUDGET = 12
RECIPIENT_CHECK_BUDGET = 25


@tagged("post_install", "-at_install")
class TestMatchingCost(NotifyCase):
    def _count_stage_write(self, rule_count):
        rules = self.Rule.browse()
        for index in range(rule_count):
            rules |= self.make_rule(
                name=f"Rule {index}",
                event_code="lead_stage_changed",
                domain=f"[('expected_revenue', '>', {index})]",
                group_ids=[(4, self.directors.id)],
                is_to_salesperson=True,
                is_to_team_leader=True,
            )
        lead = self.make_lead()
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        lead.write({"stage_id": self.stage_demo.id})
        self.env.flush_all()
        count = self.cr.sql_log_count - before
        logs = self.Log.search([("rule_id", "in", rules.ids)])
        rules.action_archive()
        return count, len(logs)

    def test_rule_matching_cost_does_not_grow_with_rules(self):
        baseline, _logs = self._count_stage_write(0)
        counts = {}
        for rule_count in (1, 10, 50):
            counts[rule_count], logs = self._count_stage_write(rule_count)
            # salesperson, team leader, director, one row each per rule
            self.assertEqual(logs, 3 * rule_count)
        self.assertEqual(counts[1], counts[10], counts)
        self.assertEqual(counts[1], counts[50], counts)
        # Matching rules, resolving recipients and queueing: a small constant.
        self.assertLessEqual(counts[1] - baseline, MATCHING_BUDGET, (baseline, counts))

    def test_stage_write_query_budget(self):
        baseline, _logs = self._count_stage_write(0)
        for index in range(50):
            self.make_rule(
                name=f"Rule {index}",
                event_code="lead_stage_changed",
                domain="[('partner_id.is_company', '=', True)]",
                user_ids=[(4, self.director.id)],
            )
        lead = self.make_lead()
        self.env.flush_all()
        self.env.invalidate_all()
        # Besides matching, each new recipient costs the read-access check of that user:
        # measured 25 queries over the bare stage write with all medcrm add-ons (2026-11-27).
        with self.assertQueryCount(baseline + RECIPIENT_CHECK_BUDGET):
            lead.write({"stage_id": self.stage_demo.id})
            self.env.flush_all()

    def _count_task_deadline_write(self, rule_count):
        rules = self.Rule.browse()
        for index in range(rule_count):
            rules |= self.make_rule(
                name=f"Task rule {index}",
                event_code="task_changed",
                domain=f"[('name', '!=', 'Other task {index}')]",
                user_ids=[(5,)],
                is_to_task_assignee=True,
                is_to_task_author=True,
                is_task_change_deadline=True,
            )
        task = (
            self.env["medcrm.task"]
            .with_user(self.seller)
            .create(
                {
                    "name": "Install the ultrasound",
                    "user_id": self.other_seller.id,
                    "date_deadline": fields.Date.today() + timedelta(days=3),
                }
            )
        )
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        task.with_user(self.seller).date_deadline = fields.Date.today() + timedelta(days=5)
        self.env.flush_all()
        count = self.cr.sql_log_count - before
        logs = self.Log.search([("rule_id", "in", rules.ids)])
        rules.action_archive()
        return count, len(logs)

    def test_task_change_matching_cost_does_not_grow_with_rules(self):
        counts = {}
        for rule_count in (1, 10, 30):
            counts[rule_count], logs = self._count_task_deadline_write(rule_count)
            # assignee and author (skipped: caused it), one row each per rule
            self.assertEqual(logs, 2 * rule_count)
        self.assertEqual(counts[1], counts[10], counts)
        self.assertEqual(counts[1], counts[30], counts)
