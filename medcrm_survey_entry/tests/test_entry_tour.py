from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestEntryTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.operator = new_test_user(
            cls.env,
            login="se_tour_operator",
            groups="sales_team.group_sale_salesman,survey.group_survey_manager",
            name="Tour Operator",
        )
        cls.hospital = cls.env["res.partner"].create({"name": "Tour Hospital", "is_company": True})
        cls.survey = cls.env["survey.survey"].create(
            {
                "title": "Tour satisfaction",
                "question_and_page_ids": [
                    Command.create(
                        {
                            "title": "Engineer response time (hours)",
                            "question_type": "numerical_box",
                            "sequence": 1,
                            "constr_mandatory": True,
                            "validation_required": True,
                            "validation_min_float_value": 0,
                            "validation_max_float_value": 72,
                        }
                    ),
                    Command.create(
                        {
                            "title": "Would you recommend us?",
                            "question_type": "scale",
                            "sequence": 2,
                        }
                    ),
                    Command.create(
                        {
                            "title": "Service quality",
                            "question_type": "simple_choice",
                            "sequence": 3,
                            "suggested_answer_ids": [
                                Command.create({"value": "Good", "sequence": 1}),
                                Command.create({"value": "Poor", "sequence": 2}),
                            ],
                        }
                    ),
                ],
            }
        )

    def test_keyboard_entry_shows_in_survey_results(self):
        self.start_tour(
            "/odoo/action-medcrm_survey_entry.medcrm_survey_entry_action",
            "medcrm_survey_entry_keyboard_tour",
            login="se_tour_operator",
        )
        entry = self.env["medcrm.survey.entry"].search([("survey_id", "=", self.survey.id)])
        self.assertEqual(entry.state, "submitted")
        self.assertEqual(entry.user_id, self.operator)
        lines = entry.user_input_id.user_input_line_ids
        self.assertEqual(sorted(lines.mapped("display_name")), sorted(["12.0", "9", "Good"]))
        # the survey's own results page counts the typed sheet
        self.authenticate("se_tour_operator", "se_tour_operator")
        response = self.url_open(f"/survey/results/{self.survey.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Tour satisfaction", response.text)
        self.assertIn("1 Votes", response.text)
        self.assertEqual(self.survey.answer_done_count, 1)
