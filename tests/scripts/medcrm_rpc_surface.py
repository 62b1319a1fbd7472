"""Print, as JSON, what the medcrm add-ons expose over RPC: every model they define or extend
(found from the classes of the registry), its public methods written in medcrm code (with their
parameters) and the fields medcrm adds, with what each field expects.

Usage: medcrm_rpc_surface.py CONFIG DATABASE

A public method is one RPC may call: a function whose name does not start with "_" and that
Odoo does not mark private. ``create`` and ``write`` are fuzzed field by field instead; ``init``
(a schema hook Odoo calls at install) and ``unlink`` (deleting is not a type check) are left out.
"""

import inspect
import json
import sys

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry

SKIPPED_METHODS = {"init", "unlink", "create", "write"}
MAGIC_FIELDS = {"id", "create_uid", "create_date", "write_uid", "write_date", "display_name"}


def is_medcrm(cls):
    """A class written in medcrm code; its extension of ``base`` (the type checks every model's
    create and write get) does not make every model a medcrm one."""
    return cls.__module__.startswith("odoo.addons.medcrm_") and "base" not in (
        cls._name,
        cls._inherit,
    )


def public_methods(model):
    cls = type(model)
    found = {}
    for klass in cls.__mro__:
        if not is_medcrm(klass):
            continue
        for name, member in vars(klass).items():
            if name.startswith("_") or name in SKIPPED_METHODS or name in found:
                continue
            if not inspect.isfunction(member):
                continue
            if getattr(getattr(cls, name), "_api_private", False):
                continue
            params = [
                {"name": p.name, "required": p.default is inspect.Parameter.empty}
                for p in list(inspect.signature(member).parameters.values())[1:]
                if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
            ]
            found[name] = {
                "params": params,
                "model_api": getattr(getattr(cls, name), "_api", None) in ("model", "model_create"),
                "defined_in": klass.__module__,
            }
    return found


def fuzzed_fields(model):
    result = {}
    for name, field in model._fields.items():
        if name in MAGIC_FIELDS or not (field._module or "").startswith("medcrm"):
            continue
        if not field.store and not field.inverse:
            continue
        if field.type in ("binary", "image", "json", "properties", "properties_definition"):
            continue
        result[name] = {
            "type": field.type,
            "string": field.string,
            "relation": field.comodel_name,
            "selection": (
                [key for key, _label in field.selection]
                if field.type == "selection" and isinstance(field.selection, list)
                else None
            ),
        }
    return result


def main(config, database):
    odoo.tools.config.parse_config(["-c", config, "-d", database, "--log-level=warn"])
    registry = Registry(database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        surface = {}
        for model_name in sorted(registry):
            model = env[model_name]
            if model._abstract or not any(is_medcrm(klass) for klass in type(model).__mro__):
                continue
            surface[model_name] = {
                "table": model._table,
                "transient": model._transient,
                # SQL views (reports): nothing to create or write
                "auto": model._auto,
                "ours": (model._original_module or "").startswith("medcrm"),
                "methods": public_methods(model),
                "fields": fuzzed_fields(model),
            }
    json.dump(surface, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main(*sys.argv[1:3])
