from odoo.tests import tagged

from .common import NotifyCase


@tagged("post_install", "-at_install")
class TestEvents(NotifyCase):
    def test_deal_created_queues_then_sends_to_inbox(self):
        rule = self.make_rule(event_code="lead_created")
        lead = self.make_lead()
        log = self.logs(rule)
        self.assertEqual(len(log), 1)
        self.assertEqual(log.state, "queued")
        self.assertEqual(log.partner_id, self.director.partner_id)
        self.assertEqual((log.res_model, log.res_id), ("crm.lead", lead.id))
        self.dispatch()
        self.assertEqual(log.state, "sent")
        message = self.inbox_messages(lead, self.director.partner_id)
        self.assertEqual(len(message), 1)
        self.assertEqual(log.message_id, message)
        self.assertIn("MRI scanner", message.body)
        self.assertIn(rule.name, message.body)
