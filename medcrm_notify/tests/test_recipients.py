from odoo.tests import tagged

from .common import NotifyCase


@tagged("post_install", "-at_install")
class TestRecipients(NotifyCase):
    def test_group_members_are_notified(self):
        rule = self.make_rule(user_ids=[(5,)], group_ids=[(4, self.directors.id)])
        self.make_lead()
        self.assertEqual(self.logs(rule).partner_id, self.director.partner_id)

    def test_salesperson_and_team_leader(self):
        rule = self.make_rule(user_ids=[(5,)], is_to_salesperson=True, is_to_team_leader=True)
        self.make_lead()
        self.assertEqual(
            set(self.logs(rule).partner_id.ids),
            {self.seller.partner_id.id, self.manager.partner_id.id},
        )

    def test_followers_internal_notified_external_skipped(self):
        rule = self.make_rule(event_code="lead_note", user_ids=[(5,)], is_to_followers=True)
        lead = self.make_lead()
        lead.message_subscribe(partner_ids=(self.director.partner_id | self.hospital).ids)
        lead.message_post(
            body="Site survey done.", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        logs = self.logs(rule)
        self.assertIn(self.director.partner_id, logs.partner_id)
        self.assertIn(self.hospital, logs.partner_id)
        self.dispatch()
        hospital_log = logs.filtered(lambda log: log.partner_id == self.hospital)
        self.assertEqual(hospital_log.state, "skipped")
        self.assertEqual(hospital_log.skip_reason, "no_user")
        director_log = logs.filtered(lambda log: log.partner_id == self.director.partner_id)
        self.assertEqual(director_log.state, "sent")

    def test_one_row_per_recipient_and_channel(self):
        rule = self.make_rule(
            user_ids=[(4, self.director.id)],
            group_ids=[(4, self.directors.id)],
            is_channel_email=True,
        )
        self.make_lead()
        logs = self.logs(rule)
        self.assertEqual(sorted(logs.mapped("channel")), ["email", "inbox"])
        self.assertEqual(logs.partner_id, self.director.partner_id)

    def test_author_skipped_unless_asked(self):
        rule = self.make_rule(user_ids=[(5,)], is_to_salesperson=True)
        self.make_lead(user=self.seller)
        log = self.logs(rule)
        self.assertEqual((log.state, log.skip_reason), ("skipped", "author"))
        rule.is_notify_author = True
        self.make_lead(user=self.seller, name="CT scanner")
        self.assertEqual(sorted(self.logs(rule).mapped("state")), ["queued", "skipped"])
