from odoo import api, fields, models


class MedcrmFulfillment(models.Model):
    _name = "medcrm.fulfillment"
    _description = "Fulfillment of a won deal"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_won desc, id desc"

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    lead_id = fields.Many2one(
        "crm.lead",
        string="Deal",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        related="lead_id.user_id", string="Salesperson", store=True, index="btree_not_null"
    )
    team_id = fields.Many2one(related="lead_id.team_id", string="Sales Team", store=True)
    date_won = fields.Date(default=fields.Date.context_today, required=True, readonly=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        tracking=True,
        index="btree_not_null",
        help="Who buys: the hospital itself, or the distributor that resells to it.",
    )
    end_partner_id = fields.Many2one(
        "res.partner",
        string="End Customer",
        tracking=True,
        index="btree_not_null",
        help="The health institution that uses the equipment.",
    )
    end_address_id = fields.Many2one(
        "res.partner",
        tracking=True,
        help="The hospital or its department / delivery address where the equipment goes.",
    )
    sale_order_ids = fields.Many2many(
        "sale.order",
        string="Sale Orders",
        compute="_compute_sale_order_ids",
        help="The deal's orders that you may read.",
    )
    sale_order_count = fields.Integer(compute="_compute_sale_order_ids")
    unit_ids = fields.One2many("medcrm.fulfillment.unit", "fulfillment_id", string="Units")
    qty_expected = fields.Float(
        string="Expected Quantity",
        compute="_compute_qty_expected",
        store=True,
        digits="Product Unit of Measure",
        help="Serial-tracked units ordered in the confirmed sale orders of the deal.",
    )
    qty_delivered = fields.Float(
        string="Delivered Quantity",
        compute="_compute_qty_delivered",
        store=True,
        digits="Product Unit of Measure",
        help="Units delivered and not returned.",
    )
    is_closed = fields.Boolean(string="Closed", tracking=True, copy=False)
    state = fields.Selection(
        [
            ("open", "Open"),
            ("partial", "Partially Delivered"),
            ("delivered", "Delivered"),
            ("closed", "Closed"),
        ],
        compute="_compute_state",
        store=True,
        index=True,
        tracking=True,
    )

    _sql_constraints = [
        (
            "lead_uniq",
            "unique(lead_id)",
            "A deal has one fulfillment record: open the existing one instead of creating another.",
        ),
    ]

    @api.depends("lead_id.order_ids")
    @api.depends_context("uid")
    def _compute_sale_order_ids(self):
        # A storekeeper sees every fulfillment, not every salesperson's orders (nor deals):
        # sudo only finds the deal's orders, the user's rights then pick those shown.
        orders_by_fulfillment = {
            fulfillment.id: fulfillment.lead_id.order_ids for fulfillment in self.sudo()
        }
        for fulfillment in self:
            orders = orders_by_fulfillment[fulfillment.id].with_env(self.env)
            fulfillment.sale_order_ids = orders._filtered_access("read")
            fulfillment.sale_order_count = len(fulfillment.sale_order_ids)

    @api.depends(
        "lead_id.order_ids.state",
        "lead_id.order_ids.order_line.product_uom_qty",
        "lead_id.order_ids.order_line.product_id",
    )
    def _compute_qty_expected(self):
        for fulfillment in self:
            lines = fulfillment.lead_id.order_ids.filtered(
                lambda order: order.state == "sale"
            ).order_line.filtered(lambda line: line.product_id.tracking == "serial")
            fulfillment.qty_expected = sum(
                line.product_uom._compute_quantity(line.product_uom_qty, line.product_id.uom_id)
                for line in lines
            )

    @api.depends("unit_ids.state")
    def _compute_qty_delivered(self):
        groups = self.env["medcrm.fulfillment.unit"]._read_group(
            [("fulfillment_id", "in", self.ids), ("state", "=", "active")],
            ["fulfillment_id"],
            ["__count"],
        )
        counts = {fulfillment.id: count for fulfillment, count in groups}
        for fulfillment in self:
            fulfillment.qty_delivered = counts.get(fulfillment.id, 0)

    @api.depends("is_closed", "qty_expected", "qty_delivered")
    def _compute_state(self):
        for fulfillment in self:
            if fulfillment.is_closed:
                fulfillment.state = "closed"
            elif not fulfillment.qty_delivered:
                fulfillment.state = "open"
            elif fulfillment.qty_delivered < fulfillment.qty_expected:
                fulfillment.state = "partial"
            else:
                fulfillment.state = "delivered"

    @api.constrains("end_partner_id", "end_address_id")
    def _check_end_address(self):
        for fulfillment in self:
            self.env["res.partner"]._medcrm_check_end_address(
                fulfillment.end_partner_id, fulfillment.end_address_id, fulfillment.display_name
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("medcrm.fulfillment") or "/"
        return super().create(vals_list)

    def action_close(self):
        self.write({"is_closed": True})

    def action_reopen(self):
        self.write({"is_closed": False})

    def action_view_sale_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale.action_orders")
        action["domain"] = [("opportunity_id", "=", self.lead_id.id)]
        action["context"] = {"default_opportunity_id": self.lead_id.id}
        return action

    def action_view_units(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "medcrm_fulfillment.medcrm_fulfillment_unit_action"
        )
        action["domain"] = [("fulfillment_id", "=", self.id)]
        action["context"] = {}
        return action
