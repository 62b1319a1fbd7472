from odoo import Command
from odoo.tests import Form, tagged, users

from .common import SurveyEntryCase


@tagged("post_install", "-at_install")
class TestEntryPerformance(SurveyEntryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        kinds = ["char_box", "numerical_box", "scale", "date", "simple_choice"]
        cls.big_survey = cls.env["survey.survey"].create(
            {
                "title": "Annual equipment review",
                "question_and_page_ids": [
                    Command.create(
                        {
                            "title": f"Question {index}",
                            "sequence": index,
                            "question_type": kinds[index % len(kinds)],
                            "constr_mandatory": index % 2 == 0,
                            "suggested_answer_ids": [
                                Command.create({"value": "Yes"}),
                                Command.create({"value": "No"}),
                            ]
                            if kinds[index % len(kinds)] == "simple_choice"
                            else [],
                        }
                    )
                    for index in range(50)
                ],
            }
        )

    @users("medcrm_salesman")
    def test_fifty_question_form_opens_within_query_budget(self):
        entry = self.env["medcrm.survey.entry"].create(
            {"survey_id": self.big_survey.id, "partner_id": self.hospital.id}
        )
        self.assertEqual(len(entry.line_ids), 50)
        self.env.invalidate_all()
        # opening the form: read the entry with its 50 lines and their per-row checks
        with self.assertQueryCount(medcrm_salesman=35):
            form = Form(entry)
            self.assertEqual(form.error_count, 25)
        self.assertEqual(len(form.line_ids), 50)
