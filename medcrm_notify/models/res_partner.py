from odoo import api, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        self.env["medcrm.notify.event"]._emit(
            "partner_created", partners, occurrence_keys=dict.fromkeys(partners.ids, "created")
        )
        return partners
