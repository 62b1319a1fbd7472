from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MedcrmDealParticipant(models.Model):
    _name = "medcrm.deal.participant"
    _description = "Deal Participant"
    _order = "lead_id, is_primary desc, sequence, id"

    lead_id = fields.Many2one(
        "crm.lead", string="Deal", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="lead_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one(
        "res.partner", string="Person", required=True, ondelete="restrict", index=True
    )
    role_id = fields.Many2one("medcrm.participant.role", required=True, ondelete="restrict")
    is_primary = fields.Boolean("Primary Contact")
    note = fields.Char()
    email = fields.Char(related="partner_id.email")
    phone = fields.Char(related="partner_id.phone")
    function = fields.Char(related="partner_id.function")

    _sql_constraints = [
        (
            "lead_partner_role_uniq",
            "unique(lead_id, partner_id, role_id)",
            "A person is listed only once per role on a deal.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._medcrm_check_required(vals, creating=True)
        return super().create(vals_list)

    def write(self, vals):
        self._medcrm_check_required(vals)
        return super().write(vals)

    def _medcrm_check_required(self, vals, creating=False):
        """A clear error instead of the database's NOT NULL one (imports and RPC too)."""
        labels = {"partner_id": self.env._("Person"), "role_id": self.env._("Role")}
        missing = [
            label
            for name, label in labels.items()
            if (creating and not vals.get(name)) or (name in vals and not vals[name])
        ]
        if missing:
            raise ValidationError(
                self.env._(
                    "A deal participant needs a person and a role. Missing: %s.",
                    ", ".join(missing),
                )
            )

    @api.constrains("is_primary", "lead_id")
    def _check_single_primary(self):
        leads = self.filtered("is_primary").lead_id
        if not leads:
            return
        counts = self._read_group(
            [("lead_id", "in", leads.ids), ("is_primary", "=", True)], ["lead_id"], ["__count"]
        )
        several = [lead.name for lead, count in counts if count > 1]
        if several:
            raise ValidationError(
                self.env._(
                    "A deal has one primary participant at most: %s. "
                    "Untick “Primary Contact” on the other lines.",
                    ", ".join(several),
                )
            )
