"""Create the personas (medcrm_suite/tests/personas.py) and a colleague of the own-documents
salesperson in a database, and print, as JSON, their logins and the models medcrm defines.

Usage: access_personas.py CONFIG DATABASE
"""

import json
import sys

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry


def main(config, database):
    odoo.tools.config.parse_config(["-c", config, "-d", database, "--log-level=warn"])
    # importable once the configuration gave the add-ons path
    from odoo.addons.medcrm_suite.tests.personas import create_personas, persona_login

    registry = Registry(database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        users = create_personas(env, prefix="access")
        # a second own-documents salesperson: the owner of "a colleague's deal"
        users["colleague"] = create_personas(env, keys=["sales_own"], prefix="colleague")[
            "sales_own"
        ]
        cr.execute(
            """
            SELECT DISTINCT m.model
              FROM ir_model m
              JOIN ir_model_data d ON d.model = 'ir.model' AND d.res_id = m.id
             WHERE d.module LIKE 'medcrm%%'
            """
        )
        models = sorted(
            model for (model,) in cr.fetchall() if model in env and not env[model]._abstract
        )
        logins = {key: persona_login(key, "access") for key in users if key != "colleague"}
        logins["colleague"] = persona_login("sales_own", "colleague")
        result = {
            "users": {key: {"id": user.id, "login": logins[key]} for key, user in users.items()},
            "models": {model: env[model]._transient for model in models},
        }
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
