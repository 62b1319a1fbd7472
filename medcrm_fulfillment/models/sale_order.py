from odoo import api, fields, models


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "medcrm.end.destination.mixin"]

    fulfillment_id = fields.Many2one(
        "medcrm.fulfillment",
        compute="_compute_fulfillment_id",
        groups="sales_team.group_sale_salesman",
    )

    @api.depends("opportunity_id")
    def _compute_end_destination(self):
        for order in self:
            lead = order.opportunity_id
            if lead.end_partner_id:
                order.end_partner_id = lead.end_partner_id
                order.end_address_id = lead.end_address_id

    @api.depends("opportunity_id.fulfillment_ids")
    def _compute_fulfillment_id(self):
        for order in self:
            order.fulfillment_id = order.opportunity_id.fulfillment_ids[:1]

    def action_view_fulfillment(self):
        self.ensure_one()
        return self.opportunity_id.action_view_fulfillment()
