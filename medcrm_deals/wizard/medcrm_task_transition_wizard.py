from odoo import fields, models


class MedcrmTaskTransitionWizard(models.TransientModel):
    _name = "medcrm.task.transition.wizard"
    _description = "Return, Reassign or Cancel a Deal Task"

    task_id = fields.Many2one("medcrm.task", required=True, ondelete="cascade")
    mode = fields.Selection(
        [("return", "Return"), ("reassign", "Reassign"), ("cancel", "Cancel")],
        required=True,
        default="return",
    )
    user_id = fields.Many2one(
        "res.users",
        "New Assignee",
        domain="[('share', '=', False)]",
    )
    reason = fields.Text()

    def action_confirm(self):
        self.ensure_one()
        if self.mode == "return":
            self.task_id.action_return(self.reason)
        elif self.mode == "reassign":
            self.task_id.action_reassign(self.user_id, self.reason)
        else:
            self.task_id.action_cancel(self.reason)
        return {"type": "ir.actions.act_window_close"}
