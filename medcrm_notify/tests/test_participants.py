from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import NotifyCase


@tagged("post_install", "-at_install")
class TestParticipantRecipients(NotifyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Role = cls.env["medcrm.participant.role"]
        cls.role_chief = Role.create({"name": "Chief physician (test)"})
        cls.role_engineer = Role.create({"name": "Biomedical engineer (test)"})
        cls.chief = cls.env["res.partner"].create(
            {
                "name": "Dr. Anna Petrova",
                "parent_id": cls.hospital.id,
                "email": "petrova@hospital.example",
            }
        )
        cls.engineer = cls.env["res.partner"].create(
            {
                "name": "Ivan Engineer",
                "parent_id": cls.hospital.id,
                "email": "ivan@hospital.example",
            }
        )

    def add_participant(self, lead, partner, role):
        return self.env["medcrm.deal.participant"].create(
            {"lead_id": lead.id, "partner_id": partner.id, "role_id": role.id}
        )

    def test_external_participant_of_the_role_gets_the_email_only(self):
        rule = self.make_rule(
            event_code="lead_paused",
            user_ids=[(5,)],
            participant_role_ids=[(4, self.role_chief.id)],
            is_channel_email=True,
        )
        lead = self.make_lead()
        self.add_participant(lead, self.chief, self.role_chief)
        self.add_participant(lead, self.engineer, self.role_engineer)
        lead._medcrm_pause(
            fields.Date.today() + timedelta(days=9), "Waiting for the ministry's funding"
        )
        logs = self.logs(rule)
        self.assertEqual(logs.partner_id, self.chief, "only the chosen role")
        self.dispatch()
        inbox = logs.filtered(lambda log: log.channel == "inbox")
        email = logs.filtered(lambda log: log.channel == "email")
        self.assertEqual((inbox.state, inbox.skip_reason), ("skipped", "no_user"))
        self.assertEqual(email.state, "sent", email.error)
        received = self.smtp.to("petrova@hospital.example")
        self.assertEqual(len(received), 1)
        self.assertNotIn("/mail/view", received[0][2], "no link an outsider cannot open")

    def test_participant_who_is_a_user_is_notified_as_user_with_access_check(self):
        rule = self.make_rule(
            event_code="lead_paused",
            user_ids=[(5,)],
            participant_role_ids=[(4, self.role_engineer.id)],
        )
        lead = self.make_lead()
        # the director reads every deal, the other salesperson only their own
        self.add_participant(lead, self.director.partner_id, self.role_engineer)
        self.add_participant(lead, self.other_seller.partner_id, self.role_engineer)
        lead._medcrm_pause(fields.Date.today() + timedelta(days=9), "Budget cycle")
        logs = self.logs(rule)
        self.assertEqual(set(logs.user_id.ids), {self.director.id, self.other_seller.id})
        self.dispatch()
        director = logs.filtered(lambda log: log.user_id == self.director)
        other = logs.filtered(lambda log: log.user_id == self.other_seller)
        self.assertEqual(director.state, "sent")
        self.assertEqual((other.state, other.skip_reason), ("skipped", "no_access"))

    def test_participant_removed_before_sending_gets_nothing(self):
        rule = self.make_rule(
            event_code="lead_paused",
            user_ids=[(5,)],
            participant_role_ids=[(4, self.role_chief.id)],
            is_channel_inbox=False,
            is_channel_email=True,
        )
        lead = self.make_lead()
        participant = self.add_participant(lead, self.chief, self.role_chief)
        lead._medcrm_pause(fields.Date.today() + timedelta(days=9), "Budget cycle")
        participant.unlink()
        self.dispatch()
        log = self.logs(rule)
        self.assertEqual((log.state, log.skip_reason), ("skipped", "no_user"))

    def test_task_event_reaches_the_participants_of_its_deal(self):
        rule = self.make_rule(
            event_code="task_created",
            user_ids=[(5,)],
            participant_role_ids=[(4, self.role_chief.id)],
            is_channel_inbox=False,
            is_channel_email=True,
        )
        lead = self.make_lead()
        self.add_participant(lead, self.chief, self.role_chief)
        self.env["medcrm.task"].with_user(self.seller).create(
            {
                "name": "Agree on the installation date",
                "user_id": self.other_seller.id,
                "lead_id": lead.id,
                "date_deadline": fields.Date.today() + timedelta(days=5),
            }
        )
        self.assertEqual(self.logs(rule).partner_id, self.chief)

    def test_preview_counts_the_email_to_an_external_participant(self):
        rule = self.make_rule(
            event_code="lead_created",
            user_ids=[(5,)],
            participant_role_ids=[(4, self.role_chief.id)],
            is_channel_email=True,
            domain=f"[('team_id', '=', {self.team.id})]",
            active=False,
        )
        lead = self.make_lead()
        self.add_participant(lead, self.chief, self.role_chief)
        preview = self.env["medcrm.notify.rule.preview"].create({"rule_id": rule.id, "days": 7})
        self.assertEqual(preview.record_count, 1)
        self.assertEqual(preview.message_count, 1, "the email, no inbox message")
        self.assertIn("Dr. Anna Petrova (email only)", preview.result_html)
