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

    def test_customer_created_only_companies_through_filter(self):
        rule = self.make_rule(event_code="partner_created", domain="[('is_company', '=', True)]")
        clinic = self.env["res.partner"].create({"name": "Regional Clinic", "is_company": True})
        self.env["res.partner"].create({"name": "Dr. Ivanova", "parent_id": clinic.id})
        log = self.logs(rule)
        self.assertEqual(log.mapped("res_id"), clinic.ids)
        self.assertEqual(log.record_name, "Regional Clinic")

    def test_filter_excludes_small_deals(self):
        rule = self.make_rule(domain="[('expected_revenue', '>=', 1000000)]")
        self.make_lead(expected_revenue=200000)
        self.assertFalse(self.logs(rule))
        big = self.make_lead(name="Angiography suite", expected_revenue=2500000)
        self.assertEqual(self.logs(rule).res_id, big.id)

    def test_rule_of_other_company_ignores_our_deals(self):
        other = self.env["res.company"].create({"name": "Medtech Distribution LLC"})
        rule = self.make_rule(company_id=other.id)
        self.make_lead()
        self.assertFalse(self.logs(rule))

    def test_stage_changed_respects_from_and_to_stages(self):
        to_offer = self.make_rule(
            event_code="lead_stage_changed", stage_to_ids=[(4, self.stage_offer.id)]
        )
        from_demo = self.make_rule(
            event_code="lead_stage_changed", stage_from_ids=[(4, self.stage_demo.id)]
        )
        any_change = self.make_rule(event_code="lead_stage_changed")
        lead = self.make_lead()
        lead.write({"stage_id": self.stage_demo.id})
        self.assertFalse(self.logs(to_offer))
        self.assertFalse(self.logs(from_demo))
        self.assertEqual(len(self.logs(any_change)), 1)
        lead.write({"stage_id": self.stage_offer.id})
        self.assertEqual(len(self.logs(to_offer)), 1)
        self.assertEqual(len(self.logs(from_demo)), 1)
        self.assertEqual(self.logs(to_offer).details, "Stage: T Offer → T Tender")
        self.assertEqual(len(self.logs(any_change)), 2)

    def test_deal_won_by_button_and_by_stage(self):
        rule = self.make_rule(event_code="lead_won")
        lead = self.make_lead()
        lead.action_set_won()
        self.assertTrue(lead.stage_id.is_won)
        self.assertEqual(len(self.logs(rule)), 1)
        other = self.make_lead(name="Ultrasound for Clinic 7")
        other.write({"stage_id": self.stage_won.id})
        self.assertEqual(self.logs(rule).mapped("res_id"), [other.id, lead.id])

    def test_deal_lost_once_with_reason_available_to_filter(self):
        reason = self.env["crm.lost.reason"].create({"name": "Tender lost on price"})
        rule = self.make_rule(event_code="lead_lost", domain="[('lost_reason_id', '!=', False)]")
        any_lost = self.make_rule(event_code="lead_lost")
        lead = self.make_lead()
        lead.action_set_lost(lost_reason_id=reason.id)
        self.assertFalse(lead.active)
        log = self.logs(rule)
        self.assertEqual(len(log), 1)
        self.assertIn("Tender lost on price", log.details)
        self.assertEqual(len(self.logs(any_lost)), 1)

    def test_incoming_email_on_deal(self):
        rule = self.make_rule(event_code="lead_email_in")
        note = self.make_rule(event_code="lead_note")
        lead = self.make_lead()
        message = lead.message_post(
            body="<p>Please send the updated offer for the MRI.</p>",
            subject="Offer",
            message_type="email",
            author_id=self.hospital.id,
        )
        log = self.logs(rule)
        self.assertEqual(len(log), 1)
        self.assertIn(f"message{message.id}", log.occurrence_key)
        self.assertIn("Please send the updated offer", log.details)
        self.assertFalse(self.logs(note))

    def test_outgoing_message_and_logged_note_on_deal(self):
        out = self.make_rule(event_code="lead_email_out")
        note = self.make_rule(event_code="lead_note")
        lead = self.make_lead()
        lead.message_post(
            body="Offer attached.", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertEqual(len(self.logs(out)), 1)
        self.assertFalse(self.logs(note))
        lead.message_post(
            body="Called the chief engineer.",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.assertEqual(len(self.logs(note)), 1)
        self.assertEqual(len(self.logs(out)), 1)

    def test_call_done_is_a_logged_communication(self):
        note = self.make_rule(event_code="lead_note")
        lead = self.make_lead()
        call_type = self.env["mail.activity.type"].create(
            {"name": "Test call", "category": "phonecall"}
        )
        activity = lead.activity_schedule(
            activity_type_id=call_type.id, summary="Call the hospital", user_id=self.seller.id
        )
        activity.action_feedback(feedback="Agreed on a demo next week.")
        log = self.logs(note)
        self.assertEqual(len(log), 1)
        self.assertIn("Agreed on a demo", log.details)

    def test_meeting_planned_on_deal(self):
        rule = self.make_rule(event_code="lead_meeting")
        lead = self.make_lead()
        meeting = self.env["calendar.event"].create(
            {
                "name": "Demo of the MRI at the hospital",
                "start": "2030-03-01 09:00:00",
                "stop": "2030-03-01 10:00:00",
                "opportunity_id": lead.id,
            }
        )
        log = self.logs(rule)
        self.assertEqual(len(log), 1)
        self.assertEqual(log.res_id, lead.id)
        self.assertIn(f"meeting{meeting.id}", log.occurrence_key)
        self.assertIn("Demo of the MRI", log.details)
