from odoo import fields, models


class MedcrmContractOccurrenceDoneWizard(models.TransientModel):
    _name = "medcrm.contract.occurrence.done.wizard"
    _description = "Mark an Obligation Done with Its Evidence"

    occurrence_id = fields.Many2one(
        "medcrm.contract.occurrence", string="Obligation", required=True, ondelete="cascade"
    )
    term_type_id = fields.Many2one(related="occurrence_id.term_type_id")
    evidence_file = fields.Binary(string="Evidence", required=True)
    evidence_filename = fields.Char()
    result = fields.Text(string="Note")

    def action_confirm(self):
        self.ensure_one()
        occurrence = self.occurrence_id
        values = {
            "evidence_file": self.evidence_file,
            "evidence_filename": self.evidence_filename,
        }
        if self.result:
            values["result"] = self.result
        occurrence.write(values)
        occurrence.action_done()
        return {"type": "ir.actions.act_window_close"}
