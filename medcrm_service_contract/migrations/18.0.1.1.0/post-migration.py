from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    # 18.0.1.1.0 shows contract terms only on deals of a kind that uses them: the kinds whose
    # deals already have terms keep showing them.
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["medcrm.deal.kind"]._medcrm_flag_kinds_with_terms()
