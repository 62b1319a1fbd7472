from odoo import fields, models


class MedcrmContractTermType(models.Model):
    _name = "medcrm.contract.term.type"
    _description = "Contract Term Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    kind = fields.Selection(
        [
            ("scheduled", "Scheduled obligation"),
            ("response_time", "Response time to a breakdown"),
        ],
        required=True,
        default="scheduled",
        help="Scheduled obligations are planned from the term's recurrence; response-time terms "
        "are measured against the breakdown requests logged on them.",
    )
    is_evidence_required = fields.Boolean(
        string="Evidence Required",
        help="An obligation of this type can only be marked done with its evidence attached "
        "(e.g. the act signed by the hospital).",
    )
    default_reminder_days = fields.Integer(
        string="Default Reminder (days)",
        default=7,
        help="How many days before the due date the responsible person is reminded.",
    )
    default_response_hours = fields.Integer(
        string="Default Response Time (hours)",
        default=48,
    )
    description = fields.Text()
    color = fields.Integer()

    _sql_constraints = [
        (
            "default_reminder_days_positive",
            "CHECK(default_reminder_days >= 0)",
            "The default reminder lead time of a term type cannot be negative.",
        ),
        (
            "default_response_hours_positive",
            "CHECK(default_response_hours >= 0)",
            "The default response time of a term type cannot be negative.",
        ),
    ]
