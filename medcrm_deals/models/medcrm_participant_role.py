from odoo import fields, models


class MedcrmParticipantRole(models.Model):
    _name = "medcrm.participant.role"
    _inherit = ["medcrm.text.limit.mixin"]
    _description = "Deal Participant Role"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a participant role must be unique."),
    ]
