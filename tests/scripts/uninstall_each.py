"""Uninstall the given add-ons one after another and report what each uninstall left behind.

Usage: uninstall_each.py CONFIG DATABASE ADDON [ADDON ...]   (addons in a valid uninstall order)
Prints one JSON object per add-on on standard output.
"""

import json
import sys

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry


def owned_schema(env, module):
    """Tables of the models only this module defines, and columns only it adds to other tables."""
    env.cr.execute(
        """
        SELECT m.model
          FROM ir_model m
          JOIN ir_model_data d ON d.model = 'ir.model' AND d.res_id = m.id
         WHERE d.module = %s
           AND NOT EXISTS (SELECT 1 FROM ir_model_data o
                            WHERE o.model = 'ir.model' AND o.res_id = m.id AND o.module != %s)
        """,
        [module, module],
    )
    tables, columns = set(), set()
    for (model,) in env.cr.fetchall():
        if model in env and not env[model]._abstract:
            tables.add(env[model]._table)
    env.cr.execute(
        """
        SELECT f.model, f.name
          FROM ir_model_fields f
          JOIN ir_model_data d ON d.model = 'ir.model.fields' AND d.res_id = f.id
         WHERE d.module = %s AND f.store
           AND NOT EXISTS (SELECT 1 FROM ir_model_data o
                            WHERE o.model = 'ir.model.fields' AND o.res_id = f.id
                              AND o.module != %s)
        """,
        [module, module],
    )
    for model, field in env.cr.fetchall():
        if model in env and env[model]._fields.get(field) and env[model]._fields[field].column_type:
            table = env[model]._table
            if table not in tables:
                columns.add((table, field))
    return tables, columns


def exists(env, table, column=None):
    if column is None:
        env.cr.execute("SELECT to_regclass(%s) IS NOT NULL", [table])
    else:
        env.cr.execute(
            "SELECT count(*) > 0 FROM information_schema.columns "
            "WHERE table_name = %s AND column_name = %s",
            [table, column],
        )
    return env.cr.fetchone()[0]


def core_crm_still_works(env):
    """A salesperson's basic cycle on a plain opportunity, as core CRM offers it."""
    lead = env["crm.lead"].create({"name": "Uninstall check", "type": "opportunity"})
    stages = env["crm.stage"].search([], limit=2)
    if len(stages) == 2:
        lead.stage_id = stages[1]
    lead.action_set_won()
    won = lead.probability == 100
    lead.unlink()
    return won


def main(config, database, modules):
    odoo.tools.config.parse_config(["-c", config, "-d", database, "--log-level=warn"])
    for module in modules:
        registry = Registry(database)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            tables, columns = owned_schema(env, module)
            env["ir.module.module"].search([("name", "=", module)]).button_immediate_uninstall()
        registry = Registry(database)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            state = env["ir.module.module"].search([("name", "=", module)]).state
            cr.execute("SELECT count(*) FROM ir_model_data WHERE module = %s", [module])
            data_left = cr.fetchone()[0]
            report = {
                "module": module,
                "state": state,
                "tables_owned": sorted(tables),
                "tables_left": sorted(t for t in tables if exists(env, t)),
                "columns_owned": sorted(f"{t}.{c}" for t, c in columns),
                "columns_left": sorted(f"{t}.{c}" for t, c in columns if exists(env, t, c)),
                "xml_ids_left": data_left,
                "core_crm_works": core_crm_still_works(env),
            }
            cr.rollback()
        print(json.dumps(report), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
