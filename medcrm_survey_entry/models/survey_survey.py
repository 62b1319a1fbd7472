from odoo import fields, models


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    medcrm_double_entry = fields.Boolean(
        "Double Entry of Paper Sheets",
        help="Every sheet typed in the back office is typed a second time, blind, by another "
        "operator; mismatches are listed before the answers are accepted.",
    )
    medcrm_entry_ids = fields.One2many(
        "medcrm.survey.entry", "survey_id", string="Questionnaire Entries"
    )
    medcrm_entry_count = fields.Integer("Entered Sheets", compute="_compute_medcrm_entry_count")

    def _compute_medcrm_entry_count(self):
        counts = dict(
            self.env["medcrm.survey.entry"]._read_group(
                [("survey_id", "in", self.ids), ("verification_of_id", "=", False)],
                ["survey_id"],
                ["__count"],
            )
        )
        for survey in self:
            survey.medcrm_entry_count = counts.get(survey, 0)

    def action_medcrm_enter_answers(self):
        """Open a blank back-office entry form for this survey."""
        self.ensure_one()
        return self.env["medcrm.survey.entry"]._get_new_entry_action({"default_survey_id": self.id})

    def action_medcrm_view_entries(self):
        self.ensure_one()
        return self.env["medcrm.survey.entry"]._get_list_action(
            [("survey_id", "=", self.id)], {"default_survey_id": self.id}
        )
