from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import NotifyCase, free_port, real_smtp

FREEZE_IGNORE = ["asyncio", "aiosmtpd", "concurrent"]


@tagged("post_install", "-at_install")
class TestDigest(NotifyCase):
    def digests_to(self, address):
        return [item for item in self.smtp.to(address) if "Subject: Digest" in item[2]]

    def digest_at(self, moment):
        with freeze_time(moment, ignore=FREEZE_IGNORE), real_smtp():
            self.env.flush_all()
            count = self.Log._digest_batch()
            self.env.flush_all()
        return count

    def test_hourly_digest_is_one_message_per_recipient_and_period(self):
        created = self.make_rule(name="New deals, hourly", digest_mode="hourly")
        won = self.make_rule(name="Won deals, hourly", event_code="lead_won", digest_mode="hourly")
        with freeze_time("2030-01-10 08:10", ignore=FREEZE_IGNORE):
            mri = self.make_lead(name="MRI for City Hospital")
            ct = self.make_lead(name="CT for Regional Clinic")
            ct.action_set_won()
        logs = self.logs(created) | self.logs(won)
        self.assertEqual(len(logs), 3)
        self.assertEqual(set(logs.mapped("state")), {"digest"})
        self.digest_at("2030-01-10 08:59")
        self.assertEqual(set(logs.mapped("state")), {"digest"}, "the hour is not over")
        # the delivery is due at the end of the hour and nothing is lost when it runs late
        self.digest_at("2030-01-10 11:30")
        self.assertEqual(set(logs.mapped("state")), {"sent"})
        message = logs.message_id
        self.assertEqual(len(message), 1, "one summary for the three entries")
        self.assertEqual(message.partner_ids, self.director.partner_id)
        self.assertIn("Digest: 3 notifications", message.subject)
        for name in (mri.name, ct.name, "Won deals, hourly", "New deals, hourly"):
            self.assertIn(name, message.body)
        self.digest_at("2030-01-10 12:30")
        self.assertEqual(logs.message_id, message, "never twice")
        digests = self.inbox_messages(self.director.partner_id, self.director.partner_id)
        self.assertEqual(len(digests.filtered(lambda m: "Digest" in (m.subject or ""))), 1)

    def test_daily_digest_waits_for_the_day_end_and_next_period_is_separate(self):
        rule = self.make_rule(digest_mode="daily")
        with freeze_time("2030-01-10 08:00", ignore=FREEZE_IGNORE):
            first = self.make_lead(name="Ultrasound for Clinic 7")
        self.digest_at("2030-01-10 23:00")
        self.assertEqual(self.logs(rule).state, "digest")
        with freeze_time("2030-01-11 09:00", ignore=FREEZE_IGNORE):
            second = self.make_lead(name="C-arm for the Trauma Centre")
        self.digest_at("2030-01-11 00:05")
        first_log = self.logs(rule, res_id=first.id)
        second_log = self.logs(rule, res_id=second.id)
        self.assertEqual(first_log.state, "sent")
        self.assertEqual(second_log.state, "digest")
        self.digest_at("2030-01-12 00:05")
        self.assertEqual(second_log.state, "sent")
        self.assertNotEqual(first_log.message_id, second_log.message_id)

    def test_entry_the_recipient_cannot_read_is_left_out_and_logged(self):
        rule = self.make_rule(
            user_ids=[(4, self.other_seller.id)], is_to_salesperson=True, digest_mode="hourly"
        )
        with freeze_time("2030-01-10 08:00", ignore=FREEZE_IGNORE):
            lead = self.make_lead()
        self.digest_at("2030-01-10 09:05")
        other = self.logs(rule, partner_id=self.other_seller.partner_id.id)
        seller = self.logs(rule, partner_id=self.seller.partner_id.id)
        self.assertEqual((other.state, other.skip_reason), ("skipped", "no_access"))
        self.assertFalse(other.message_id)
        self.assertEqual(seller.state, "sent")
        self.assertIn(lead.name, seller.message_id.body)

    @mute_logger("odoo.addons.mail.models.mail_mail", "odoo.addons.base.models.ir_mail_server")
    def test_email_digest_smtp_down_then_up_sends_exactly_once(self):
        self.mail_server.active = False
        down = self.env["ir.mail_server"].create(
            {
                "name": "Relay down",
                "smtp_host": "127.0.0.1",
                "smtp_port": free_port(),
                "smtp_encryption": "none",
            }
        )
        rule = self.make_rule(is_channel_inbox=False, is_channel_email=True, digest_mode="hourly")
        with freeze_time("2030-01-10 08:00", ignore=FREEZE_IGNORE):
            self.make_lead(name="MRI for City Hospital")
            self.make_lead(name="CT for Regional Clinic")
        logs = self.logs(rule)
        self.digest_at("2030-01-10 09:00")
        self.assertEqual(set(logs.mapped("state")), {"digest"}, "kept for a retry")
        self.assertEqual(set(logs.mapped("attempt_count")), {1})
        self.assertTrue(all(logs.mapped("error")))
        self.assertFalse(self.digests_to(self.director.email))
        self.digest_at("2030-01-10 09:02")
        self.assertEqual(set(logs.mapped("attempt_count")), {1}, "waits for its backoff")
        # the relay is back
        down.active = False
        self.mail_server.active = True
        self.digest_at("2030-01-10 09:30")
        self.digest_at("2030-01-10 10:30")
        self.assertEqual(set(logs.mapped("state")), {"sent"})
        received = self.digests_to(self.director.email)
        self.assertEqual(len(received), 1)
        self.assertIn("MRI for City Hospital", received[0][2])
        self.assertIn("CT for Regional Clinic", received[0][2])

    def test_daily_digest_ends_at_midnight_of_each_recipient(self):
        self.director.tz = "Europe/Moscow"  # UTC+3
        self.manager.tz = "America/Los_Angeles"  # UTC-8 in January
        rule = self.make_rule(
            digest_mode="daily", user_ids=[(4, self.director.id), (4, self.manager.id)]
        )
        # 13:00 in Moscow, 02:00 in Los Angeles: the same day for both, ending apart
        with freeze_time("2030-01-10 10:00", ignore=FREEZE_IGNORE):
            lead = self.make_lead()
        in_moscow = self.logs(rule, partner_id=self.director.partner_id.id)
        in_la = self.logs(rule, partner_id=self.manager.partner_id.id)
        self.assertEqual(in_moscow.date_next_try, datetime(2030, 1, 10, 21, 0))
        self.assertEqual(in_la.date_next_try, datetime(2030, 1, 11, 8, 0))
        self.digest_at("2030-01-10 20:59")
        self.assertEqual((in_moscow | in_la).mapped("state"), ["digest", "digest"])
        self.digest_at("2030-01-10 21:01")
        self.assertEqual(in_moscow.state, "sent", "midnight in Moscow")
        self.assertIn(lead.name, in_moscow.message_id.body)
        self.assertEqual(in_la.state, "digest", "still the 10th in Los Angeles")
        self.digest_at("2030-01-11 08:01")
        self.assertEqual(in_la.state, "sent")
        self.assertNotEqual(in_la.message_id, in_moscow.message_id)

    def test_digest_period_follows_the_recipients_zone_else_the_companys(self):
        self.director.tz = "Asia/Kolkata"  # UTC+5:30: its hours end at half past, in UTC
        self.manager.tz = False
        self.env.company.partner_id.tz = "Asia/Yekaterinburg"  # UTC+5
        hourly = self.make_rule(
            digest_mode="hourly", user_ids=[(4, self.director.id), (4, self.manager.id)]
        )
        daily = self.make_rule(name="Daily", digest_mode="daily", user_ids=[(4, self.manager.id)])
        with freeze_time("2030-01-10 08:10", ignore=FREEZE_IGNORE):
            self.make_lead()
        self.assertEqual(
            self.logs(hourly, partner_id=self.director.partner_id.id).date_next_try,
            datetime(2030, 1, 10, 8, 30),
        )
        self.assertEqual(
            self.logs(hourly, partner_id=self.manager.partner_id.id).date_next_try,
            datetime(2030, 1, 10, 9, 0),
        )
        # no zone of his own: midnight where his company is (19:00 UTC)
        self.assertEqual(self.logs(daily).date_next_try, datetime(2030, 1, 10, 19, 0))
