from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import NotifyCase


@tagged("post_install", "-at_install")
class TestRule(NotifyCase):
    def test_manager_configures_rule_in_form(self):
        form = Form(self.env["medcrm.notify.rule"].with_user(self.manager))
        form.name = "Tell directors about big deals"
        form.event_code = "lead_created"
        self.assertEqual(form.model_name, "crm.lead")
        form.domain = "[('expected_revenue', '>', 1000000)]"
        form.user_ids.add(self.director)
        form.is_channel_email = True
        rule = form.save()
        self.assertTrue(rule.is_channel_inbox)
        self.assertEqual(rule.company_id, self.env.company)

    def test_broken_filter_cannot_be_saved(self):
        with self.assertRaisesRegex(ValidationError, "Filter"):
            self.make_rule(domain="[('expected_revenue', '>', ")
        with self.assertRaisesRegex(ValidationError, "Filter.*crm.lead"):
            self.make_rule(domain="[('no_such_field', '=', 1)]")
        with self.assertRaisesRegex(ValidationError, "Filter"):
            self.make_rule(domain="__import__('os').system('true')")
        rule = self.make_rule(domain="[('create_date', '>=', context_today())]")
        with self.assertRaisesRegex(ValidationError, "Filter"):
            rule.domain = "{'not': 'a list'}"

    def test_rule_needs_channel_and_recipient(self):
        with self.assertRaisesRegex(ValidationError, "at least one channel"):
            self.make_rule(is_channel_inbox=False, is_channel_email=False)
        with self.assertRaisesRegex(ValidationError, "no recipients"):
            self.make_rule(user_ids=[(5,)])

    def test_template_must_be_of_event_model(self):
        template = self.env["mail.template"].create(
            {"name": "Partner tpl", "model_id": self.env.ref("base.model_res_partner").id}
        )
        with self.assertRaisesRegex(ValidationError, "Message Template"):
            self.make_rule(template_id=template.id)

    def test_mandatory_rule_only_archived_by_settings_admin(self):
        rule = self.make_rule(is_mandatory=True)
        with self.assertRaisesRegex(UserError, "mandatory"):
            rule.with_user(self.manager).action_archive()
        with self.assertRaisesRegex(UserError, "mandatory"):
            rule.with_user(self.manager).write({"is_mandatory": False})
        rule.with_user(self.admin_user).action_archive()
        self.assertFalse(rule.active)

    def test_rule_with_log_is_archived_not_deleted(self):
        rule = self.make_rule()
        self.make_lead()
        with self.assertRaisesRegex(UserError, "archive it"):
            rule.with_user(self.manager).unlink()
        unused = self.make_rule()
        unused.with_user(self.manager).unlink()
        self.assertFalse(unused.exists())

    def test_salesperson_reads_rules_but_cannot_change_them(self):
        rule = self.make_rule()
        self.assertEqual(rule.with_user(self.seller).name, "Test rule")
        with self.assertRaises(AccessError):
            rule.with_user(self.seller).write({"name": "Mine now"})
        with self.assertRaises(AccessError):
            self.make_rule().with_user(self.seller).copy()

    def test_salesperson_sees_only_own_log(self):
        rule = self.make_rule(user_ids=[(4, self.director.id), (4, self.seller.id)])
        self.make_lead()
        self.assertEqual(len(self.logs(rule)), 2)
        self.dispatch()
        own = self.Log.with_user(self.seller).search([("rule_id", "=", rule.id)])
        self.assertEqual(own.partner_id, self.seller.partner_id)
        self.assertEqual(
            len(self.Log.with_user(self.manager).search([("rule_id", "=", rule.id)])), 2
        )
        with self.assertRaises(AccessError):
            own.with_user(self.seller).write({"state": "sent"})
