from odoo import api, models

from ..tools.rpc_args import check_vals


class Base(models.AbstractModel):
    """Values of the wrong type for the fields medcrm adds (on its own models and on Odoo's) are
    refused with a message naming the field, before the ORM turns them into a TypeError or a
    PostgreSQL error. Only those fields are looked at: Odoo's own stay as Odoo handles them."""

    _inherit = "base"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_vals(self, vals)
        return super().create(vals_list)

    def write(self, vals):
        check_vals(self, vals)
        return super().write(vals)
