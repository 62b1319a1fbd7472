from odoo import fields, models

from ..tools.rpc_args import existing


class MedcrmPipelineExportWizard(models.TransientModel):
    _name = "medcrm.pipeline.export.wizard"
    _description = "Export the Pipeline to XLSX"

    deal_kind_ids = fields.Many2many(
        "medcrm.deal.kind", string="Deal Kinds", help="Leave empty for every kind."
    )
    user_ids = fields.Many2many(
        "res.users", string="Salespeople", help="Leave empty for every salesperson."
    )
    include_paused = fields.Boolean("Include Paused Deals", default=True)

    def _medcrm_domain(self):
        domain = [("type", "=", "opportunity"), ("active", "=", True)]
        if self.deal_kind_ids:
            domain.append(("deal_kind_id", "in", self.deal_kind_ids.ids))
        if self.user_ids:
            domain.append(("user_id", "in", self.user_ids.ids))
        if not self.include_paused:
            domain.append(("is_paused", "=", False))
        return domain

    def action_export(self):
        existing(self.ensure_one())
        # The file is built by report.medcrm_deals.pipeline_xlsx and downloaded through
        # report_xlsx's /report/xlsx route, like every medcrm export.
        report = self.env.ref("medcrm_deals.medcrm_pipeline_xlsx_report")
        # config=False: a spreadsheet has no letterhead, so no layout configurator first.
        action = report.report_action(self, config=False)
        action["close_on_report_download"] = True
        return action
