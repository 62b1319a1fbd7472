from odoo import api, models

from ..tools.rpc_args import check_lengths


class MedcrmTextLimitMixin(models.AbstractModel):
    """Codes and names of bounded length, checked before they reach the database (a unique
    index on a 100 kB code fails inside PostgreSQL with a message no user can act on)."""

    _name = "medcrm.text.limit.mixin"
    _description = "Codes and Names of Bounded Length"
    #: {field name: at most this many characters}
    _medcrm_text_limits = {"code": 32, "name": 128}

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_lengths(self, vals, self._medcrm_text_limits)
        return super().create(vals_list)

    def write(self, vals):
        check_lengths(self, vals, self._medcrm_text_limits)
        return super().write(vals)
