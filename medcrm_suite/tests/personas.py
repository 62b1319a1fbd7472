"""The people who use medcrm, written down once (docs/ACCESS.md has the same table).

Every test that acts "as a persona" (the click-everywhere walk, the access table over RPC, the
junk-input fuzz) takes its users from here, so that a persona means the same Odoo groups
everywhere. Each entry: key -> (display name, groups as XML ids). A user gets exactly these
groups (and what they imply); ``password`` is the login, as in ``new_test_user``.
"""

from odoo.tests import new_test_user

PERSONAS = {
    # The Odoo administrator: Settings and every app's manager rights.
    "admin": (
        "Ada Administrator",
        "base.group_system,sales_team.group_sale_manager,"
        "medcrm_service_contract.group_service_manager,stock.group_stock_manager,"
        "survey.group_survey_manager",
    ),
    # Configures deal kinds, gates, rules; NOT an Odoo administrator.
    "crm_manager": ("Mark Manager", "sales_team.group_sale_manager"),
    # Salespeople: all deals, or their own documents only.
    "sales_all": ("Alla All-Deals", "sales_team.group_sale_salesman_all_leads"),
    "sales_own": ("Sam Own-Deals", "sales_team.group_sale_salesman"),
    # Service: engineers do the obligations, the manager (service director) configures them.
    "service_engineer": ("Egor Engineer", "medcrm_service_contract.group_service_user"),
    "service_manager": ("Sveta Service-Manager", "medcrm_service_contract.group_service_manager"),
    # A storekeeper who also works in the CRM with their own documents (fulfillments, deliveries).
    "storekeeper": ("Stas Storekeeper", "stock.group_stock_user,sales_team.group_sale_salesman"),
    # Types paper questionnaires; no CRM rights beyond that.
    "operator": (
        "Olga Operator",
        "base.group_user,medcrm_survey_entry.medcrm_survey_entry_group_operator",
    ),
    # A hospital's contact with portal access.
    "portal": ("Pavel Portal", "base.group_portal"),
}

#: Personas that are internal users (the portal user has no backend).
INTERNAL = tuple(key for key in PERSONAS if key != "portal")


def persona_login(key, prefix="persona"):
    return f"{prefix}_{key}"


def create_personas(env, keys=None, prefix="persona", lang=None, **values):
    """Create one user per persona (``keys``: all by default); returns {key: res.users}.

    ``lang``: the users' language (it must be active). Login and password are
    ``persona_login(key, prefix)``.
    """
    env = env(context=dict(env.context, no_reset_password=True))
    users = {}
    for key in keys or PERSONAS:
        name, groups = PERSONAS[key]
        extra = dict(values)
        if lang:
            extra["lang"] = lang
        users[key] = new_test_user(
            env, login=persona_login(key, prefix), name=name, groups=groups, **extra
        )
    return users
