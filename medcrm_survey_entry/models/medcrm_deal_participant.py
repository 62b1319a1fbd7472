from odoo import fields, models


class MedcrmDealParticipant(models.Model):
    _inherit = "medcrm.deal.participant"

    medcrm_survey_entry_ids = fields.One2many(
        "medcrm.survey.entry", "deal_participant_id", string="Questionnaire Entries"
    )
    medcrm_survey_entry_count = fields.Integer(
        "Questionnaires",
        compute="_compute_medcrm_survey_entry_count",
        help="Questionnaires of the deal this participant answered.",
    )

    def _compute_medcrm_survey_entry_count(self):
        counts = dict(
            self.env["medcrm.survey.entry"]._read_group(
                [("deal_participant_id", "in", self.ids), ("verification_of_id", "=", False)],
                ["deal_participant_id"],
                ["__count"],
            )
        )
        for participant in self:
            participant.medcrm_survey_entry_count = counts.get(participant, 0)

    def action_medcrm_view_survey_entries(self):
        self.ensure_one()
        return self.env["medcrm.survey.entry"]._get_list_action(
            [("deal_participant_id", "=", self.id)],
            {
                "default_lead_id": self.lead_id.id,
                "default_partner_id": self.lead_id.partner_id.id,
                "default_deal_participant_id": self.id,
            },
        )
