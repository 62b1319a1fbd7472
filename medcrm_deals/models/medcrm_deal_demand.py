from odoo import api, fields, models
from odoo.exceptions import ValidationError


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
    kind_id = fields.Many2one(related="lead_id.deal_kind_id", store=True, string="Deal Kind")

    @api.constrains("quantity")
    def _check_quantity(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(
                    self.env._(
                        "The quantity of “%s” in the primary demand must be positive.", line.name
                    )
                )

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            if line.product_id:
                line.name = line.product_id.display_name

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not (vals.get("name") or vals.get("product_id")):
                raise ValidationError(
                    self.env._(
                        "A primary demand line needs a product or a description of what the "
                        "customer asked for."
                    )
                )
        return super().create(vals_list)

    def write(self, vals):
        if "name" in vals and not vals["name"]:
            raise ValidationError(
                self.env._("A primary demand line needs a description (or a product).")
            )
        return super().write(vals)
