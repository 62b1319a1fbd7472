from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    end_partner_id = fields.Many2one(
        "res.partner",
        string="End Customer",
        compute="_compute_end_destination",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        tracking=True,
        help="The hospital that will use the equipment; taken from the deal.",
    )
    end_address_id = fields.Many2one(
        "res.partner",
        compute="_compute_end_destination",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="The hospital or its department where the equipment goes; taken from the deal.",
    )
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

    @api.constrains("end_partner_id", "end_address_id")
    def _check_end_address(self):
        for order in self:
            self.env["res.partner"]._medcrm_check_end_address(
                order.end_partner_id, order.end_address_id, order.display_name
            )

    def action_view_fulfillment(self):
        self.ensure_one()
        return self.opportunity_id.action_view_fulfillment()
