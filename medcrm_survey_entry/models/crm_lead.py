from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    medcrm_survey_entry_ids = fields.One2many(
        "medcrm.survey.entry", "lead_id", string="Questionnaires"
    )
    medcrm_survey_entry_count = fields.Integer(
        "Questionnaire Count", compute="_compute_medcrm_survey_entry_count"
    )

    def _compute_medcrm_survey_entry_count(self):
        counts = dict(
            self.env["medcrm.survey.entry"]._read_group(
                [("lead_id", "in", self.ids), ("verification_of_id", "=", False)],
                ["lead_id"],
                ["__count"],
            )
        )
        for lead in self:
            lead.medcrm_survey_entry_count = counts.get(lead, 0)

    def action_medcrm_enter_answers(self):
        self.ensure_one()
        return self.env["medcrm.survey.entry"]._get_new_entry_action(
            {
                "default_lead_id": self.id,
                "default_partner_id": self.partner_id.id,
            }
        )

    def action_medcrm_view_survey_entries(self):
        self.ensure_one()
        return self.env["medcrm.survey.entry"]._get_list_action(
            [("lead_id", "=", self.id)],
            {"default_lead_id": self.id, "default_partner_id": self.partner_id.id},
        )
