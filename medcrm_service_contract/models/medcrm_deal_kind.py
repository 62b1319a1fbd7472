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
