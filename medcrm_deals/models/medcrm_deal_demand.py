from odoo import api, fields, models


class MedcrmDealDemand(models.Model):
    _name = "medcrm.deal.demand"
    _description = "Primary Demand Line"
    _order = "lead_id, sequence, id"

    lead_id = fields.Many2one(
        "crm.lead", string="Deal", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="lead_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one("product.product", ondelete="restrict", index="btree_not_null")
    name = fields.Char(
        "Description",
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        help="What the customer asked for: a product, or free text for what is not in the "
        "catalogue.",
    )
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure", required=True)
    note = fields.Char()
    deal_kind_id = fields.Many2one(related="lead_id.deal_kind_id", store=True, string="Deal Kind")

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "The quantity asked for must be positive."),
    ]

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            if line.product_id:
                line.name = line.product_id.display_name
