from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tools import SQL

from .common import NotifyCase


@tagged("post_install", "-at_install")
class TestPreview(NotifyCase):
    def _age(self, record, days):
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET create_date = %s WHERE id = %s",
                SQL.identifier(record._table),
                fields.Datetime.now() - timedelta(days=days),
                record.id,
            )
        )
        record.invalidate_recordset(["create_date"])

    def test_preview_counts_records_recipients_and_messages(self):
        rule = self.make_rule(
            # The team keeps other deals of the database (demo data) out of the preview.
            domain=f"[('expected_revenue', '>=', 1000000), ('team_id', '=', {self.team.id})]",
            user_ids=[(4, self.director.id), (4, self.other_seller.id)],
            is_channel_email=True,
            active=False,
        )
        recent = self.make_lead(name="Recent angiography", expected_revenue=3000000)
        older = self.make_lead(name="Older CT", expected_revenue=2000000)
        small = self.make_lead(name="Small ultrasound", expected_revenue=10000)
        self._age(recent, 3)
        self._age(older, 10)
        self._age(small, 1)
        preview = Form(
            self.env["medcrm.notify.rule.preview"]
            .with_user(self.manager)
            .with_context(default_rule_id=rule.id)
        )
        preview.days = 7
        self.assertEqual(preview.record_count, 1)
        # Olga cannot read Sergey's deals: she would be skipped.
        self.assertEqual(preview.recipient_count, 1)
        self.assertEqual(preview.skipped_count, 1)
        self.assertEqual(preview.message_count, 2)  # inbox + email to Dmitry
        self.assertIn("Recent angiography", preview.result_html)
        self.assertNotIn("Older CT", preview.result_html)
        preview.days = 14
        self.assertEqual(preview.record_count, 2)
        self.assertEqual(preview.message_count, 4)
        self.assertFalse(self.logs(rule), "a preview sends and logs nothing")

    def _preview(self, rule):
        return Form(
            self.env["medcrm.notify.rule.preview"]
            .with_user(self.manager)
            .with_context(default_rule_id=rule.id)
        )

    def test_preview_without_recipients_says_why(self):
        rule = self.make_rule(
            domain=f"[('team_id', '=', {self.team.id})]",
            user_ids=[(5,)],
            is_to_salesperson=True,
            active=False,
        )
        self.make_lead(name="Unassigned CT", user_id=False)
        self.make_lead(name="Unassigned MRI", user_id=False)
        preview = self._preview(rule)
        self.assertEqual((preview.record_count, preview.recipient_count), (2, 0))
        self.assertIn("Why no one would be notified", preview.result_html)
        self.assertIn(
            "The rule notifies the salesperson. Records without a salesperson: 2.",
            preview.result_html,
        )

    def test_preview_names_recipients_left_out_with_their_count(self):
        # Olga cannot read Sergey's deals
        rule = self.make_rule(
            domain=f"[('team_id', '=', {self.team.id}), ('user_id', '=', {self.seller.id})]",
            user_ids=[(6, 0, self.other_seller.ids)],
            active=False,
        )
        self.make_lead(name="Sergey's CT")
        self.make_lead(name="Sergey's MRI")
        preview = self._preview(rule)
        self.assertEqual((preview.record_count, preview.recipient_count), (2, 0))
        self.assertIn(
            "Recipients left out because they cannot read the record: 2.", preview.result_html
        )

    def test_preview_with_recipients_needs_no_explanation(self):
        rule = self.make_rule(
            domain=f"[('team_id', '=', {self.team.id})]", is_to_salesperson=True, active=False
        )
        self.make_lead(user_id=False)
        preview = self._preview(rule)
        self.assertEqual(preview.recipient_count, 1)  # the director named by the rule
        self.assertNotIn("Why no one would be notified", preview.result_html)

    def test_preview_period_is_validated(self):
        rule = self.make_rule()
        with self.assertRaisesRegex(ValidationError, "Last Days"):
            self.env["medcrm.notify.rule.preview"].create({"rule_id": rule.id, "days": 0})

    def test_preview_button_opens_wizard(self):
        rule = self.make_rule()
        action = rule.with_user(self.manager).action_preview()
        self.assertEqual(action["res_model"], "medcrm.notify.rule.preview")
        self.assertEqual(action["context"]["default_rule_id"], rule.id)

    def test_preview_of_a_task_event_lists_tasks_and_assignees(self):
        rule = self.make_rule(
            event_code="task_created",
            user_ids=[(5,)],
            is_to_task_assignee=True,
            domain=f"[('lead_id.team_id', '=', {self.team.id})]",
            active=False,
        )
        lead = self.make_lead()
        self.env["medcrm.task"].with_user(self.seller).create(
            {
                "name": "Agree on the site preparation",
                "user_id": self.other_seller.id,
                "lead_id": lead.id,
                "date_deadline": fields.Date.today() + timedelta(days=3),
            }
        )
        preview = self.env["medcrm.notify.rule.preview"].create({"rule_id": rule.id, "days": 7})
        self.assertEqual(preview.record_count, 1)
        self.assertEqual(preview.recipient_count, 1)
        self.assertIn("Agree on the site preparation", preview.result_html)
        self.assertIn(self.other_seller.name, preview.result_html)

    def test_preview_of_task_overdue_uses_the_deadline(self):
        rule = self.make_rule(
            event_code="task_overdue",
            domain=f"[('lead_id.team_id', '=', {self.team.id})]",
            active=False,
        )
        lead = self.make_lead()
        task = (
            self.env["medcrm.task"]
            .with_user(self.seller)
            .create({"name": "Call the hospital", "user_id": self.seller.id, "lead_id": lead.id})
        )
        preview = self.env["medcrm.notify.rule.preview"].create({"rule_id": rule.id, "days": 7})
        self.assertEqual(preview.record_count, 0, "no deadline")
        task.date_deadline = fields.Date.today()
        preview = self.env["medcrm.notify.rule.preview"].create({"rule_id": rule.id, "days": 7})
        self.assertEqual(preview.record_count, 1)
