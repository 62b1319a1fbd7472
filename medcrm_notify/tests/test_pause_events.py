from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged
from odoo.tools import format_date

from .common import NotifyCase

FREEZE_IGNORE = ["asyncio", "aiosmtpd", "concurrent"]


@tagged("post_install", "-at_install")
class TestPauseEvents(NotifyCase):
    def test_pause_notifies_once_per_pause_with_reason(self):
        rule = self.make_rule(event_code="lead_paused", user_ids=[(5,)], is_to_team_leader=True)
        lead = self.make_lead()
        until = fields.Date.today() + timedelta(days=20)
        wizard = self.env["medcrm.deal.pause.wizard"].create(
            {
                "lead_ids": [(6, 0, lead.ids)],
                "date_until": until,
                "reason": "Hospital budget frozen until February",
            }
        )
        wizard.action_confirm()
        # extending the pause is not a new pause
        lead._medcrm_pause(until + timedelta(days=30), "Budget still frozen")
        log = self.logs(rule)
        self.assertEqual(len(log), 1)
        self.assertEqual(log.partner_id, self.manager.partner_id)
        self.assertIn(format_date(self.env, until), log.details)
        self.assertIn("Hospital budget frozen", log.details)
        self.dispatch()
        self.assertEqual(log.state, "sent")
        self.assertEqual(len(self.inbox_messages(lead, self.manager.partner_id)), 1)

    def test_resume_by_hand_and_by_cron_each_notify(self):
        paused = self.make_rule(event_code="lead_paused")
        resumed = self.make_rule(event_code="lead_resumed", user_ids=[(5,)], is_to_salesperson=True)
        lead = self.make_lead()
        with freeze_time("2030-01-10 08:00", ignore=FREEZE_IGNORE):
            lead._medcrm_pause("2030-01-20", "Waiting for the tender results")
            lead.action_medcrm_resume()
            lead.action_medcrm_resume()  # not paused any more: nothing happens
            self.assertEqual(len(self.logs(resumed)), 1)
            self.assertIn("Resumed by", self.logs(resumed).details)
            lead._medcrm_pause("2030-01-20", "Waiting for the tender results again")
        with freeze_time("2030-01-21 06:00", ignore=FREEZE_IGNORE):
            self.env["crm.lead"]._cron_medcrm_resume_paused_deals()
            self.env["crm.lead"]._cron_medcrm_resume_paused_deals()
        self.assertFalse(lead.is_paused)
        self.assertEqual(len(self.logs(paused, res_id=lead.id)), 2, "two pauses")
        logs = self.logs(resumed, res_id=lead.id)
        self.assertEqual(len(logs), 2, "two resumptions")
        self.assertEqual(logs.partner_id, self.seller.partner_id)
        self.assertIn("The pause has ended.", logs.mapped("details"))

    def test_paused_event_filter_applies(self):
        rule = self.make_rule(
            event_code="lead_paused", domain="[('expected_revenue', '>=', 1000000)]"
        )
        small = self.make_lead(expected_revenue=100000)
        big = self.make_lead(name="Angiography suite", expected_revenue=3000000)
        (small | big)._medcrm_pause(fields.Date.today() + timedelta(days=9), "Budget cycle")
        self.assertEqual(self.logs(rule).res_id, big.id)


@tagged("post_install", "-at_install")
class TestInteractionDone(NotifyCase):
    def test_interaction_done_on_deal_notifies_with_result(self):
        rule = self.make_rule(event_code="lead_interaction_done")
        note = self.make_rule(event_code="lead_note")
        visit = self.env["medcrm.interaction.type"].create({"name": "Site visit"})
        lead = self.make_lead()
        interaction = self.env["medcrm.interaction"].create(
            {
                "name": "Visit to the radiology department",
                "type_id": visit.id,
                "lead_id": lead.id,
                "user_id": self.seller.id,
            }
        )
        self.assertFalse(self.logs(rule), "planned, not done")
        interaction.result = "The head of radiology wants a demo of the 3T MRI."
        interaction.action_done()
        interaction.write({"state": "done"})  # written again: still one occurrence
        log = self.logs(rule)
        self.assertEqual(len(log), 1)
        self.assertEqual(log.res_id, lead.id)
        self.assertIn("Site visit", log.details)
        self.assertIn("demo of the 3T MRI", log.details)
        self.assertIn(f"interaction{interaction.id}", log.occurrence_key)
        self.assertFalse(self.logs(note).filtered(lambda log: "interaction" in log.occurrence_key))

    def test_interaction_without_deal_is_not_a_deal_event(self):
        rule = self.make_rule(event_code="lead_interaction_done")
        call = self.env["medcrm.interaction.type"].create({"name": "Call"})
        self.env["medcrm.interaction"].create(
            {
                "name": "Call to the clinic",
                "type_id": call.id,
                "partner_id": self.hospital.id,
                "state": "done",
                "result": "No answer",
            }
        )
        self.assertFalse(self.logs(rule))
