from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import NotifyCase

FREEZE_IGNORE = ["asyncio", "aiosmtpd", "concurrent"]


@tagged("post_install", "-at_install")
class TestQuietHours(NotifyCase):
    def test_held_until_morning_in_recipient_time_zone(self):
        self.director.tz = "Europe/Moscow"  # UTC+3
        rule = self.make_rule(has_quiet_hours=True, quiet_hour_from=20.0, quiet_hour_to=8.0)
        mandatory = self.make_rule(has_quiet_hours=True, is_mandatory=True)
        with freeze_time("2030-01-10 19:30", ignore=FREEZE_IGNORE):  # 22:30 in Moscow
            self.make_lead()
            self.dispatch()
        log = self.logs(rule)
        self.assertEqual(log.state, "queued")
        self.assertEqual(log.date_next_try, datetime(2030, 1, 11, 5, 0))  # 08:00 in Moscow
        self.assertIn("quiet hours", log.note)
        self.assertEqual(self.logs(mandatory).state, "sent", "mandatory rules ignore them")
        with freeze_time("2030-01-11 04:59", ignore=FREEZE_IGNORE):
            self.dispatch()
        self.assertEqual(log.state, "queued")
        with freeze_time("2030-01-11 05:00", ignore=FREEZE_IGNORE):
            self.dispatch()
        self.assertEqual((log.state, log.attempt_count), ("sent", 1))

    def test_daytime_is_not_held(self):
        self.director.tz = "Asia/Novosibirsk"  # UTC+7
        rule = self.make_rule(has_quiet_hours=True, quiet_hour_from=22.0, quiet_hour_to=7.0)
        with freeze_time("2030-01-10 03:00", ignore=FREEZE_IGNORE):  # 10:00 in Novosibirsk
            self.make_lead()
            self.dispatch()
        self.assertEqual(self.logs(rule).state, "sent")

    def test_quiet_hours_are_validated(self):
        with self.assertRaisesRegex(ValidationError, "Quiet From and Quiet Until"):
            self.make_rule(has_quiet_hours=True, quiet_hour_from=8.0, quiet_hour_to=8.0)
        with self.assertRaisesRegex(ValidationError, "Quiet From and Quiet Until"):
            self.make_rule(has_quiet_hours=True, quiet_hour_from=25.0)
