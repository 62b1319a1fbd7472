from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import SurveyEntryCase


@tagged("post_install", "-at_install")
class TestEntryAccess(SurveyEntryCase):
    def test_salesman_enters_and_submits_without_survey_rights(self):
        self.assertFalse(self.user_salesman.has_group("survey.group_survey_user"))
        entry = self._new_entry(user=self.user_salesman, lead_id=self.deal.id)
        self.assertEqual(entry.user_id, self.user_salesman)
        self._fill_valid(entry)
        entry.action_submit()
        self.assertEqual(entry.state, "submitted")
        self.assertEqual(entry.sudo().user_input_id.state, "done")
        with self.assertRaises(AccessError):
            self.env["survey.user_input"].with_user(self.user_salesman).search([])

    def test_form_from_deal_prefills_customer(self):
        action = self.deal.with_user(self.user_salesman).action_medcrm_enter_answers()
        self.assertEqual(action["context"]["default_lead_id"], self.deal.id)
        Entry = self.env["medcrm.survey.entry"].with_user(self.user_salesman)
        with Form(Entry.with_context(**action["context"])) as form:
            form.survey_id = self.survey
            self.assertEqual(form.partner_id, self.hospital)
            self.assertEqual(len(form.line_ids), 10)
            with form.line_ids.edit(0) as line:
                line.value_char = "Anna"
        entry = form.record
        self.assertEqual(entry.lead_id, self.deal)
        self.assertEqual(self._line(entry, self.q_char).value_char, "Anna")

    def test_employee_without_sales_rights_cannot_enter(self):
        with self.assertRaises(AccessError):
            self._new_entry(user=self.employee)

    def test_submitted_entry_is_read_only_for_operator(self):
        entry = self._new_entry(user=self.user_salesman)
        self._fill_valid(entry)
        entry.action_submit()
        with self.assertRaisesRegex(UserError, "is submitted and can no longer be changed"):
            self._line(entry, self.q_scale).value_char = "3"
        with self.assertRaisesRegex(UserError, "is submitted"):
            entry.partner_id = self.head_nurse
        with self.assertRaises(AccessError):
            entry.action_start_correction()
        with self.assertRaisesRegex(UserError, "is submitted"):
            entry.unlink()

    def test_status_cannot_be_forced_over_rpc(self):
        entry = self._new_entry(user=self.user_salesman)
        with self.assertRaisesRegex(UserError, "changes only through its buttons"):
            entry.write({"state": "submitted"})

    def test_manager_correction_rewrites_answer_and_is_tracked(self):
        entry = self._new_entry(user=self.user_salesman)
        self._fill_valid(entry)
        entry.action_submit()
        user_input = entry.sudo().user_input_id
        managed = entry.with_user(self.survey_manager)
        managed.action_start_correction()
        self.assertEqual(managed.state, "correction")
        # an operator cannot touch a correction in progress
        with self.assertRaises(AccessError):
            self._line(entry, self.q_scale).value_char = "2"
        self._line(managed, self.q_scale).value_char = "6"
        managed.action_submit()
        self.assertEqual(managed.state, "submitted")
        self.assertEqual(managed.user_input_id, user_input, "the same answer, corrected")
        scale_line = user_input.user_input_line_ids.filtered(
            lambda line: line.question_id == self.q_scale
        )
        self.assertEqual(scale_line.value_scale, 6)
        self.assertEqual(self.survey.answer_done_count, 1)
        tracked = managed.message_ids.filtered(lambda m: "Answers corrected" in (m.body or ""))
        self.assertEqual(len(tracked), 1)
        self.assertIn("Would you recommend us?: 9 → 6", tracked.body)
        self.assertEqual(tracked.author_id, self.survey_manager.partner_id)

    def test_enter_answers_from_survey_and_customer(self):
        survey_action = self.survey.with_user(self.user_salesman).action_medcrm_enter_answers()
        self.assertEqual(survey_action["context"], {"default_survey_id": self.survey.id})
        partner_action = self.head_nurse.with_user(self.user_salesman).action_medcrm_enter_answers()
        Entry = self.env["medcrm.survey.entry"].with_user(self.user_salesman)
        with Form(Entry.with_context(**partner_action["context"])) as form:
            self.assertEqual(form.partner_id, self.head_nurse)
            form.survey_id = self.survey
        entry = form.record
        self.assertEqual(entry.commercial_partner_id, self.hospital)
        # the hospital's button counts its contacts' sheets; the list shows them
        self.assertEqual(self.hospital.medcrm_survey_entry_count, 1)
        self.assertEqual(self.head_nurse.medcrm_survey_entry_count, 1)
        listed = self.env["medcrm.survey.entry"].search(
            self.hospital.action_medcrm_view_survey_entries()["domain"]
        )
        self.assertEqual(listed, entry)

    def test_choices_show_without_their_question_on_the_entry_form(self):
        good = self._answer(self.q_simple, "Good")
        self.assertIn("Service quality", good.display_name)
        self.assertEqual(good.with_context(medcrm_answer_label_only=True).display_name, "Good")

    def test_entries_of_another_company_are_hidden(self):
        other_company = self.env["res.company"].create({"name": "Distributor East"})
        foreign = self._new_entry(company_id=other_company.id, user_id=self.user_salesman.id)
        mine = self._new_entry(user_id=self.user_salesman.id)
        visible = (
            self.env["medcrm.survey.entry"]
            .with_user(self.user_salesman)
            .search([("survey_id", "=", self.survey.id)])
        )
        self.assertEqual(visible, mine)
        self.assertNotIn(foreign, visible)
