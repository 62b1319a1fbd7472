from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MedcrmDealKind(models.Model):
    _inherit = "medcrm.deal.kind"

    uses_contract_terms = fields.Boolean(
        string="Contract Terms",
        help="Deals of this kind are service contracts: they show the Contract Terms tab, and "
        "their terms are planned as obligations when the deal is won. Deals of other kinds "
        "cannot have contract terms.",
    )

    @api.constrains("uses_contract_terms")
    def _check_contract_terms_in_use(self):
        unflagged = self.filtered(lambda kind: not kind.uses_contract_terms)
        if not unflagged:
            return
        used = (
            self.env["medcrm.contract.term"]
            .with_context(active_test=False)
            ._read_group(
                [("lead_id.deal_kind_id", "in", unflagged.ids)],
                ["lead_id"],
                ["__count"],
                limit=3,
            )
        )
        if used:
            raise ValidationError(
                self.env._(
                    "Deal kind “%(kind)s”: 'Contract Terms' cannot be turned off while deals of "
                    "this kind have contract terms (%(deals)s). Remove or move those terms, or "
                    "move the deals to another kind first.",
                    kind=used[0][0].deal_kind_id.name,
                    deals=", ".join(lead.display_name for lead, _count in used),
                )
            )

    @api.model
    def _medcrm_flag_kinds_with_terms(self):
        """Tick 'Contract Terms' on every kind whose deals already have terms (upgrade from a
        version without the flag: their Contract Terms tab must stay visible)."""
        groups = (
            self.env["medcrm.contract.term"]
            .with_context(active_test=False)
            ._read_group([], ["lead_id"])
        )
        kinds = self.browse()
        for (lead,) in groups:
            kinds |= lead.with_context(active_test=False).deal_kind_id
        kinds = kinds.filtered(lambda kind: not kind.uses_contract_terms)
        if kinds:
            kinds.write({"uses_contract_terms": True})
        return kinds
