from odoo import fields, models

TRANSITION_KINDS = [
    ("create", "Set"),
    ("accept", "Accepted"),
    ("done", "Done"),
    ("verify", "Verified"),
    ("return", "Returned"),
    ("reassign", "Reassigned"),
    ("cancel", "Cancelled"),
]


class MedcrmTaskTransition(models.Model):
    _name = "medcrm.task.transition"
    _description = "Deal Task Transition"
    _order = "date desc, id desc"
    _rec_name = "kind"

    task_id = fields.Many2one(
        "medcrm.task", required=True, index=True, ondelete="cascade", readonly=True
    )
    kind = fields.Selection(TRANSITION_KINDS, "Step", required=True, readonly=True)
    user_id = fields.Many2one("res.users", "Done By", required=True, readonly=True, index=True)
    date = fields.Datetime(required=True, readonly=True, index=True)
    state_from = fields.Selection(
        lambda self: self.env["medcrm.task"]._fields["state"].selection, "From", readonly=True
    )
    state_to = fields.Selection(
        lambda self: self.env["medcrm.task"]._fields["state"].selection,
        "To",
        required=True,
        readonly=True,
    )
    assignee_from_id = fields.Many2one("res.users", "Previous Assignee", readonly=True)
    assignee_to_id = fields.Many2one("res.users", "Assignee", readonly=True, index=True)
    reason = fields.Text(readonly=True)
    hours_since_previous = fields.Float(
        "Hours Since Previous Step",
        readonly=True,
        aggregator="avg",
        help="Time between the previous step of the task and this one: for an acceptance it is "
        "the acceptance latency, for 'done' the time in work.",
    )
    author_id = fields.Many2one(related="task_id.author_id", store=True, string="Task Author")
    lead_id = fields.Many2one(related="task_id.lead_id", store=True, string="Deal")
    company_id = fields.Many2one(related="task_id.company_id", store=True)
