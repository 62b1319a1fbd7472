from odoo import fields, models

SERVICE_GROUPS = "sales_team.group_sale_salesman"


class MedcrmFulfillmentUnit(models.Model):
    _inherit = "medcrm.fulfillment.unit"

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
        # Counted per serial: the terms follow the device, whichever delivery of it this is.
        lot_ids = self._medcrm_lot_ids()
        terms, occurrences = self.env["stock.lot"]._medcrm_contract_counts(list(lot_ids.values()))
        for unit in self:
            unit.medcrm_contract_term_count = terms.get(lot_ids.get(unit.id), 0)
            unit.medcrm_contract_occurrence_count = occurrences.get(lot_ids.get(unit.id), 0)

    def action_medcrm_contract_terms(self):
        self.ensure_one()
        return self.env["stock.lot"]._medcrm_contract_action(
            "medcrm_service_contract.medcrm_contract_term_action",
            self._medcrm_lot_ids()[self.id],
            self.env._("Contract terms of serial %s", self.name),
        )

    def action_medcrm_contract_occurrences(self):
        self.ensure_one()
        return self.env["stock.lot"]._medcrm_contract_action(
            "medcrm_service_contract.medcrm_contract_occurrence_action",
            self._medcrm_lot_ids()[self.id],
            self.env._("Service obligations of serial %s", self.name),
        )

    def _medcrm_lot_ids(self):
        """{unit id: its serial's stock.lot id}. sudo: salespeople read installed units (and
        their serial as text) without inventory access; only the lot's id is taken, and the
        terms and obligations are then read with the user's own rights."""
        return {unit.id: unit.sudo().lot_id.id for unit in self}
