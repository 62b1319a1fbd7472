from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    _migrate_gate_fields(cr)
    env = api.Environment(cr, SUPERUSER_ID, {})
    _migrate_kind_menus(env)


def _migrate_kind_menus(env):
    """Every kind, not only the demo ones, gets its pipeline menu under CRM > Deals; the demo's
    hand-made menus of its two kinds (demo records, kept by the update) would double them."""
    for xmlid in (
        "medcrm_deals.crm_lead_menu_medcrm_equipment",
        "medcrm_deals.crm_lead_menu_medcrm_service",
        "medcrm_deals.crm_lead_action_medcrm_equipment",
        "medcrm_deals.crm_lead_action_medcrm_service",
    ):
        record = env.ref(xmlid, raise_if_not_found=False)
        if record:
            record.unlink()
    env["medcrm.deal.kind"].with_context(active_test=False).search([])._medcrm_sync_menus()


def _migrate_gate_fields(cr):
    """Stage gates: the former "Field" selection (one crm.lead field name) becomes the "Fields"
    many2many to ir.model.fields. A gate whose field no longer exists is archived (it could not
    be checked), then the old column is dropped."""
    cr.execute(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_name = 'medcrm_stage_gate' AND column_name = 'field_name'"
    )
    if not cr.fetchone():
        return
    cr.execute(
        """
        INSERT INTO medcrm_stage_gate_field_rel (gate_id, field_id)
             SELECT gate.id, field.id
               FROM medcrm_stage_gate gate
               JOIN ir_model_fields field
                 ON field.model = 'crm.lead' AND field.name = gate.field_name
              WHERE gate.field_name IS NOT NULL
        ON CONFLICT DO NOTHING
        """
    )
    cr.execute(
        """
        UPDATE medcrm_stage_gate gate
           SET active = FALSE
         WHERE gate.requirement = 'field'
           AND NOT EXISTS (
               SELECT 1 FROM medcrm_stage_gate_field_rel rel WHERE rel.gate_id = gate.id
           )
        """
    )
    cr.execute("ALTER TABLE medcrm_stage_gate DROP COLUMN field_name")
