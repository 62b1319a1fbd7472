"""Print, as JSON, what the medcrm add-ons hold in a database: the record count of every model
they define or extend (archived records included) and key field values of their records.

Usage: medcrm_snapshot.py CONFIG DATABASE ADDONS_PATH
(ADDONS_PATH: the code the database is loaded with, e.g. an older release before an upgrade.)
"""

import json
import sys

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry

# Key values per model: fields whose value must survive an upgrade unchanged.
KEY_FIELDS = {
    "crm.lead": ["name", "deal_kind_id", "stage_id", "partner_id", "is_paused"],
    "medcrm.deal.kind": ["code", "stage_ids"],
    "medcrm.deal.participant": ["lead_id", "partner_id", "role_id"],
    "medcrm.task": ["name", "state", "user_id", "lead_id"],
    "medcrm.interaction": ["name", "state", "lead_id"],
    "medcrm.contract.term": ["lead_id", "term_type_id", "state"],
    "medcrm.contract.occurrence": ["term_id", "date_due", "state"],
    "medcrm.fulfillment": ["lead_id", "end_partner_id", "end_address_id"],
    "medcrm.fulfillment.unit": ["lot_id", "end_partner_id", "end_address_id", "state"],
    "medcrm.notify.rule": ["name", "event_code", "active"],
    "medcrm.survey.entry": ["survey_id", "partner_id", "state"],
}


def value(record, name):
    raw = record[name]
    field = record._fields[name]
    if field.type == "many2one":
        return raw.id or None
    if field.type in ("one2many", "many2many"):
        return sorted(raw.ids)
    if field.type in ("date", "datetime"):
        return str(raw) if raw else None
    return raw


def main(config, database, addons_path):
    odoo.tools.config.parse_config(
        ["-c", config, "-d", database, f"--addons-path={addons_path}", "--log-level=warn"]
    )
    registry = Registry(database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
        cr.execute(
            """
            SELECT DISTINCT m.model
              FROM ir_model m
              JOIN ir_model_data d ON d.model = 'ir.model' AND d.res_id = m.id
             WHERE d.module LIKE 'medcrm%%'
            UNION
            SELECT DISTINCT f.model
              FROM ir_model_fields f
              JOIN ir_model_data d ON d.model = 'ir.model.fields' AND d.res_id = f.id
             WHERE d.module LIKE 'medcrm%%' AND f.store
            """
        )
        models = sorted(
            model
            for (model,) in cr.fetchall()
            if model in env and not env[model]._abstract and not env[model]._transient
        )
        counts = {model: env[model].search_count([]) for model in models}
        values = {}
        for model, names in KEY_FIELDS.items():
            if model not in env:
                continue
            names = [name for name in names if name in env[model]._fields]
            records = env[model].search([], order="id")
            values[model] = {
                str(record.id): {name: value(record, name) for name in names} for record in records
            }
        cr.execute(
            "SELECT name, latest_version, state FROM ir_module_module WHERE name LIKE 'medcrm%%'"
        )
        modules = {
            name: {"version": version, "state": state} for name, version, state in cr.fetchall()
        }
    print(json.dumps({"counts": counts, "values": values, "modules": modules}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
