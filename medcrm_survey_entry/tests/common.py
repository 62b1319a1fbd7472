from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.medcrm_deals.tests.common import MedcrmDealsCase


def hospital_questions():
    """The questions of a hospital satisfaction survey, one of every type the entry supports
    (values of survey.question, in order)."""
    return [
        {
            "title": "Contact name",
            "question_type": "char_box",
            "sequence": 1,
        },
        {
            "title": "What should we improve?",
            "question_type": "text_box",
            "sequence": 2,
        },
        {
            "title": "Engineer response time (hours)",
            "question_type": "numerical_box",
            "sequence": 3,
            "constr_mandatory": True,
            "validation_required": True,
            "validation_min_float_value": 0,
            "validation_max_float_value": 72,
        },
        {
            "title": "Would you recommend us?",
            "question_type": "scale",
            "sequence": 4,
            "scale_min": 0,
            "scale_max": 10,
        },
        {
            "title": "Date of the last visit",
            "question_type": "date",
            "sequence": 5,
            "validation_required": True,
            "validation_min_date": "2020-01-01",
            "validation_max_date": "2030-12-31",
        },
        {
            "title": "Last breakdown",
            "question_type": "datetime",
            "sequence": 6,
        },
        {
            "title": "Service quality",
            "question_type": "simple_choice",
            "sequence": 7,
            "constr_mandatory": True,
            "comments_allowed": True,
            "suggested_answer_ids": [
                Command.create({"value": "Good", "sequence": 1}),
                Command.create({"value": "Average", "sequence": 2}),
                Command.create({"value": "Poor", "sequence": 3}),
            ],
        },
        {
            "title": "Equipment in use",
            "question_type": "multiple_choice",
            "sequence": 8,
            "suggested_answer_ids": [
                Command.create({"value": "MRI", "sequence": 1}),
                Command.create({"value": "CT", "sequence": 2}),
                Command.create({"value": "Ultrasound", "sequence": 3}),
            ],
        },
        {
            "title": "Rate the engineer",
            "question_type": "matrix",
            "matrix_subtype": "simple",
            "sequence": 9,
            "suggested_answer_ids": [
                Command.create({"value": "Yes", "sequence": 1}),
                Command.create({"value": "No", "sequence": 2}),
            ],
            "matrix_row_ids": [
                Command.create({"value": "Polite", "sequence": 1}),
                Command.create({"value": "On time", "sequence": 2}),
            ],
        },
    ]


class SurveyEntryCase(MedcrmDealsCase):
    """medcrm_deals' fixtures (salespeople, a hospital, deal kinds) plus a hospital satisfaction
    survey with a question of every type, the hospital's head nurse, a deal with the hospital
    and the other people typing sheets."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = new_test_user(cls.env, login="se_employee", groups="base.group_user")
        cls.survey_manager = new_test_user(
            cls.env,
            login="se_survey_manager",
            groups="survey.group_survey_manager,sales_team.group_sale_salesman",
            name="Survey Manager",
        )
        cls.head_nurse = cls.env["res.partner"].create(
            {"name": "Anna Petrova", "parent_id": cls.hospital.id, "email": "anna@hospital7.test"}
        )
        cls.deal = cls._create_deal(name="MRI service contract", user_id=cls.user_salesman.id)
        cls.survey = cls._create_survey("Hospital satisfaction")
        questions = cls.survey.question_ids
        cls.q_char = questions.filtered(lambda q: q.question_type == "char_box")
        cls.q_text = questions.filtered(lambda q: q.question_type == "text_box")
        cls.q_number = questions.filtered(lambda q: q.question_type == "numerical_box")
        cls.q_scale = questions.filtered(lambda q: q.question_type == "scale")
        cls.q_date = questions.filtered(lambda q: q.question_type == "date")
        cls.q_datetime = questions.filtered(lambda q: q.question_type == "datetime")
        cls.q_simple = questions.filtered(lambda q: q.question_type == "simple_choice")
        cls.q_multiple = questions.filtered(lambda q: q.question_type == "multiple_choice")
        cls.q_matrix = questions.filtered(lambda q: q.question_type == "matrix")

    @classmethod
    def _create_survey(cls, title, questions=None, **values):
        """A public one-page survey; its questions are ``questions`` (values of
        survey.question, in order), by default ``hospital_questions()``."""
        if questions is None:
            questions = hospital_questions()
        return cls.env["survey.survey"].create(
            {
                "title": title,
                "access_mode": "public",
                "questions_layout": "one_page",
                "question_and_page_ids": [Command.create(question) for question in questions],
                **values,
            }
        )

    def _new_entry(self, user=None, **values):
        env = self.env(user=user) if user else self.env
        return env["medcrm.survey.entry"].create(
            {"survey_id": self.survey.id, "partner_id": self.hospital.id, **values}
        )

    def _line(self, entry, question, row=None):
        return entry.line_ids.filtered(
            lambda line: line.question_id == question and (not row or line.matrix_row_id == row)
        )

    def _answer(self, question, value):
        return question.suggested_answer_ids.filtered(lambda a: a.value == value)

    def _fill_valid(self, entry):
        """The sheet of a satisfied hospital: every question answered correctly."""
        q_matrix = self.q_matrix
        polite, on_time = q_matrix.matrix_row_ids
        self._line(entry, self.q_char).value_char = "Anna Petrova"
        self._line(entry, self.q_text).value_text = "Faster spare parts"
        self._line(entry, self.q_number).value_char = "4,5"
        self._line(entry, self.q_scale).value_char = "9"
        self._line(entry, self.q_date).value_date = "2025-03-14"
        self._line(entry, self.q_datetime).value_datetime = "2025-02-01 10:30:00"
        self._line(entry, self.q_simple).answer_ids = self._answer(self.q_simple, "Good")
        self._line(entry, self.q_multiple).answer_ids = self._answer(
            self.q_multiple, "MRI"
        ) | self._answer(self.q_multiple, "CT")
        self._line(entry, q_matrix, polite).answer_ids = self._answer(q_matrix, "Yes")
        self._line(entry, q_matrix, on_time).answer_ids = self._answer(q_matrix, "No")
