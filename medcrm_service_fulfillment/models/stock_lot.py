from odoo import api, fields, models

SERVICE_GROUPS = "sales_team.group_sale_salesman"


class StockLot(models.Model):
    _inherit = "stock.lot"

    medcrm_contract_term_ids = fields.One2many(
        "medcrm.contract.term", "lot_id", string="Contract Terms", groups=SERVICE_GROUPS
    )
    medcrm_contract_term_count = fields.Integer(
        string="Contract Term Count",
        compute="_compute_medcrm_contract_counts",
        groups=SERVICE_GROUPS,
    )
    medcrm_contract_occurrence_count = fields.Integer(
        string="Service Obligation Count",
        compute="_compute_medcrm_contract_counts",
        groups=SERVICE_GROUPS,
    )

    def _compute_medcrm_contract_counts(self):
        terms, occurrences = self._medcrm_contract_counts(self.ids)
        for lot in self:
            lot.medcrm_contract_term_count = terms.get(lot.id, 0)
            lot.medcrm_contract_occurrence_count = occurrences.get(lot.id, 0)

    @api.model
    def _medcrm_contract_counts(self, lot_ids):
        """({lot id: number of terms}, {lot id: number of obligations}) of these serials."""
        terms = (
            self.env["medcrm.contract.term"]
            .with_context(active_test=False)
            ._read_group([("lot_id", "in", lot_ids)], ["lot_id"], ["__count"])
        )
        occurrences = self.env["medcrm.contract.occurrence"]._read_group(
            [("lot_id", "in", lot_ids)], ["lot_id"], ["__count"]
        )
        return (
            {lot.id: count for lot, count in terms},
            {lot.id: count for lot, count in occurrences},
        )

    def action_medcrm_contract_terms(self):
        self.ensure_one()
        return self._medcrm_contract_action(
            "medcrm_service_contract.medcrm_contract_term_action",
            self.id,
            self.env._("Contract terms of serial %s", self.name),
        )

    def action_medcrm_contract_occurrences(self):
        self.ensure_one()
        return self._medcrm_contract_action(
            "medcrm_service_contract.medcrm_contract_occurrence_action",
            self.id,
            self.env._("Service obligations of serial %s", self.name),
        )

    @api.model
    def _medcrm_contract_action(self, xmlid, lot_id, title):
        """The terms or obligations list of a serial (also opened from its installed unit)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("lot_id", "=", lot_id)]
        action["context"] = {"active_test": False} if "term" in xmlid else {}
        action["display_name"] = title
        return action
