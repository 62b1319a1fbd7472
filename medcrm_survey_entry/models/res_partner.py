from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    medcrm_survey_entry_count = fields.Integer(
        "Questionnaires", compute="_compute_medcrm_survey_entry_count"
    )

    def _compute_medcrm_survey_entry_count(self):
        """Entered questionnaires of the partner: those it is the respondent of or answered
        (Answered by); for a company, also those of its contacts."""
        Entry = self.env["medcrm.survey.entry"]
        base = [("verification_of_id", "=", False)]
        by_person = dict.fromkeys(self.ids, 0)
        for respondent, answered_by, count in Entry._read_group(
            base + ["|", ("partner_id", "in", self.ids), ("participant_id", "in", self.ids)],
            ["partner_id", "participant_id"],
            ["__count"],
        ):
            for person in {respondent.id, answered_by.id} & set(by_person):
                by_person[person] += count
        by_company = dict(
            Entry._read_group(
                base + [("commercial_partner_id", "in", self.ids)],
                ["commercial_partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            if partner.is_company:
                partner.medcrm_survey_entry_count = by_company.get(partner, 0)
            else:
                partner.medcrm_survey_entry_count = by_person.get(partner.id, 0)

    def action_medcrm_enter_answers(self):
        self.ensure_one()
        return self.env["medcrm.survey.entry"]._get_new_entry_action(
            {"default_partner_id": self.id}
        )

    def action_medcrm_view_survey_entries(self):
        self.ensure_one()
        if self.is_company:
            domain = [("commercial_partner_id", "=", self.id)]
        else:
            domain = ["|", ("partner_id", "=", self.id), ("participant_id", "=", self.id)]
        return self.env["medcrm.survey.entry"]._get_list_action(
            domain, {"default_partner_id": self.id}
        )
