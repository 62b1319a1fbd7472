from odoo import fields, models


class MedcrmContractTermDate(models.Model):
    _name = "medcrm.contract.term.date"
    _description = "Contract Term Fixed Date"
    _order = "date, id"

    term_id = fields.Many2one("medcrm.contract.term", required=True, ondelete="cascade", index=True)
    date = fields.Date(required=True)
    company_id = fields.Many2one(related="term_id.company_id", store=True)

    _sql_constraints = [
        (
            "term_date_uniq",
            "UNIQUE(term_id, date)",
            "The same fixed date is listed twice on a contract term: remove the duplicate.",
        ),
    ]
