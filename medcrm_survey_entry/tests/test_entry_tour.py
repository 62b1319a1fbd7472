from odoo.tests import HttpCase, tagged

from .common import SurveyEntryCase, hospital_questions


@tagged("post_install", "-at_install")
class TestEntryTour(SurveyEntryCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Three of the hospital survey's questions: a number, a scale and a choice.
        cls.tour_survey = cls._create_survey(
            "Tour satisfaction",
            questions=[
                question
                for question in hospital_questions()
                if question["question_type"] in ("numerical_box", "scale", "simple_choice")
            ],
        )

    def test_keyboard_entry_shows_in_survey_results(self):
        self.start_tour(
            "/odoo/action-medcrm_survey_entry.medcrm_survey_entry_action",
            "medcrm_survey_entry_keyboard_tour",
            login="se_survey_manager",
        )
        entry = self.env["medcrm.survey.entry"].search([("survey_id", "=", self.tour_survey.id)])
        self.assertEqual(entry.state, "submitted")
        self.assertEqual(entry.user_id, self.survey_manager)
        self.assertEqual(entry.line_ids.mapped("question_number"), [1, 2, 3])
        lines = entry.user_input_id.user_input_line_ids
        self.assertEqual(sorted(lines.mapped("display_name")), sorted(["12.0", "9", "Good"]))
        # the survey's own results page counts the typed sheet
        self.authenticate("se_survey_manager", "se_survey_manager")
        response = self.url_open(f"/survey/results/{self.tour_survey.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Tour satisfaction", response.text)
        self.assertIn("1 Votes", response.text)
        self.assertEqual(self.tour_survey.answer_done_count, 1)
