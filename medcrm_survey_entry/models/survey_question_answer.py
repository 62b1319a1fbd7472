from odoo import api, models


class SurveyQuestionAnswer(models.Model):
    _inherit = "survey.question.answer"

    @api.depends_context("medcrm_answer_label_only")
    def _compute_display_name(self):
        """On the entry form each choice sits next to its question: show the choice alone."""
        if not self.env.context.get("medcrm_answer_label_only"):
            return super()._compute_display_name()
        for answer in self:
            answer.display_name = answer.value_label
