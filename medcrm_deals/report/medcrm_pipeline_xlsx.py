import datetime

from odoo import models


class MedcrmPipelineXlsx(models.AbstractModel):
    """The open pipeline as a spreadsheet: one row per deal chosen in the export wizard."""

    _name = "report.medcrm_deals.pipeline_xlsx"
    _inherit = "report.medcrm_deals.abstract_xlsx"
    _description = "Pipeline XLSX Export"

    def _medcrm_columns(self):
        return [
            (self.env._("Deal"), 40, lambda lead: lead.name),
            (
                self.env._("Customer"),
                32,
                lambda lead: lead.partner_id.display_name or lead.partner_name,
            ),
            (self.env._("Deal Kind"), 20, lambda lead: lead.deal_kind_id.name),
            (self.env._("Stage"), 20, lambda lead: lead.stage_id.name),
            (self.env._("Sales Channel"), 20, lambda lead: lead.sales_channel_id.name),
            (self.env._("Source"), 24, lambda lead: lead.channel_source_name),
            (self.env._("Salesperson"), 22, lambda lead: lead.user_id.name),
            (self.env._("Sales Team"), 20, lambda lead: lead.team_id.name),
            (self.env._("Expected Revenue"), 16, lambda lead: lead.expected_revenue),
            (self.env._("Currency"), 9, lambda lead: lead.company_currency.name),
            (self.env._("Probability (%)"), 12, lambda lead: lead.probability),
            (self.env._("Weighted Amount"), 16, lambda lead: lead.prorated_revenue),
            (self.env._("Expected Closing"), 14, lambda lead: lead.date_deadline),
            (self.env._("Paused Until"), 14, lambda lead: lead.paused_until),
            (
                self.env._("Primary Demand"),
                40,
                lambda lead: "; ".join(
                    f"{line.name} × {line.quantity:g}" for line in lead.demand_ids
                ),
            ),
            (self.env._("Created On"), 14, lambda lead: lead.create_date.date()),
        ]

    def generate_xlsx_report(self, workbook, data, wizards):
        wizard = wizards.ensure_one()
        # Searched as the user: a salesperson exports only the deals they may read.
        leads = self.env["crm.lead"].search(
            wizard._medcrm_domain(), order="deal_kind_id, stage_id, expected_revenue desc, id"
        )
        sheet = workbook.add_worksheet(self.env._("Pipeline"))
        bold = workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
        money = workbook.add_format({"num_format": "#,##0.00"})
        date = workbook.add_format({"num_format": "yyyy-mm-dd"})
        columns = self._medcrm_columns()
        for col, (title, width, _getter) in enumerate(columns):
            sheet.write_string(0, col, title, bold)
            sheet.set_column(col, col, width)
        for row, lead in enumerate(leads, start=1):
            for col, (_title, _width, getter) in enumerate(columns):
                value = getter(lead)
                if isinstance(value, float):
                    cell_format = money
                elif isinstance(value, datetime.date):
                    cell_format = date
                else:
                    cell_format = None
                self._medcrm_write(sheet, row, col, value, cell_format)
        sheet.freeze_panes(1, 0)
        if leads:
            sheet.autofilter(0, 0, len(leads), len(columns) - 1)
