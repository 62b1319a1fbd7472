from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Lines typed in the entry form were saved without their question's number (0): number
    them from the question's place in its survey, as new lines are."""
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    lines = env["medcrm.survey.entry.line"].search([("question_number", "=", 0)])
    env.add_to_compute(lines._fields["question_number"], lines)
    lines.flush_recordset(["question_number"])
