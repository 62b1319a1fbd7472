from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SurveyEntryCase


@tagged("post_install", "-at_install")
class TestDoubleEntry(SurveyEntryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey.medcrm_double_entry = True

    def _first_entry(self):
        entry = self._new_entry(user=self.user_salesman)
        self.assertTrue(entry.is_double_entry)
        self._fill_valid(entry)
        entry.action_submit()
        self.assertEqual(entry.state, "to_verify")
        self.assertFalse(entry.sudo().user_input_id, "no answer before the second entry")
        return entry

    def _second_entry(self, entry):
        action = entry.with_user(self.user_salesman_other).action_start_verification()
        second = (
            self.env["medcrm.survey.entry"]
            .with_user(self.user_salesman_other)
            .browse(action["res_id"])
        )
        self.assertEqual(second.verification_of_id, entry)
        self.assertEqual(second.user_id, self.user_salesman_other)
        self.assertFalse(second.is_double_entry)
        self.assertTrue(all(line._answer_value_is_empty() for line in second.line_ids), "blind")
        return second

    def test_same_operator_cannot_type_second_entry(self):
        entry = self._first_entry()
        with self.assertRaisesRegex(UserError, "must be typed by another operator"):
            entry.action_start_verification()

    def test_matching_second_entry_accepts_answers(self):
        entry = self._first_entry()
        second = self._second_entry(entry)
        self._fill_valid(second)
        self._line(second, self.q_number).value_char = "4.50"  # same number, written otherwise
        second.action_submit()
        self.assertEqual(second.state, "submitted")
        self.assertFalse(second.sudo().user_input_id)
        self.assertEqual(entry.state, "submitted")
        self.assertEqual(entry.sudo().user_input_id.state, "done")
        self.assertFalse(entry.mismatch_line_ids)
        self.assertEqual(self.survey.answer_done_count, 1)
        self.assertEqual(self.hospital.medcrm_survey_entry_count, 1, "second entries not counted")

    def test_mismatches_are_listed_before_acceptance(self):
        entry = self._first_entry()
        second = self._second_entry(entry)
        self._fill_valid(second)
        self._line(second, self.q_scale).value_char = "8"
        self._line(second, self.q_simple).answer_ids = self._answer(self.q_simple, "Average")
        second.action_submit()
        self.assertEqual(entry.state, "to_verify")
        self.assertTrue(entry.is_verified)
        self.assertEqual(entry.mismatch_line_ids.question_id, self.q_scale | self.q_simple)
        scale = self._line(entry, self.q_scale)
        self.assertEqual(scale.verification_display, "8")
        self.assertEqual(self._line(entry, self.q_simple).verification_display, "Average")
        self.assertIn("second entry differs: 2.", entry.message_ids[0].body)
        # the sheet says 8: the first operator corrects, then accepts
        scale.value_char = "8"
        entry.action_accept()
        self.assertEqual(entry.state, "submitted")
        uil = entry.sudo().user_input_id.user_input_line_ids
        self.assertEqual(uil.filtered(lambda line: line.question_id == self.q_scale).value_scale, 8)

    def test_accept_requires_the_second_entry(self):
        entry = self._first_entry()
        with self.assertRaisesRegex(UserError, "must first be typed a second time"):
            entry.action_accept()
        with self.assertRaisesRegex(UserError, "waits for its second entry"):
            entry.action_submit()
