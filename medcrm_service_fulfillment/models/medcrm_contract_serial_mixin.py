from odoo import api, fields, models

SERVICE_GROUPS = "sales_team.group_sale_salesman"


class MedcrmContractSerialMixin(models.AbstractModel):
    """The contract terms and service obligations of a serial number, counted and opened from
    the serial itself (stock.lot) and from its installed unit: one place for both."""

    _name = "medcrm.contract.serial.mixin"
    _description = "Contract Terms of a Serial Number"

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
        terms, occurrences = self._medcrm_contract_counts(
            list({lot_id for lot_id in lot_ids.values() if lot_id})
        )
        for record in self:
            lot_id = lot_ids.get(record.id)
            record.medcrm_contract_term_count = terms.get(lot_id, 0)
            record.medcrm_contract_occurrence_count = occurrences.get(lot_id, 0)

    def action_medcrm_contract_terms(self):
        self.ensure_one()
        return self._medcrm_contract_action(
            "medcrm_service_contract.medcrm_contract_term_action",
            self.env._("Contract terms of serial %s", self.name),
        )

    def action_medcrm_contract_occurrences(self):
        self.ensure_one()
        return self._medcrm_contract_action(
            "medcrm_service_contract.medcrm_contract_occurrence_action",
            self.env._("Service obligations of serial %s", self.name),
        )

    def _medcrm_lot_ids(self):
        """{record id: id of its serial's stock.lot}; each model says how it finds its lot."""
        raise NotImplementedError

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

    def _medcrm_contract_action(self, xmlid, title):
        """The terms or obligations list of this record's serial."""
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("lot_id", "=", self._medcrm_lot_ids()[self.id])]
        action["context"] = {"active_test": False} if "term" in xmlid else {}
        action["display_name"] = title
        return action
