from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import SurveyEntryCase


@tagged("post_install", "-at_install")
class TestEntrySubmit(SurveyEntryCase):
    def test_entry_lists_every_question_in_order(self):
        entry = self._new_entry()
        self.assertEqual(
            entry.line_ids.mapped("question_id"),
            self.survey.question_ids,
            "all questions, in order",
        )
        # the matrix has a line per row, numbered as the question
        matrix_lines = self._line(entry, self.q_matrix)
        self.assertEqual(len(matrix_lines), 2)
        self.assertEqual(set(matrix_lines.mapped("question_number")), {9})
        self.assertEqual(entry.state, "draft")
        self.assertEqual(entry.user_id, self.env.user)
        self.assertEqual(entry.source, "paper")

    def test_entry_typed_in_the_form_numbers_its_questions(self):
        # the form shows the numbers read-only, so it does not send them
        with Form(self.env["medcrm.survey.entry"]) as form:
            form.survey_id = self.survey
            form.partner_id = self.hospital
        entry = form.record
        numbers = {n: question for n, question in enumerate(self.survey.question_ids, 1)}
        self.assertEqual(
            [(line.question_number, line.question_id) for line in entry.line_ids],
            [
                (n, question)
                for n, question in numbers.items()
                for _row in (question.matrix_row_ids or [False])
            ],
        )
        self.assertEqual(set(self._line(entry, self.q_matrix).mapped("question_number")), {9})

    def test_submit_creates_completed_survey_answer(self):
        # for a deal, the person who answered is one of its participants
        self.deal.participant_ids = [
            Command.create(
                {
                    "partner_id": self.head_nurse.id,
                    "role_id": self.env["medcrm.participant.role"].create({"name": "Nurse"}).id,
                }
            )
        ]
        entry = self._new_entry(participant_id=self.head_nurse.id, lead_id=self.deal.id)
        self._fill_valid(entry)
        entry.action_submit()
        self.assertEqual(entry.state, "submitted")
        user_input = entry.user_input_id
        self.assertEqual(user_input.state, "done")
        self.assertFalse(user_input.test_entry)
        self.assertEqual(user_input.partner_id, self.head_nurse)
        lines = user_input.user_input_line_ids
        by_question = lines.grouped("question_id")
        self.assertEqual(by_question[self.q_char].value_char_box, "Anna Petrova")
        self.assertEqual(by_question[self.q_text].value_text_box, "Faster spare parts")
        self.assertEqual(by_question[self.q_number].value_numerical_box, 4.5)
        self.assertEqual(by_question[self.q_scale].value_scale, 9)
        self.assertEqual(str(by_question[self.q_date].value_date), "2025-03-14")
        self.assertEqual(str(by_question[self.q_datetime].value_datetime), "2025-02-01 10:30:00")
        self.assertEqual(
            by_question[self.q_simple].suggested_answer_id, self._answer(self.q_simple, "Good")
        )
        self.assertEqual(
            by_question[self.q_multiple].suggested_answer_id.mapped("value"), ["MRI", "CT"]
        )
        matrix = by_question[self.q_matrix]
        self.assertEqual(
            {(line.matrix_row_id.value, line.suggested_answer_id.value) for line in matrix},
            {("Polite", "Yes"), ("On time", "No")},
        )
        self.assertEqual(self.survey.answer_done_count, 1)
        self.assertEqual(self.hospital.medcrm_survey_entry_count, 1)
        # the answer also shows on the person who answered it
        self.assertEqual(self.head_nurse.medcrm_survey_entry_count, 1)
        self.assertEqual(self.deal.medcrm_survey_entry_count, 1)
        self.assertEqual(self.survey.medcrm_entry_count, 1)

    def test_survey_statistics_count_entered_answers(self):
        """Odoo's own statistics (the results page) count typed sheets like online answers."""
        first = self._new_entry()
        self._fill_valid(first)
        first.action_submit()
        second = self._new_entry()
        self._line(second, self.q_number).value_char = "0"
        self._line(second, self.q_scale).value_char = "0"
        self._line(second, self.q_simple).answer_ids = self._answer(self.q_simple, "Poor")
        self._line(second, self.q_simple).comment = "Engineer came late"
        second.action_submit()

        lines = (first | second).user_input_id.user_input_line_ids
        stats = {
            data["question"]: data
            for data in self.survey.question_and_page_ids._prepare_statistics(lines)
        }
        self.assertEqual(len(stats[self.q_number]["answer_input_done_ids"]), 2)
        self.assertEqual(stats[self.q_number]["numerical_average"], 2.25)
        self.assertEqual(stats[self.q_number]["numerical_min"], 0)
        scale_counts = {row["value"]: row["count"] for row in stats[self.q_scale]["table_data"]}
        self.assertEqual((scale_counts["0"], scale_counts["9"]), (1, 1))
        choice_counts = {row["value"]: row["count"] for row in stats[self.q_simple]["table_data"]}
        self.assertEqual(choice_counts, {"Good": 1, "Average": 0, "Poor": 1})
        self.assertEqual(
            stats[self.q_simple]["comment_line_ids"].value_char_box, "Engineer came late"
        )
        multiple_counts = {
            row["value"]: row["count"] for row in stats[self.q_multiple]["table_data"]
        }
        self.assertEqual(multiple_counts, {"MRI": 1, "CT": 1, "Ultrasound": 0})
        # the second sheet left the text, dates and matrix empty: skipped, as online
        self.assertEqual(len(stats[self.q_char]["answer_input_done_ids"]), 1)
        self.assertEqual(len(stats[self.q_char]["answer_input_ids"]), 2)
        matrix_table = stats[self.q_matrix]["table_data"]
        polite = next(row for row in matrix_table if row["row"].value == "Polite")
        self.assertEqual([col["count"] for col in polite["columns"]], [1, 0])
        survey_stats = self.survey._prepare_statistics(lines)
        self.assertTrue(survey_stats)

    def test_submitting_twice_creates_one_answer(self):
        entry = self._new_entry()
        self._fill_valid(entry)
        entry.action_submit()
        user_input = entry.user_input_id
        entry.action_submit()
        self.assertEqual(entry.user_input_id, user_input)
        self.assertEqual(
            self.env["survey.user_input"].search_count([("survey_id", "=", self.survey.id)]), 1
        )

    def test_submit_and_next_opens_blank_sheet_of_same_survey(self):
        entry = self._new_entry(source="phone")
        self._fill_valid(entry)
        action = entry.action_submit_and_next()
        self.assertEqual(entry.state, "submitted")
        self.assertEqual(action["res_model"], "medcrm.survey.entry")
        self.assertEqual(action["context"]["default_survey_id"], self.survey.id)
        self.assertEqual(action["context"]["default_source"], "phone")
        self.assertNotIn("res_id", action)

    def test_draft_is_saved_and_resumed(self):
        entry = self._new_entry()
        self._line(entry, self.q_char).value_char = "Half typed"
        entry.invalidate_recordset()
        resumed = self.env["medcrm.survey.entry"].browse(entry.id)
        self.assertEqual(resumed.state, "draft")
        self.assertEqual(self._line(resumed, self.q_char).value_char, "Half typed")
        self.assertFalse(resumed.user_input_id)

    def test_question_added_to_survey_is_reloaded_keeping_answers(self):
        entry = self._new_entry()
        self._fill_valid(entry)
        new_question = self.env["survey.question"].create(
            {
                "survey_id": self.survey.id,
                "title": "Anything else?",
                "question_type": "char_box",
                "sequence": 4,  # after the scale, numbered 5 on the sheet
            }
        )
        self.survey.invalidate_recordset(["question_and_page_ids"])
        with self.assertRaisesRegex(ValidationError, "Anything else.*Reload Questions"):
            entry.action_submit()
        entry.action_reload_questions()
        self.assertEqual(entry.line_ids.question_id, self.survey.question_ids)
        self.assertEqual(self._line(entry, new_question).question_number, 5)
        self.assertEqual(self._line(entry, self.q_scale).value_char, "9", "typed answers kept")
        entry.action_submit()
        self.assertEqual(entry.state, "submitted")

    def test_double_click_waiting_on_the_lock_sees_the_first_submit(self):
        """The second click waits on the row lock, then reads the status the first one wrote."""
        entry = self._new_entry()
        self._fill_valid(entry)
        entry.action_submit()
        self.env.flush_all()
        # the second request still holds the status it read before the first one committed
        entry.env.cache.set(entry, entry._fields["state"], "draft")
        entry.env.cache.set(entry, entry._fields["user_input_id"], None)
        entry.action_submit()
        self.assertEqual(entry.state, "submitted")
        self.assertEqual(
            self.env["survey.user_input"].search_count([("survey_id", "=", self.survey.id)]), 1
        )
