from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    service_occurrence_count = fields.Integer(
        string="Service Obligations",
        compute="_compute_service_compliance",
        groups="sales_team.group_sale_salesman",
    )
    service_compliance_rate = fields.Float(
        string="Service Compliance (%)",
        compute="_compute_service_compliance",
        groups="sales_team.group_sale_salesman",
    )

    def _compute_service_compliance(self):
        # Obligations carry the deal's customer; a company's figures include its contacts'.
        commercial = self.commercial_partner_id
        Occurrence = self.env["medcrm.contract.occurrence"]
        per_partner = Occurrence._compliance_figures(
            "partner_id",
            self.search([("commercial_partner_id", "in", commercial.ids)]).ids
            if commercial
            else [],
        )
        totals = {}
        if per_partner:
            for partner in self.browse(per_partner):
                stats = totals.setdefault(
                    partner.commercial_partner_id.id,
                    {"on_time": 0, "late": 0, "missed": 0, "total": 0},
                )
                for key in stats:
                    stats[key] += per_partner[partner.id][key]
        for partner in self:
            stats = totals.get(partner.commercial_partner_id.id, {})
            partner.service_occurrence_count = stats.get("total", 0)
            partner.service_compliance_rate = Occurrence._compliance_rate(stats)

    def action_view_service_occurrences(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "medcrm_service_contract.medcrm_contract_occurrence_action"
        )
        action["domain"] = [("partner_id", "child_of", self.commercial_partner_id.id)]
        return action
