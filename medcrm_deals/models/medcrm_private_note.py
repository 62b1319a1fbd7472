from odoo import api, fields, models
from odoo.exceptions import UserError


class MedcrmPrivateNote(models.Model):
    _name = "medcrm.private.note"
    _description = "Private Note on a Deal"
    _order = "create_date desc, id desc"
    _rec_name = "lead_id"

    lead_id = fields.Many2one("crm.lead", "Deal", required=True, index=True, ondelete="cascade")
    user_id = fields.Many2one(
        "res.users",
        "Author",
        default=lambda self: self.env.user,
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    body = fields.Text("Note", required=True)
    company_id = fields.Many2one(related="lead_id.company_id", store=True)

    @api.constrains("lead_id")
    def _check_lead_id_readable(self):
        self.lead_id._medcrm_check_linkable(
            self, self._fields["lead_id"]._description_string(self.env)
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # a note to myself: nobody writes one in another user's name (only the system may,
            # for imports and demo data)
            if not self.env.su or not vals.get("user_id"):
                vals["user_id"] = self.env.uid
        return super().create(vals_list)

    def write(self, vals):
        if "user_id" in vals:
            raise UserError(self.env._("The author of a private note cannot be changed."))
        return super().write(vals)
