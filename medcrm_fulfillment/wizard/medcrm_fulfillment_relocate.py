from odoo import api, fields, models


class MedcrmFulfillmentRelocate(models.TransientModel):
    _name = "medcrm.fulfillment.relocate"
    _description = "Relocate installed units or declare their end customer"

    unit_ids = fields.Many2many("medcrm.fulfillment.unit", string="Units", required=True)
    end_partner_id = fields.Many2one(
        "res.partner",
        string="End Customer",
        compute="_compute_end_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    end_address_id = fields.Many2one(
        "res.partner",
        required=True,
        domain="['|', ('id', '=', end_partner_id), ('id', 'child_of', end_partner_id)]",
    )
    date = fields.Date(string="Effective Date", required=True, default=fields.Date.context_today)
    reason = fields.Char(required=True)

    @api.depends("unit_ids")
    def _compute_end_partner_id(self):
        for wizard in self:
            partners = wizard.unit_ids.end_partner_id
            if len(partners) == 1 and not wizard.end_partner_id:
                wizard.end_partner_id = partners

    def action_confirm(self):
        self.ensure_one()
        self.unit_ids.check_access("read")
        self.unit_ids._medcrm_relocate(
            self.end_partner_id, self.end_address_id, self.date, self.reason
        )
        return {"type": "ir.actions.act_window_close"}
