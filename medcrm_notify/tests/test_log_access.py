from odoo.tests import tagged

from .common import NotifyCase


@tagged("post_install", "-at_install")
class TestLogAccess(NotifyCase):
    """A notification log row names its record and tells the event's details: a recipient sees
    the rows delivered to them, never one withheld because they may not read the record."""

    def test_withheld_notification_is_not_listed_to_its_recipient(self):
        rule = self.make_rule(user_ids=[(4, self.seller.id), (4, self.director.id)])
        colleague = self.make_lead(name="Colleague's secret deal", user_id=self.director.id)
        own = self.make_lead(name="Own deal", user_id=self.seller.id)
        Log = self.Log.with_user(self.seller)
        # queued rows are not checked yet: not listed
        self.assertFalse(Log.search([("rule_id", "=", rule.id)]))
        self.dispatch()
        withheld = self.logs(rule, user_id=self.seller.id, res_id=colleague.id)
        self.assertEqual(withheld.skip_reason, "no_access")
        visible = Log.search([("rule_id", "=", rule.id)])
        self.assertEqual(visible.mapped("res_id"), [own.id])
        self.assertFalse(Log.search([("record_name", "ilike", "secret")]))
        # the manager audits every row
        self.assertIn(
            withheld, self.Log.with_user(self.manager).search([("rule_id", "=", rule.id)])
        )
