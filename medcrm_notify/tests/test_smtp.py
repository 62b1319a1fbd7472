from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import NotifyCase, free_port, start_sink

# freezegun must not freeze the SMTP sinks' event loops (they run in their own threads).
FREEZE_IGNORE = ["asyncio", "aiosmtpd", "concurrent"]


@tagged("post_install", "-at_install")
class TestSmtpDelivery(NotifyCase):
    def dispatch_at(self, moment):
        with freeze_time(moment, ignore=FREEZE_IGNORE):
            return self.dispatch()

    @mute_logger("odoo.addons.mail.models.mail_mail", "odoo.addons.base.models.ir_mail_server")
    def test_smtp_down_then_up_delivers_exactly_once(self):
        # An outgoing server whose SMTP service is down: nothing listens on its port yet.
        port = free_port()
        self.mail_server.active = False
        self.env["ir.mail_server"].create(
            {
                "name": "Flaky relay",
                "smtp_host": "127.0.0.1",
                "smtp_port": port,
                "smtp_encryption": "none",
            }
        )
        rule = self.make_rule(is_channel_inbox=False, is_channel_email=True)
        start = fields.Datetime.now()
        with freeze_time(start, ignore=FREEZE_IGNORE):
            lead = self.make_lead()
        self.dispatch_at(start)
        log = self.logs(rule)
        self.assertEqual((log.state, log.attempt_count), ("retry", 1))
        self.assertIn("Connection refused", log.error)
        self.assertEqual(log.mail_id.state, "exception")

        relay, controller = start_sink(port)
        self.addCleanup(controller.stop)
        self.dispatch_at(start + timedelta(minutes=2))
        self.assertEqual(relay.received, [], "not retried before the backoff delay")
        self.dispatch_at(start + timedelta(minutes=6))
        self.assertEqual(log.state, "sent")
        self.assertFalse(log.error)
        self.assertEqual(len(relay.received), 1)
        _sender, recipients, content = relay.received[0]
        self.assertEqual(recipients, [self.director.email])
        self.assertIn(lead.name, content)

        self.dispatch_at(start + timedelta(hours=3))
        self.assertEqual(len(relay.received), 1, "delivered exactly once")
        self.assertEqual(log.attempt_count, 2)

    def test_each_recipient_gets_one_email(self):
        rule = self.make_rule(
            is_channel_inbox=False,
            is_channel_email=True,
            user_ids=[(4, self.director.id), (4, self.manager.id)],
        )
        lead = self.make_lead()
        self.dispatch()
        self.dispatch()
        self.assertEqual(set(self.logs(rule).mapped("state")), {"sent"})
        for address in (self.director.email, self.manager.email):
            ours = [item for item in self.smtp.to(address) if lead.name in item[2]]
            self.assertEqual(len(ours), 1, address)

    def test_email_being_sent_stays_out_of_odoos_mail_queue_and_is_sent_once(self):
        rule = self.make_rule(is_channel_inbox=False, is_channel_email=True)
        self.make_lead()
        log = self.logs(rule)
        self.assertFalse(log._prepare_email(fields.Datetime.now()))
        mail = log.mail_id
        self.assertEqual(log.state, "sending")
        # Odoo's mail queue sends "outgoing" emails only: this one is the dispatcher's
        self.assertEqual(mail.state, "exception")
        self.assertIn("notification dispatcher", mail.failure_reason)
        self.assertNotIn(mail, self.env["mail.mail"].search([("state", "=", "outgoing")]))
        self.dispatch()
        self.dispatch()
        self.assertEqual((log.state, log.mail_id, mail.state), ("sent", mail, "sent"))
        self.assertEqual(self.smtp.message_ids().count(mail.message_id), 1)
