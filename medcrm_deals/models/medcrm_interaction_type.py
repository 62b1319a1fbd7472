from odoo import fields, models

#: A year: a reminder planned further ahead is a typing mistake (and would overflow the date).
MAX_REMINDER_HOURS = 8760


class MedcrmInteractionType(models.Model):
    _name = "medcrm.interaction.type"
    _inherit = ["medcrm.text.limit.mixin"]
    _description = "Interaction Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Stable technical code, used by imports and integrations.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    icon = fields.Char(default="fa-comments", help="Font Awesome icon, e.g. fa-phone.")
    reminder_hours = fields.Integer(
        "Reminder Lead Time (hours)",
        default=24,
        help="How many hours before a planned interaction of this type its owner is reminded. "
        "0 reminds at the planned time.",
    )
    company_id = fields.Many2one("res.company", index=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "The code of an interaction type must be unique."),
        (
            "reminder_hours_positive",
            f"CHECK(reminder_hours >= 0 AND reminder_hours <= {MAX_REMINDER_HOURS})",
            "Reminder Lead Time (hours) of an interaction type: from 0 to 8760 (a year).",
        ),
    ]
