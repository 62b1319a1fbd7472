from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    end_partner_id = fields.Many2one(
        "res.partner",
        string="End Customer",
        tracking=True,
        index="btree_not_null",
        help="The hospital that will use the equipment, when the customer is a distributor "
        "or when it differs from the customer.",
    )
    end_address_id = fields.Many2one(
        "res.partner",
        tracking=True,
        help="The hospital or its department where the equipment is to be installed.",
    )
    fulfillment_ids = fields.One2many("medcrm.fulfillment", "lead_id")
    fulfillment_count = fields.Integer(compute="_compute_fulfillment_count")

    @api.depends("fulfillment_ids")
    def _compute_fulfillment_count(self):
        for lead in self:
            lead.fulfillment_count = len(lead.fulfillment_ids)

    @api.constrains("end_partner_id", "end_address_id")
    def _check_end_address(self):
        for lead in self:
            self.env["res.partner"]._medcrm_check_end_address(
                lead.end_partner_id, lead.end_address_id, lead.display_name
            )

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        if any(vals.get("stage_id") for vals in vals_list):
            leads._medcrm_ensure_fulfillment()
        return leads

    def write(self, vals):
        result = super().write(vals)
        # Won through action_set_won or by moving the card to a won stage: both write stage_id.
        if vals.get("stage_id") and self.env["crm.stage"].browse(vals["stage_id"]).is_won:
            self._medcrm_ensure_fulfillment()
        return result

    def action_view_fulfillment(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Fulfillment"),
            "res_model": "medcrm.fulfillment",
            "view_mode": "form",
            "res_id": self.fulfillment_ids[:1].id,
        }

    def _medcrm_ensure_fulfillment(self):
        """Open the fulfillment record of each won opportunity that has none (idempotent)."""
        won = self.filtered(
            lambda lead: lead.type == "opportunity" and lead.stage_id.is_won and lead.active
        )
        if not won:
            return self.env["medcrm.fulfillment"]
        # The salesperson wins the deal; the fulfillment record follows from it whatever the
        # winner's rights on fulfillments (a read-only sales user still wins deals). Superuser
        # reads catch a record hidden by rules too, so that none is ever created twice.
        fulfillment_model = self.env["medcrm.fulfillment"].sudo()
        existing = fulfillment_model.search([("lead_id", "in", won.ids)]).lead_id
        vals_list = []
        for lead in won - existing:
            end_partner = lead.end_partner_id
            customer = lead.partner_id.commercial_partner_id
            if not end_partner and customer and not customer.is_distributor:
                end_partner = customer
            vals_list.append(
                {
                    "lead_id": lead.id,
                    "company_id": (lead.company_id or self.env.company).id,
                    "partner_id": customer.id,
                    "end_partner_id": end_partner.id,
                    "end_address_id": lead.end_address_id.id,
                }
            )
        fulfillments = fulfillment_model.create(vals_list)
        # Units delivered before the deal was won join its fulfillment now.
        orphans = (
            self.env["medcrm.fulfillment.unit"]
            .sudo()
            .search([("lead_id", "in", fulfillments.lead_id.ids), ("fulfillment_id", "=", False)])
        )
        for fulfillment in fulfillments:
            orphans.filtered(lambda unit, f=fulfillment: unit.lead_id == f.lead_id).write(
                {"fulfillment_id": fulfillment.id}
            )
        self.env["medcrm.notify.event"]._emit(
            "fulfillment_created",
            fulfillments,
            occurrence_keys=dict.fromkeys(fulfillments.ids, "created"),
            details={fulfillment.id: fulfillment.lead_id.name for fulfillment in fulfillments},
        )
        return fulfillments.sudo(False)
