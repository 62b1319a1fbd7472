from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import SurveyEntryCase


@tagged("post_install", "-at_install")
class TestEntryValidation(SurveyEntryCase):
    def _assert_refused(self, entry, *fragments):
        with self.assertRaises(ValidationError) as caught:
            entry.action_submit()
        message = str(caught.exception)
        for fragment in fragments:
            self.assertIn(fragment, message)
        self.assertEqual(entry.state, "draft")
        self.assertFalse(entry.user_input_id)
        return message

    def test_mandatory_questions_are_named(self):
        entry = self._new_entry()
        message = self._assert_refused(
            entry,
            "to fix before submitting: 2.",
            "Q3 “Engineer response time (hours)”: An answer is required.",
            "Q7 “Service quality”: An answer is required.",
        )
        self.assertNotIn("Contact name", message, "optional questions may stay empty")
        self.assertEqual(entry.error_count, 2)
        self.assertEqual(self._line(entry, self.q_number).error_message, "An answer is required.")

    def test_question_custom_required_message_is_used(self):
        self.q_number.constr_error_msg = "Write the hours from the sheet."
        entry = self._new_entry()
        self._fill_valid(entry)
        self._line(entry, self.q_number).value_char = " "
        self._assert_refused(entry, "Q3 “Engineer response time (hours)”: Write the hours")

    def test_number_out_of_bounds_is_refused(self):
        entry = self._new_entry()
        self._fill_valid(entry)
        self._line(entry, self.q_number).value_char = "80"
        self._assert_refused(entry, "Q3", "80 is out of bounds: enter a number from 0 to 72")

    def test_text_in_number_is_refused(self):
        entry = self._new_entry()
        self._fill_valid(entry)
        self._line(entry, self.q_number).value_char = "four"
        self._assert_refused(entry, "Q3", "“four” is not a number.")

    def test_scale_must_be_whole_number_in_range(self):
        entry = self._new_entry()
        self._fill_valid(entry)
        for typed in ("11", "7.5", "-1"):
            self._line(entry, self.q_scale).value_char = typed
            self._assert_refused(entry, "Q4", "enter a whole number from 0 to 10")

    def test_date_out_of_bounds_is_refused(self):
        entry = self._new_entry()
        self._fill_valid(entry)
        self._line(entry, self.q_date).value_date = "2019-12-31"
        self._assert_refused(entry, "Q5", "between 2020-01-01 and 2030-12-31")

    def test_single_choice_with_two_answers_is_refused(self):
        entry = self._new_entry()
        self._fill_valid(entry)
        line = self._line(entry, self.q_simple)
        line.answer_ids = self._answer(self.q_simple, "Good") | self._answer(self.q_simple, "Poor")
        self._assert_refused(
            entry, "Q7 “Service quality”", "Only one answer is allowed; answers entered: 2"
        )

    def test_matrix_row_with_two_choices_is_refused(self):
        entry = self._new_entry()
        self._fill_valid(entry)
        polite = self.q_matrix.matrix_row_ids[0]
        self._line(entry, self.q_matrix, polite).answer_ids = self.q_matrix.suggested_answer_ids
        self._assert_refused(entry, "Q9", "Only one choice per row", "Polite")

    def test_choice_of_another_question_is_refused(self):
        entry = self._new_entry()
        self._fill_valid(entry)
        self._line(entry, self.q_simple).answer_ids = self._answer(self.q_multiple, "MRI")
        self._assert_refused(entry, "Q7", "MRI is not a choice of this question")

    def test_email_question_checks_the_address(self):
        self.q_char.validation_email = True
        entry = self._new_entry()
        self._fill_valid(entry)
        self._line(entry, self.q_char).value_char = "anna at hospital"
        self._assert_refused(entry, "Q1", "is not an email address")

    def test_comment_on_question_without_comments_is_refused(self):
        entry = self._new_entry()
        self._fill_valid(entry)
        self._line(entry, self.q_multiple).comment = "also X-ray"
        self._assert_refused(entry, "Q8", "takes no comment")

    def test_comment_counts_as_answer_when_survey_says_so(self):
        self.q_simple.comment_count_as_answer = True
        entry = self._new_entry()
        self._fill_valid(entry)
        line = self._line(entry, self.q_simple)
        line.answer_ids = False
        line.comment = "Depends on the engineer"
        entry.action_submit()
        self.assertEqual(entry.state, "submitted")
        comment_line = entry.user_input_id.user_input_line_ids.filtered(
            lambda uil: uil.question_id == self.q_simple
        )
        self.assertEqual(comment_line.value_char_box, "Depends on the engineer")

    def test_respondent_is_required(self):
        entry = self._new_entry(partner_id=False)
        self._fill_valid(entry)
        self._assert_refused(entry, "choose the Respondent")

    def test_closed_survey_is_refused(self):
        self.survey.action_archive()
        with self.assertRaisesRegex(ValidationError, "is closed: reopen it"):
            self._new_entry()

    def test_survey_without_questions_is_refused(self):
        empty = self.env["survey.survey"].create({"title": "Empty questionnaire"})
        with self.assertRaisesRegex(ValidationError, "has no questions"):
            self.env["medcrm.survey.entry"].create(
                {"survey_id": empty.id, "partner_id": self.hospital.id}
            )

    def test_survey_closed_after_typing_refuses_submit(self):
        entry = self._new_entry()
        self._fill_valid(entry)
        self.survey.action_archive()
        self._assert_refused(entry, "is closed")

    def test_conditional_question_counts_only_when_triggered(self):
        """A mandatory follow-up asked only after "Poor" is not required after "Good"."""
        follow_up = self.env["survey.question"].create(
            {
                "survey_id": self.survey.id,
                "title": "What went wrong?",
                "question_type": "char_box",
                "sequence": 20,
                "constr_mandatory": True,
                "triggering_answer_ids": [(4, self._answer(self.q_simple, "Poor").id)],
            }
        )
        entry = self._new_entry()
        self._fill_valid(entry)
        self._line(entry, follow_up).value_char = "ignored: not asked"
        entry.action_submit()
        self.assertEqual(entry.state, "submitted")
        self.assertNotIn(follow_up, entry.user_input_id.user_input_line_ids.question_id)

        poor = self._new_entry()
        self._fill_valid(poor)
        self._line(poor, self.q_simple).answer_ids = self._answer(self.q_simple, "Poor")
        self._assert_refused(poor, "“What went wrong?”: An answer is required.")
