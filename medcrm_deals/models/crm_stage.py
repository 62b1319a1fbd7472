from odoo import api, fields, models
from odoo.exceptions import UserError


class CrmStage(models.Model):
    _inherit = "crm.stage"

    deal_kind_line_ids = fields.One2many("medcrm.deal.kind.stage", "stage_id", string="Kind Lines")
    deal_kind_ids = fields.Many2many(
        "medcrm.deal.kind",
        string="Deal Kinds",
        compute="_compute_deal_kind_ids",
        inverse="_inverse_deal_kind_ids",
        search="_search_deal_kind_ids",
        help="The deal kinds whose pipeline has this stage.",
    )

    @api.depends("deal_kind_line_ids.kind_id")
    def _compute_deal_kind_ids(self):
        for stage in self:
            stage.deal_kind_ids = stage.deal_kind_line_ids.kind_id

    def _inverse_deal_kind_ids(self):
        Line = self.env["medcrm.deal.kind.stage"]
        for stage in self:
            current = stage.deal_kind_line_ids
            current.filtered(lambda line, s=stage: line.kind_id not in s.deal_kind_ids).unlink()
            missing = stage.deal_kind_ids - current.kind_id
            Line.create(
                [
                    {"kind_id": kind.id, "stage_id": stage.id, "sequence": stage.sequence}
                    for kind in missing
                ]
            )

    def _search_deal_kind_ids(self, operator, value):
        return [("deal_kind_line_ids.kind_id", operator, value)]

    @api.model_create_multi
    def create(self, vals_list):
        stages = super().create(vals_list)
        # A stage created without a kind joins the kind of the pipeline it was created from
        # (kanban column), else the default kind: every stage belongs to at least one kind, and
        # Odoo's own flows, which know no kinds, keep working in the default kind.
        if self.env.context.get("medcrm_no_default_kind"):
            return stages
        kind_id = self.env.context.get("default_deal_kind_id")
        kind = self.env["medcrm.deal.kind"].browse(kind_id) if kind_id else None
        if not kind or not kind.exists():
            kind = self.env["medcrm.deal.kind"]._medcrm_default_kind()
        without_kind = stages.filtered(lambda stage: not stage.deal_kind_line_ids)
        if kind and without_kind:
            self.env["medcrm.deal.kind.stage"].sudo().create(
                [
                    {"kind_id": kind.id, "stage_id": stage.id, "sequence": stage.sequence}
                    for stage in without_kind
                ]
            )
        return stages

    def write(self, vals):
        res = super().write(vals)
        if "sequence" in vals:
            # Columns reordered in a pipeline (or stages resequenced anywhere): the kinds follow,
            # so that a kind's order stays the order its pipeline shows.
            # sudo: kind lines are configuration; the user may reorder stages, so may they here
            self.deal_kind_line_ids.sudo().write({"sequence": vals["sequence"]})
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used_by_deals(self):
        used = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            ._read_group([("stage_id", "in", self.ids)], ["stage_id"], ["__count"])
        )
        if used:
            raise UserError(
                self.env._(
                    "You cannot delete a stage that deals are in: %s. "
                    "Move those deals to another stage first.",
                    ", ".join(f"{stage.name} ({count})" for stage, count in used),
                )
            )
