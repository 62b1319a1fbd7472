import base64
import datetime
import io

import xlsxwriter

from odoo import fields, models


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
    file = fields.Binary(readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    def _medcrm_domain(self):
        domain = [("type", "=", "opportunity"), ("active", "=", True)]
        if self.deal_kind_ids:
            domain.append(("deal_kind_id", "in", self.deal_kind_ids.ids))
        if self.user_ids:
            domain.append(("user_id", "in", self.user_ids.ids))
        if not self.include_paused:
            domain.append(("is_paused", "=", False))
        return domain

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

    def _medcrm_render_xlsx(self, leads):
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(self.env._("Pipeline"))
        bold = workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
        money = workbook.add_format({"num_format": "#,##0.00"})
        date = workbook.add_format({"num_format": "yyyy-mm-dd"})
        columns = self._medcrm_columns()
        for col, (title, width, _getter) in enumerate(columns):
            sheet.write(0, col, title, bold)
            sheet.set_column(col, col, width)
        for row, lead in enumerate(leads, start=1):
            for col, (_title, _width, getter) in enumerate(columns):
                value = getter(lead)
                if value is False or value is None:
                    sheet.write_blank(row, col, None)
                elif isinstance(value, datetime.date):
                    moment = datetime.datetime.combine(value, datetime.time())
                    sheet.write_datetime(row, col, moment, date)
                elif isinstance(value, float):
                    sheet.write_number(row, col, value, money)
                else:
                    sheet.write(row, col, value)
        sheet.freeze_panes(1, 0)
        if leads:
            sheet.autofilter(0, 0, len(leads), len(columns) - 1)
        workbook.close()
        return output.getvalue()

    def action_export(self):
        self.ensure_one()
        leads = self.env["crm.lead"].search(
            self._medcrm_domain(), order="deal_kind_id, stage_id, expected_revenue desc, id"
        )
        content = self._medcrm_render_xlsx(leads)
        file_name = f"pipeline-{fields.Date.to_string(fields.Date.context_today(self))}.xlsx"
        self.write({"file": base64.b64encode(content), "file_name": file_name})
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/?model={self._name}&id={self.id}"
            "&field=file&filename_field=file_name&download=true",
            "target": "self",
        }
