from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import MedcrmDealsCase


@tagged("post_install", "-at_install")
class TestPause(MedcrmDealsCase):
    def _pause_wizard(self, leads, until, reason="Budget approved in spring"):
        wizard = Form(
            self.env["medcrm.deal.pause.wizard"].with_context(
                active_model="crm.lead", active_ids=leads.ids
            )
        )
        wizard.date_until = until
        wizard.reason = reason
        return wizard

    @freeze_time("2026-03-02 10:00:00")
    def test_pause_with_the_wizard(self):
        lead = self._create_deal(user_id=self.user_salesman.id)
        self._pause_wizard(lead, date(2026, 4, 1)).save().action_confirm()
        self.assertTrue(lead.is_paused)
        self.assertTrue(lead._medcrm_is_paused())
        self.assertEqual(lead.paused_until, date(2026, 4, 1))
        self.assertEqual(lead.pause_reason, "Budget approved in spring")
        self.assertEqual(lead.paused_by_id, self.env.user)
        self.assertEqual(len(lead.pause_ids), 1)
        self.assertIn("Deal paused until 04/01/2026", lead.message_ids[0].body)
        not_paused = self.env["crm.lead"].search(
            [("id", "=", lead.id)] + self.env["crm.lead"]._medcrm_not_paused_domain()
        )
        self.assertFalse(not_paused)

    @freeze_time("2026-03-02 10:00:00")
    def test_pause_message_shows_the_date_as_a_russian_reader_writes_it(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.user_salesman.lang = "ru_RU"
        lead = self._create_deal(user_id=self.user_salesman.id)
        # the language of a user's requests (the web client sends it in the context)
        russian_user = lead.with_user(self.user_salesman).with_context(lang="ru_RU")
        russian_user._medcrm_pause(date(2026, 4, 1), "Бюджет весной")
        body = lead.message_ids[0].body
        self.assertIn("01.04.2026", body)
        self.assertNotIn("2026-04-01", body)

    @freeze_time("2026-03-02 10:00:00")
    def test_pause_needs_a_future_date_and_a_reason(self):
        lead = self._create_deal()
        with self.assertRaisesRegex(ValidationError, "must be a date in the future"):
            self._pause_wizard(lead, date(2026, 3, 2)).save()
        with self.assertRaisesRegex(UserError, "resume date in the future"):
            lead._medcrm_pause(date(2026, 3, 1), "Reason")
        with self.assertRaisesRegex(UserError, "needs a reason"):
            lead._medcrm_pause(date(2026, 4, 1), "  ")
        wizard = Form(self.env["medcrm.deal.pause.wizard"].with_context(active_ids=lead.ids))
        wizard.reason = "No date"
        with self.assertRaises(AssertionError):  # date_until is required in the form
            wizard.save()
        self.assertFalse(lead.is_paused)

    @freeze_time("2026-03-02 10:00:00")
    def test_won_or_lost_deals_cannot_be_paused(self):
        lead = self._create_deal()
        lead.action_set_lost()
        with self.assertRaisesRegex(UserError, "cannot be paused"):
            lead._medcrm_pause(date(2026, 4, 1), "Reason")

    def test_manual_resume(self):
        with freeze_time("2026-03-02 10:00:00"):
            lead = self._create_deal()
            lead._medcrm_pause(date(2026, 4, 1), "Waiting for the tender")
        with freeze_time("2026-03-05 10:00:00"):
            lead.action_medcrm_resume()
        self.assertFalse(lead.is_paused)
        self.assertFalse(lead.paused_until)
        self.assertEqual(lead.pause_ids.resume_mode, "manual")
        self.assertEqual(lead.pause_ids.duration_days, 3)

    def test_cron_resumes_due_deals_tells_the_owner_and_is_idempotent(self):
        with freeze_time("2026-03-02 10:00:00"):
            due = self._create_deal(name="Due", user_id=self.user_salesman.id)
            later = self._create_deal(name="Later", user_id=self.user_salesman.id)
            due._medcrm_pause(date(2026, 3, 9), "Budget")
            later._medcrm_pause(date(2026, 5, 1), "Budget")
        with freeze_time("2026-03-09 06:00:00"):
            self.env["crm.lead"]._cron_medcrm_resume_paused_deals()
            self.assertFalse(due.is_paused)
            self.assertTrue(later.is_paused)
            self.assertEqual(due.activity_ids.user_id, self.user_salesman)
            self.assertEqual(due.pause_ids.resume_mode, "cron")
            messages = len(due.message_ids)
            self.env["crm.lead"]._cron_medcrm_resume_paused_deals()
            self.assertEqual(len(due.message_ids), messages)
            self.assertEqual(len(due.activity_ids), 1)

    def test_cron_works_in_batches(self):
        with freeze_time("2026-03-02 10:00:00"):
            leads = self.env["crm.lead"]
            for index in range(3):
                leads |= self._create_deal(name=f"Batch {index}")
            leads._medcrm_pause(date(2026, 3, 3), "Batch")
        with freeze_time("2026-03-04 10:00:00"):
            self.env["crm.lead"]._cron_medcrm_resume_paused_deals(batch_size=2)
            self.assertEqual(len(leads.filtered("is_paused")), 1)
            self.env["crm.lead"]._cron_medcrm_resume_paused_deals(batch_size=2)
            self.assertFalse(leads.filtered("is_paused"))

    def test_paused_time_is_excluded_from_time_in_stage(self):
        with freeze_time("2026-03-02 00:00:00"):
            lead = self._create_deal()
        with freeze_time("2026-03-03 00:00:00"):
            lead._medcrm_pause(date(2026, 3, 10), "Budget")
        with freeze_time("2026-03-05 00:00:00"):
            lead.action_medcrm_resume()
        with freeze_time("2026-03-06 00:00:00"):
            lead.stage_id = self.stage_offer
        first = lead.stage_history_ids.filtered(
            lambda line: line.stage_id == self.stage_qualification
        )
        self.assertEqual(first.duration_hours, 96)
        self.assertEqual(first.paused_hours, 48)
        self.assertEqual(first.active_days, 2)

    @freeze_time("2026-03-02 10:00:00")
    def test_filters_paused_and_resumes_this_week(self):
        soon = self._create_deal(name="Soon")
        soon._medcrm_pause(date(2026, 3, 6), "Soon")
        later = self._create_deal(name="Later")
        later._medcrm_pause(date(2026, 4, 6), "Later")
        Lead = self.env["crm.lead"]
        self.assertEqual(
            Lead.search([("is_paused", "=", True), ("name", "in", ["Soon", "Later"])]), soon | later
        )
        week = Lead.search(
            [
                ("is_paused", "=", True),
                ("paused_until", "<=", "2026-03-09"),
                ("name", "in", ["Soon", "Later"]),
            ]
        )
        self.assertEqual(week, soon)
