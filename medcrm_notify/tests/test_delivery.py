from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import NotifyCase


@tagged("post_install", "-at_install")
class TestDelivery(NotifyCase):
    def test_recipient_without_read_access_is_skipped_with_reason(self):
        rule = self.make_rule(user_ids=[(4, self.other_seller.id), (4, self.director.id)])
        lead = self.make_lead()  # Sergey's deal: Olga (own documents only) cannot read it
        self.dispatch()
        olga = self.logs(rule, partner_id=self.other_seller.partner_id.id)
        self.assertEqual((olga.state, olga.skip_reason), ("skipped", "no_access"))
        self.assertFalse(self.inbox_messages(lead, self.other_seller.partner_id))
        dmitry = self.logs(rule, partner_id=self.director.partner_id.id)
        self.assertEqual(dmitry.state, "sent")
        # Each sees their own row; the link to the deal only where they may open it.
        self.assertFalse(olga.with_user(self.other_seller).record_ref)
        self.assertEqual(olga.with_user(self.other_seller).record_name, lead.name)
        self.assertEqual(dmitry.with_user(self.director).record_ref, lead)

    def test_archived_user_rule_or_record_are_skipped(self):
        rule = self.make_rule()
        self.make_lead()
        self.director.action_archive()
        self.dispatch()
        self.assertEqual(self.logs(rule).skip_reason, "inactive_user")
        self.director.action_unarchive()

        archived_rule = self.make_rule()
        self.make_lead()
        archived_rule.action_archive()
        self.dispatch()
        self.assertEqual(self.logs(archived_rule).skip_reason, "rule_inactive")

        deleted_rule = self.make_rule()
        self.make_lead().unlink()
        self.dispatch()
        self.assertEqual(self.logs(deleted_rule).skip_reason, "record_deleted")

    def test_email_channel_creates_outgoing_mail(self):
        rule = self.make_rule(is_channel_inbox=False, is_channel_email=True)
        lead = self.make_lead()
        self.dispatch()
        log = self.logs(rule)
        self.assertEqual(log.state, "sent", log.error)
        self.assertEqual(log.mail_id.recipient_ids, self.director.partner_id)
        self.assertEqual(log.mail_id.state, "sent")
        self.assertEqual((log.mail_id.model, log.mail_id.res_id), ("crm.lead", lead.id))
        self.assertIn("MRI scanner", log.mail_id.subject)

    def test_recipient_without_email_is_skipped(self):
        self.director.partner_id.email = False
        rule = self.make_rule(is_channel_email=True)
        self.make_lead()
        self.dispatch()
        self.assertEqual(self.logs(rule, channel="email").skip_reason, "no_email")
        self.assertEqual(self.logs(rule, channel="inbox").state, "sent")

    def test_template_renders_record_fields(self):
        template = self.env["mail.template"].create(
            {
                "name": "Deal created",
                "model_id": self.env.ref("crm.model_crm_lead").id,
                "subject": "New deal {{ object.name }}",
                "body_html": '<p>Revenue: <t t-out="object.expected_revenue"/></p>',
            }
        )
        rule = self.make_rule(template_id=template.id, is_channel_email=True)
        lead = self.make_lead(expected_revenue=1234567)
        self.dispatch()
        message = self.inbox_messages(lead, self.director.partner_id)
        self.assertIn("1234567", message.body)
        self.assertEqual(message.subject, "New deal MRI scanner for City Hospital")
        self.assertEqual(self.logs(rule, channel="email").mail_id.subject, message.subject)

    def test_rollback_sends_nothing(self):
        rule = self.make_rule()
        with self.assertRaises(ZeroDivisionError), self.env.cr.savepoint():
            self.make_lead(name="Never saved")
            _ = 1 / 0  # the user's transaction fails after the deal was created
        self.assertFalse(self.logs(rule))
        self.dispatch()
        self.assertFalse(self.env["mail.message"].search([("record_name", "=", "Never saved")]))

    def test_double_write_and_repeated_emission_send_once(self):
        rule = self.make_rule(event_code="lead_stage_changed")
        lead = self.make_lead()
        lead.write({"stage_id": self.stage_demo.id})
        lead.write({"stage_id": self.stage_demo.id})
        lead.write({"stage_id": self.stage_offer.id})
        lead.write({"stage_id": self.stage_demo.id})
        self.assertEqual(
            sorted(self.logs(rule).mapped("details")),
            ["Stage: T Offer → T Tender", "Stage: T Qualification → T Offer"],
        )
        created = self.make_rule()
        Event = self.env["medcrm.notify.event"]
        Event._emit("lead_created", lead, occurrence_keys={lead.id: "created"})
        Event._emit("lead_created", lead, occurrence_keys={lead.id: "created"})
        self.assertEqual(len(self.logs(created)), 1)
        self.dispatch()
        self.dispatch()
        self.assertEqual(len(self.inbox_messages(lead, self.director.partner_id)), 3)

    def test_dispatch_is_woken_when_the_transaction_commits(self):
        cron = self.env.ref("medcrm_notify.ir_cron_medcrm_notify_dispatch")
        Trigger = self.env["ir.cron.trigger"]
        before = Trigger.search_count([("cron_id", "=", cron.id)])
        self.make_rule()
        self.make_lead()
        self.make_lead(name="Second deal")
        self.assertEqual(Trigger.search_count([("cron_id", "=", cron.id)]), before)
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertEqual(Trigger.search_count([("cron_id", "=", cron.id)]), before + 1)

    def test_failure_is_retried_with_backoff_then_given_up(self):
        self.manager.partner_id.email = "not-an-email"
        rule = self.make_rule(
            user_ids=[(4, self.director.id), (4, self.manager.id)],
            is_channel_inbox=False,
            is_channel_email=True,
        )
        start = datetime(2030, 1, 10, 8, 0)
        with freeze_time(start):
            self.make_lead()
            self.dispatch()
        failing = self.logs(rule, partner_id=self.manager.partner_id.id)
        other = self.logs(rule, partner_id=self.director.partner_id.id)
        self.assertEqual(other.state, "sent", "another recipient's failure does not block")
        self.assertEqual((failing.state, failing.attempt_count), ("retry", 1))
        self.assertTrue(failing.error)
        self.assertEqual(failing.date_next_try, start + timedelta(minutes=5))
        with freeze_time(start + timedelta(minutes=4)):
            self.dispatch()
        self.assertEqual(failing.attempt_count, 1, "not retried before its time")
        moment = start
        for attempt, delay in ((2, 5), (3, 10), (4, 20)):
            moment += timedelta(minutes=delay)
            with freeze_time(moment):
                self.dispatch()
            self.assertEqual((failing.state, failing.attempt_count), ("retry", attempt))
        with freeze_time(moment + timedelta(minutes=40)):
            self.dispatch()
        self.assertEqual((failing.state, failing.attempt_count), ("failed", 5))
        self.assertFalse(failing.date_next_try)
        self.assertEqual(failing.mail_id.recipient_ids, self.manager.partner_id)
        self.assertEqual(len(self.env["mail.mail"].search([("id", "=", failing.mail_id.id)])), 1)

    @mute_logger("odoo.addons.mail.models.mail_render_mixin")
    def test_template_error_is_logged_and_retried(self):
        template = self.env["mail.template"].create(
            {
                "name": "Broken",
                "model_id": self.env.ref("crm.model_crm_lead").id,
                "subject": "x",
                "body_html": '<p><t t-out="object.no_such_field"/></p>',
            }
        )
        rule = self.make_rule(template_id=template.id)
        self.make_lead()
        self.dispatch()
        log = self.logs(rule)
        self.assertEqual(log.state, "retry")
        self.assertIn("no_such_field", log.error)
        self.assertFalse(log.message_id)
        template.body_html = "<p>Fixed</p>"
        with freeze_time(datetime.now() + timedelta(minutes=6)):
            self.dispatch()
        self.assertEqual(log.state, "sent")
        self.assertIn("Fixed", log.message_id.body)
