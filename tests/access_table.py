"""Who may read, create, write and delete what in medcrm: the access table, written down once.

This file is the single source: ``docs/ACCESS.md`` is generated from it (``python3
tests/access_table.py > docs/ACCESS.md``; tests/test_access_table.py fails when the document
is out of date) and tests/test_access_table.py checks every cell over XML-RPC, as each persona
of ``medcrm_suite/tests/personas.py``, on a real server.

A cell is one of LEVELS, for the records of one model:

- ``none``: refused (no access right, or no record the persona may touch);
- ``own``: the records that are the persona's own (their deals, the tasks they are assigned or
  set, the notes they wrote, the sheets they typed...), see each model's ``mine``;
- ``deals``: the records of the deals the persona may read (their own and unassigned deals);
- ``all``: every record (of the companies they work in).

The checks: ``own`` and ``deals`` mean "a record of the persona's own deal, yes; one of a
colleague's deal, no"; ``all`` means both; ``none`` neither.
"""

NONE, OWN, DEALS, ALL = "none", "own", "deals", "all"
LEVELS = (NONE, OWN, DEALS, ALL)
OPERATIONS = ("read", "create", "write", "unlink")
PERSONA_ORDER = (
    "admin",
    "crm_manager",
    "sales_all",
    "sales_own",
    "service_engineer",
    "service_manager",
    "storekeeper",
    "operator",
    "portal",
)


def row(read, create=NONE, write=NONE, unlink=NONE):
    return (read, create, write, unlink)


R_ALL = row(ALL)
CRUD_ALL = row(ALL, ALL, ALL, ALL)
NOTHING = row(NONE)


def config(managers, readers, why):
    """A configuration model: ``managers`` change it, ``readers`` read it, nobody else."""
    cells = {}
    for persona in PERSONA_ORDER:
        if persona in managers:
            cells[persona] = CRUD_ALL
        elif persona in readers:
            cells[persona] = R_ALL
        else:
            cells[persona] = NOTHING
    return {"kind": "config", "cells": cells, "why": why}


SALES = ("sales_all", "sales_own", "service_engineer", "service_manager", "storekeeper")
CRM_MANAGERS = ("admin", "crm_manager")

CONFIG_WHY = {
    "admin": "Odoo administrator is also Sales / Administrator: configures everything.",
    "crm_manager": "Sales / Administrator: configuring deal kinds, stages, gates and "
    "dictionaries is this manager's job.",
    "sales": "Every CRM user reads the dictionaries their deal cards pick from.",
    "operator": "No CRM rights: a questionnaire operator never opens a deal card.",
    "portal": "Portal users have no backend.",
}

MODELS = {
    # ------------------------------------------------------------------ configuration
    model: dict(config(CRM_MANAGERS, SALES, CONFIG_WHY), addon="medcrm_deals", title=title)
    for model, title in (
        ("medcrm.deal.kind", "Deal kind"),
        ("medcrm.deal.kind.stage", "Stage of a kind"),
        ("medcrm.sales.channel", "Sales channel"),
        ("medcrm.participant.role", "Participant role"),
        ("medcrm.document.type", "Document type"),
        ("medcrm.stage.gate", "Stage gate"),
        ("medcrm.interaction.type", "Interaction type"),
    )
}
MODELS.update(
    {
        "medcrm.contract.term.type": dict(
            config(
                ("admin", "service_manager"),
                ("crm_manager", *SALES),
                dict(
                    CONFIG_WHY,
                    admin="Odoo administrator is also Service Manager.",
                    crm_manager="Reads the term types of the contracts they sell; service "
                    "configuration is the service director's.",
                    service_manager="Service Manager (service director): configures term types.",
                ),
            ),
            addon="medcrm_service_contract",
            title="Contract term type",
        ),
        "medcrm.notify.rule": dict(
            config(
                CRM_MANAGERS,
                SALES,
                dict(
                    CONFIG_WHY,
                    sales="Salespeople read the rules, to know why they were notified.",
                ),
            ),
            addon="medcrm_notify",
            title="Notification rule",
        ),
        # ------------------------------------------------------------------ deals and their lines
        "crm.lead": {
            "kind": "deal",
            "addon": "crm (extended by every medcrm add-on)",
            "title": "Deal",
            "mine": "their deals (salesperson) and unassigned ones",
            "cells": {
                "admin": row(ALL, ALL, ALL, ALL),
                "crm_manager": row(ALL, ALL, ALL, ALL),
                "sales_all": row(ALL, ALL, ALL, NONE),
                "sales_own": row(OWN, OWN, OWN, NONE),
                "service_engineer": row(ALL, ALL, ALL, NONE),
                "service_manager": row(ALL, ALL, ALL, NONE),
                "storekeeper": row(OWN, OWN, OWN, NONE),
                "operator": NOTHING,
                "portal": NOTHING,
            },
            "why": {
                "admin": "Sales / Administrator: every deal.",
                "crm_manager": "Sales / Administrator: every deal, and deletes them.",
                "sales_all": "Sales / All Documents: works on every deal; only managers delete.",
                "sales_own": "Sales / Own Documents Only (Odoo's crm rules): own and "
                "unassigned deals.",
                "service_engineer": "Service users see all deals: they plan visits for "
                "every contract.",
                "service_manager": "As the service engineer.",
                "storekeeper": "A salesperson with own documents who also works in the warehouse.",
                "operator": "No CRM rights.",
                "portal": "Portal users have no backend.",
            },
        },
    }
)

# The lines of a deal: participants, primary demand, documents follow the deal exactly.
_DEAL_LINE_CELLS = {
    "admin": CRUD_ALL,
    "crm_manager": CRUD_ALL,
    "sales_all": CRUD_ALL,
    "sales_own": row(DEALS, DEALS, DEALS, DEALS),
    "service_engineer": CRUD_ALL,
    "service_manager": CRUD_ALL,
    "storekeeper": row(DEALS, DEALS, DEALS, DEALS),
    "operator": NOTHING,
    "portal": NOTHING,
}
_DEAL_LINE_WHY = {
    "admin": "Part of the deal card: as the deal.",
    "crm_manager": "Part of the deal card: as the deal.",
    "sales_all": "Part of the deal card: as the deal.",
    "sales_own": "Part of the deal card: only on the deals they may read.",
    "service_engineer": "Sees all deals.",
    "service_manager": "Sees all deals.",
    "storekeeper": "As an own-documents salesperson.",
    "operator": "No CRM rights.",
    "portal": "Portal users have no backend.",
}
for _model, _title in (
    ("medcrm.deal.participant", "Deal participant"),
    ("medcrm.deal.demand", "Primary demand line"),
    ("medcrm.deal.document", "Deal document"),
):
    MODELS[_model] = {
        "kind": "deal_line",
        "addon": "medcrm_deals",
        "title": _title,
        "mine": "lines of their deals",
        "cells": dict(_DEAL_LINE_CELLS),
        "why": dict(_DEAL_LINE_WHY),
    }

# What the system records about a deal: read as the deal, written by nobody.
_DEAL_LOG_CELLS = {
    "admin": R_ALL,
    "crm_manager": R_ALL,
    "sales_all": R_ALL,
    "sales_own": row(DEALS),
    "service_engineer": R_ALL,
    "service_manager": R_ALL,
    "storekeeper": row(DEALS),
    "operator": NOTHING,
    "portal": NOTHING,
}
_DEAL_LOG_WHY = dict(
    _DEAL_LINE_WHY,
    admin="A record the system keeps: read as the deal, changed by nobody.",
    crm_manager="A record the system keeps: read as the deal, changed by nobody.",
    sales_all="Read as the deal.",
    sales_own="Read as the deal: only of the deals they may read.",
)
for _model, _title in (
    ("medcrm.deal.stage.history", "Stage history"),
    ("medcrm.deal.pause", "Deal pause"),
    ("medcrm.deal.stage.time.report", "Time in stage (report)"),
):
    MODELS[_model] = {
        "kind": "deal_log",
        "addon": "medcrm_deals",
        "title": _title,
        "mine": "those of their deals",
        "cells": dict(_DEAL_LOG_CELLS),
        "why": dict(_DEAL_LOG_WHY),
    }

MODELS["medcrm.task"] = {
    "kind": "deal_line",
    "addon": "medcrm_deals",
    "title": "Deal task",
    "mine": "tasks they are assigned or set, or on their deals",
    "cells": {
        "admin": CRUD_ALL,
        "crm_manager": CRUD_ALL,
        "sales_all": row(OWN, ALL, OWN, NONE),
        "sales_own": row(OWN, DEALS, OWN, NONE),
        "service_engineer": row(OWN, ALL, OWN, NONE),
        "service_manager": row(OWN, ALL, OWN, NONE),
        "storekeeper": row(OWN, DEALS, OWN, NONE),
        "operator": NOTHING,
        "portal": NOTHING,
    },
    "why": {
        "admin": "Sales / Administrator: every task.",
        "crm_manager": "Sales / Administrator sees, and may cancel or delete, every task.",
        "sales_all": "Tasks are between colleagues: the assignee, the author and the deal's "
        "salesperson see one, even with all deals (a deal's tasks are on its card).",
        "sales_own": "Same; a task is set only on a deal they may read (it shows the deal's "
        "name and customer). The assignee of a colleague's task sees that deal's name and "
        "customer on it: the colleague shared them by assigning the task.",
        "service_engineer": "As a salesperson.",
        "service_manager": "As a salesperson.",
        "storekeeper": "As a salesperson.",
        "operator": "No CRM rights.",
        "portal": "Portal users have no backend.",
    },
}
MODELS["medcrm.task.transition"] = {
    "kind": "deal_log",
    "addon": "medcrm_deals",
    "title": "Task transition",
    "mine": "those of the tasks they see",
    "cells": {
        "admin": R_ALL,
        "crm_manager": R_ALL,
        "sales_all": row(OWN),
        "sales_own": row(OWN),
        "service_engineer": row(OWN),
        "service_manager": row(OWN),
        "storekeeper": row(OWN),
        "operator": NOTHING,
        "portal": NOTHING,
    },
    "why": {
        "admin": "The history of a task: read as the task, written by its buttons only.",
        "crm_manager": "As the task.",
        "sales_all": "As the task.",
        "sales_own": "As the task.",
        "service_engineer": "As the task.",
        "service_manager": "As the task.",
        "storekeeper": "As the task.",
        "operator": "No CRM rights.",
        "portal": "Portal users have no backend.",
    },
}
MODELS["medcrm.interaction"] = {
    "kind": "deal_line",
    "addon": "medcrm_deals",
    "title": "Interaction",
    "mine": "their own, and those of their deals",
    "cells": {
        "admin": CRUD_ALL,
        "crm_manager": CRUD_ALL,
        "sales_all": CRUD_ALL,
        "sales_own": row(DEALS, DEALS, DEALS, DEALS),
        "service_engineer": CRUD_ALL,
        "service_manager": CRUD_ALL,
        "storekeeper": row(DEALS, DEALS, DEALS, DEALS),
        "operator": NOTHING,
        "portal": NOTHING,
    },
    "why": dict(
        _DEAL_LINE_WHY,
        sales_own="Their own calls and meetings, and those of the deals they may read; "
        "logged only on such a deal (it shows the deal's customer).",
    ),
}
MODELS["medcrm.private.note"] = {
    "kind": "deal_line",
    "addon": "medcrm_deals",
    "title": "Private note",
    "mine": "the notes they wrote",
    "cells": {
        "admin": row(OWN, ALL, OWN, OWN),
        "crm_manager": row(OWN, ALL, OWN, OWN),
        "sales_all": row(OWN, ALL, OWN, OWN),
        "sales_own": row(OWN, DEALS, OWN, OWN),
        "service_engineer": row(OWN, ALL, OWN, OWN),
        "service_manager": row(OWN, ALL, OWN, OWN),
        "storekeeper": row(OWN, DEALS, OWN, OWN),
        "operator": NOTHING,
        "portal": NOTHING,
    },
    "why": {
        "admin": "A note to oneself: nobody else reads it, not even the administrator.",
        "crm_manager": "A note to oneself: not even the manager reads it.",
        "sales_all": "A note to oneself, on a deal they may read.",
        "sales_own": "A note to oneself, only on a deal they may read (it shows the deal).",
        "service_engineer": "A note to oneself.",
        "service_manager": "A note to oneself.",
        "storekeeper": "A note to oneself.",
        "operator": "No CRM rights.",
        "portal": "Portal users have no backend.",
    },
}

# ---------------------------------------------------------------------- service contracts
_CONTRACT_READ_WHY = {
    "admin": "Service Manager: every contract, and edits every term.",
    "crm_manager": "Sees all deals, so every contract; changing terms is the service's job.",
    "sales_all": "Sees all deals, so every contract; changing terms is the service's job.",
    "sales_own": "Only the contracts of the deals they may read: a colleague's contract tells "
    "its customer, service prices and serial numbers.",
    "service_engineer": "Engineers plan visits for every contract: they read all terms, add "
    "terms and change those they are responsible for.",
    "service_manager": "The service director: every term and obligation.",
    "storekeeper": "As an own-documents salesperson.",
    "operator": "No CRM rights.",
    "portal": "Portal users have no backend.",
}
MODELS["medcrm.contract.term"] = {
    "kind": "deal_line",
    "addon": "medcrm_service_contract",
    "title": "Contract term",
    "mine": "terms of their deals; for service users, the terms they are responsible for",
    "cells": {
        "admin": CRUD_ALL,
        "crm_manager": R_ALL,
        "sales_all": R_ALL,
        "sales_own": row(DEALS),
        "service_engineer": row(ALL, OWN, OWN, NONE),
        "service_manager": CRUD_ALL,
        "storekeeper": row(DEALS),
        "operator": NOTHING,
        "portal": NOTHING,
    },
    "why": _CONTRACT_READ_WHY,
}
MODELS["medcrm.contract.occurrence"] = {
    "kind": "deal_line",
    "addon": "medcrm_service_contract",
    "title": "Service obligation",
    "mine": "obligations of their deals; for service users, those they are responsible for",
    "cells": {
        "admin": CRUD_ALL,
        "crm_manager": R_ALL,
        "sales_all": R_ALL,
        "sales_own": row(DEALS),
        "service_engineer": row(ALL, OWN, OWN, NONE),
        "service_manager": CRUD_ALL,
        "storekeeper": row(DEALS),
        "operator": NOTHING,
        "portal": NOTHING,
    },
    "why": dict(
        _CONTRACT_READ_WHY,
        service_engineer="Engineers read every obligation and mark done those they are "
        "responsible for.",
    ),
}

# ---------------------------------------------------------------------- notifications
MODELS["medcrm.notify.log"] = {
    "kind": "notify_log",
    "addon": "medcrm_notify",
    "title": "Notification log",
    "mine": "notifications delivered to them (never those withheld because they may not "
    "read the record)",
    "cells": {
        "admin": R_ALL,
        "crm_manager": R_ALL,
        "sales_all": row(OWN),
        "sales_own": row(OWN),
        "service_engineer": row(OWN),
        "service_manager": row(OWN),
        "storekeeper": row(OWN),
        "operator": NOTHING,
        "portal": NOTHING,
    },
    "why": {
        "admin": "Sales / Administrator audits every notification; the system writes the log.",
        "crm_manager": "Audits every notification.",
        "sales_all": "What was delivered to them; a withheld or pending row would show a "
        "record's name and the event's details before the access check.",
        "sales_own": "Same: a notification about a colleague's deal is withheld and not listed.",
        "service_engineer": "What was delivered to them.",
        "service_manager": "What was delivered to them.",
        "storekeeper": "What was delivered to them.",
        "operator": "No CRM rights.",
        "portal": "Portal users have no backend.",
    },
}

# ---------------------------------------------------------------------- questionnaires
MODELS["medcrm.survey.entry"] = {
    "kind": "deal_line",
    "addon": "medcrm_survey_entry",
    "title": "Questionnaire entry",
    "mine": "sheets they typed; for salespeople also those of their deals",
    "cells": {
        "admin": CRUD_ALL,
        "crm_manager": CRUD_ALL,
        "sales_all": CRUD_ALL,
        "sales_own": row(DEALS, DEALS, DEALS, DEALS),
        "service_engineer": CRUD_ALL,
        "service_manager": CRUD_ALL,
        "storekeeper": row(DEALS, DEALS, DEALS, DEALS),
        "operator": row(OWN, NONE, OWN, OWN),
        "portal": NOTHING,
    },
    "why": {
        "admin": "Survey manager: every sheet.",
        "crm_manager": "Sees all deals: every sheet.",
        "sales_all": "Sees all deals: every sheet.",
        "sales_own": "The sheets they typed and those of the deals they may read; a sheet is "
        "linked only to such a deal (it shows the deal's name and customer).",
        "service_engineer": "Sees all deals: every sheet.",
        "service_manager": "Sees all deals: every sheet.",
        "storekeeper": "As an own-documents salesperson.",
        "operator": "Types sheets (without a deal: they may not read deals) and reads what "
        "they typed, and sheets waiting for their second entry.",
        "portal": "Portal users have no backend.",
    },
}


# ---------------------------------------------------------------------- lines checked on rights
MODELS["medcrm.contract.term.date"] = {
    "kind": "deal_log",
    "addon": "medcrm_service_contract",
    "title": "Fixed date of a contract term",
    "mine": "dates of the terms of their deals",
    "acl_only": ("create", "write", "unlink"),
    "cells": {
        "admin": CRUD_ALL,
        "crm_manager": R_ALL,
        "sales_all": R_ALL,
        "sales_own": row(DEALS),
        "service_engineer": row(ALL, OWN, OWN, OWN),
        "service_manager": CRUD_ALL,
        "storekeeper": row(DEALS),
        "operator": NOTHING,
        "portal": NOTHING,
    },
    "why": dict(
        _CONTRACT_READ_WHY,
        service_engineer="Part of a term: engineers change the dates of the terms they are "
        "responsible for.",
    ),
}
MODELS["medcrm.survey.entry.line"] = {
    "kind": "deal_log",
    "addon": "medcrm_survey_entry",
    "title": "Answer of a questionnaire entry",
    "mine": "answers of the sheets they may read",
    "acl_only": ("create", "write", "unlink"),
    "cells": {
        "admin": CRUD_ALL,
        "crm_manager": CRUD_ALL,
        "sales_all": CRUD_ALL,
        "sales_own": row(DEALS, DEALS, DEALS, DEALS),
        "service_engineer": CRUD_ALL,
        "service_manager": CRUD_ALL,
        "storekeeper": row(DEALS, DEALS, DEALS, DEALS),
        "operator": row(OWN, OWN, OWN, OWN),
        "portal": NOTHING,
    },
    "why": {
        key: "Part of the sheet: as the sheet." if key != "portal" else "No backend."
        for key in PERSONA_ORDER
    },
}
MODELS["medcrm.fulfillment"] = {
    "kind": "deal_log",
    "addon": "medcrm_fulfillment",
    "title": "Fulfillment of a won deal",
    "mine": "those of their deals",
    "acl_only": ("create", "write", "unlink"),
    "cells": {
        "admin": CRUD_ALL,
        "crm_manager": CRUD_ALL,
        "sales_all": row(ALL, ALL, ALL, NONE),
        "sales_own": row(DEALS, DEALS, DEALS, NONE),
        "service_engineer": row(ALL, ALL, ALL, NONE),
        "service_manager": row(ALL, ALL, ALL, NONE),
        "storekeeper": row(ALL, DEALS, DEALS, NONE),
        "operator": NOTHING,
        "portal": NOTHING,
    },
    "why": {
        "admin": "Sales / Administrator.",
        "crm_manager": "Sales / Administrator: also deletes.",
        "sales_all": "Follows the deal; only managers delete.",
        "sales_own": "Follows the deal: those of their own deals.",
        "service_engineer": "Sees all deals.",
        "service_manager": "Sees all deals.",
        "storekeeper": "Warehouse users ship every fulfillment: they read all (with the "
        "deal's name and customer on each), and change those of their own deals as "
        "salespeople.",
        "operator": "No CRM rights.",
        "portal": "No backend.",
    },
}

# ---------------------------------------------------------------------- wizards
# Transient: each user sees only the wizards they opened (Odoo's rule for transient models);
# the cells say who may open one. Checked on the model's rights.
_SALES_WIZARD = {
    key: row(OWN, OWN, OWN, NONE)
    for key in ("admin", "crm_manager", "sales_all", "sales_own", "service_engineer")
}
for _key in ("service_manager", "storekeeper"):
    _SALES_WIZARD[_key] = row(OWN, OWN, OWN, NONE)
_SALES_WIZARD.update(operator=NOTHING, portal=NOTHING)
_MANAGER_WIZARD = {key: NOTHING for key in PERSONA_ORDER}
_MANAGER_WIZARD.update(admin=row(OWN, OWN, OWN, NONE), crm_manager=row(OWN, OWN, OWN, NONE))
_WIZARD_WHY = {
    "sales": "A step of a salesperson's work on their deals (the deal's own rights apply).",
    "operator": "No CRM rights.",
    "portal": "No backend.",
}
for _model, _addon, _title, _cells, _why in (
    ("medcrm.deal.pause.wizard", "medcrm_deals", "Pause deals (wizard)", _SALES_WIZARD, {}),
    (
        "medcrm.deal.stage.move.wizard",
        "medcrm_deals",
        "Move a deal past its gates (wizard)",
        _MANAGER_WIZARD,
        {"sales": "Overriding the stage gates is for Sales / Administrator only."},
    ),
    (
        "medcrm.pipeline.export.wizard",
        "medcrm_deals",
        "Pipeline export (wizard)",
        _SALES_WIZARD,
        {"sales": "Exports the deals the user may read."},
    ),
    ("medcrm.task.transition.wizard", "medcrm_deals", "Task step (wizard)", _SALES_WIZARD, {}),
    (
        "medcrm.contract.occurrence.done.wizard",
        "medcrm_service_contract",
        "Mark an obligation done with its evidence (wizard)",
        {
            **{key: NOTHING for key in PERSONA_ORDER},
            **{
                key: row(OWN, OWN, OWN, NONE)
                for key in ("admin", "service_engineer", "service_manager")
            },
        },
        {"sales": "Marking obligations done is the service team's (Service User and up)."},
    ),
    (
        "medcrm.notify.rule.preview",
        "medcrm_notify",
        "Notification rule preview (wizard)",
        {k: (row(OWN, OWN, OWN, OWN) if c != NOTHING else c) for k, c in _MANAGER_WIZARD.items()},
        {"sales": "Previewing rules is for those who write them (Sales / Administrator)."},
    ),
):
    MODELS[_model] = {
        "kind": "wizard",
        "addon": _addon,
        "title": _title,
        "cells": dict(_cells),
        "why": dict(_WIZARD_WHY, **_why),
    }
_STOCK_WIZARD = {
    key: row(OWN, OWN, OWN, OWN) for key in PERSONA_ORDER if key not in ("operator", "portal")
}
_STOCK_WIZARD.update(operator=NOTHING, portal=NOTHING)
for _model, _title in (
    ("medcrm.fulfillment.relocate", "Relocate installed units (wizard)"),
    ("medcrm.recall.lookup", "Recall lookup (wizard)"),
    ("medcrm.recall.lookup.line", "Recall lookup line (wizard)"),
):
    MODELS[_model] = {
        "kind": "wizard",
        "addon": "medcrm_fulfillment",
        "title": _title,
        "cells": dict(_STOCK_WIZARD),
        "why": dict(
            _WIZARD_WHY,
            sales="Salespeople and warehouse users; the lookup shows only units they may read.",
        ),
    }


# ---------------------------------------------------------------------- checked on rights only
# Models whose records need a warehouse or the portal to exist (installed units, orders,
# deliveries, serials, survey answers): every cell is checked on the model's access rights
# (may the persona do this at all); their record rules are Odoo's own or follow the deal.
_ACL = ("read", "create", "write", "unlink")
_SALES_ORDER_LIKE = {
    "admin": CRUD_ALL,
    "crm_manager": CRUD_ALL,
    "sales_all": row(ALL, ALL, ALL, NONE),
    "sales_own": row(OWN, OWN, OWN, NONE),
    "service_engineer": row(ALL, ALL, ALL, NONE),
    "service_manager": row(ALL, ALL, ALL, NONE),
    "storekeeper": row(OWN, OWN, OWN, NONE),
    "operator": NOTHING,
    "portal": row(OWN),
}
for _model, _addon, _title, _cells, _why in (
    (
        "medcrm.fulfillment.unit",
        "medcrm_fulfillment",
        "Installed unit",
        {
            **{key: row(ALL) for key in PERSONA_ORDER},
            "sales_own": row(DEALS),
            "storekeeper": row(ALL),
            "operator": NOTHING,
            "portal": NOTHING,
        },
        {
            "sales": "Made by deliveries: read as the deal (own-documents salespeople: their "
            "deals'); warehouse users read all.",
            "operator": "No CRM rights.",
            "portal": "No backend.",
        },
    ),
    (
        "medcrm.fulfillment.unit.location",
        "medcrm_fulfillment",
        "Where an installed unit was",
        {
            **{key: row(ALL) for key in PERSONA_ORDER},
            "sales_own": row(DEALS),
            "operator": NOTHING,
            "portal": NOTHING,
        },
        {
            "sales": "The history of an installed unit: as the unit.",
            "operator": "No CRM rights.",
            "portal": "No backend.",
        },
    ),
    (
        "sale.order",
        "sale (linked to deals by medcrm_fulfillment)",
        "Sale order",
        _SALES_ORDER_LIKE,
        {
            "sales": "Odoo's sale rules: own documents or all, as for deals.",
            "admin": "Sales / Administrator.",
            "crm_manager": "Sales / Administrator.",
            "operator": "No sales rights.",
            "portal": "Odoo's portal: the orders of their own company, read only.",
        },
    ),
):
    MODELS[_model] = {
        "kind": "acl",
        "addon": _addon,
        "title": _title,
        "acl_only": _ACL,
        "cells": dict(_cells),
        "why": dict(_why),
    }


# ---------------------------------------------------------------------- core models we extend
# Odoo's own rights, unchanged by medcrm (except read on survey questions for operators and on
# serial numbers for service users): written down so that a change shows, checked on the
# model's access rights.
_INTERNAL_ALL = {key: CRUD_ALL for key in PERSONA_ORDER if key != "portal"}
for _model, _addon, _title, _cells, _why in (
    (
        "res.partner",
        "base (extended by medcrm_fulfillment, medcrm_notify, medcrm_service_contract, "
        "medcrm_survey_entry)",
        "Contact",
        {
            **{key: row(ALL, ALL, ALL, NONE) for key in PERSONA_ORDER},
            "operator": R_ALL,
            "portal": row(OWN),
        },
        {
            "sales": "Odoo's default: salespeople keep the contacts; deleting one is for the "
            "contact managers (archive instead).",
            "operator": "An employee without sales rights reads contacts (Odoo's default).",
            "portal": "Odoo's portal: their own contact and their company's, read only.",
        },
    ),
    (
        "ir.module.module",
        "base (extended by medcrm_deals: kind menus follow a language's terms when loaded)",
        "Module",
        {
            **{key: R_ALL for key in PERSONA_ORDER},
            "admin": CRUD_ALL,
            "portal": NOTHING,
        },
        {
            "sales": "Odoo's default: employees read the list of modules; installing is for "
            "administrators.",
            "operator": "Odoo's default, as for every employee.",
            "portal": "No backend.",
        },
    ),
    (
        "crm.stage",
        "crm (extended by medcrm_deals)",
        "Pipeline stage",
        {
            **{key: R_ALL for key in PERSONA_ORDER},
            "admin": CRUD_ALL,
            "crm_manager": CRUD_ALL,
            "portal": NOTHING,
        },
        dict(CONFIG_WHY, operator="Every employee reads the stages (Odoo's default)."),
    ),
    (
        "mail.activity",
        "mail (extended by medcrm_notify)",
        "Activity",
        {**_INTERNAL_ALL, "portal": NOTHING},
        {"sales": "Odoo's default: activities follow their document.", "portal": "No backend."},
    ),
    (
        "calendar.event",
        "calendar (extended by medcrm_notify)",
        "Meeting",
        {**_INTERNAL_ALL, "portal": row(OWN)},
        {
            "sales": "Odoo's default: every employee keeps a calendar.",
            "portal": "Odoo's portal: the meetings they attend, read only.",
        },
    ),
    (
        "stock.lot",
        "stock (extended by medcrm_fulfillment, medcrm_service_fulfillment)",
        "Serial number",
        {
            **{key: NOTHING for key in PERSONA_ORDER},
            "admin": CRUD_ALL,
            "service_engineer": R_ALL,
            "service_manager": R_ALL,
            "storekeeper": row(ALL, ALL, ALL, ALL),
        },
        {
            "sales": "Warehouse users keep the serials; salespeople see them on their orders.",
            "service_engineer": "Reads serials to find the device of an obligation.",
            "service_manager": "As the service engineer.",
            "storekeeper": "Warehouse user.",
        },
    ),
    (
        "stock.picking",
        "stock (extended by medcrm_fulfillment)",
        "Transfer",
        {
            **{key: row(ALL, ALL, ALL, NONE) for key in PERSONA_ORDER},
            "admin": CRUD_ALL,
            "crm_manager": CRUD_ALL,
            "storekeeper": CRUD_ALL,
            "operator": NOTHING,
            "portal": row(OWN),
        },
        {
            "sales": "Odoo's sale_stock: salespeople follow the deliveries of orders (Odoo has "
            "no per-salesperson rule on transfers); warehouse users ship.",
            "crm_manager": "Sales / Administrator (Odoo's sale_stock).",
            "operator": "No sales or warehouse rights.",
            "portal": "Odoo's portal: the deliveries of their own orders, read only.",
        },
    ),
    (
        "survey.survey",
        "survey (extended by medcrm_survey_entry)",
        "Survey",
        {
            **{key: R_ALL for key in PERSONA_ORDER},
            "admin": CRUD_ALL,
            "portal": NOTHING,
        },
        {
            "sales": "Operators (every salesperson is one) read the surveys they type sheets "
            "of; survey managers write them.",
            "portal": "No backend.",
        },
    ),
    (
        "survey.question.answer",
        "survey (extended by medcrm_survey_entry)",
        "Survey answer choice",
        {
            **{key: R_ALL for key in PERSONA_ORDER},
            "admin": CRUD_ALL,
            "portal": NOTHING,
        },
        {"sales": "As the survey.", "portal": "No backend."},
    ),
):
    MODELS[_model] = {
        "kind": "acl",
        "addon": _addon,
        "title": _title,
        "acl_only": _ACL,
        "cells": dict(_cells),
        "why": dict(_why),
    }


def check_table():
    """The table is complete: every persona has four valid levels and a reason per model."""
    problems = []
    for model, spec in MODELS.items():
        for persona in PERSONA_ORDER:
            cells = spec["cells"].get(persona)
            if not cells or len(cells) != 4 or set(cells) - set(LEVELS):
                problems.append(f"{model}: bad cells for {persona}: {cells!r}")
            # "sales": the reason for every persona the entry does not name
            if persona not in spec["why"] and "sales" not in spec["why"]:
                problems.append(f"{model}: no reason for {persona}")
    return problems


def reason(spec, persona):
    why = spec["why"]
    if persona in why:
        return why[persona]
    return why.get("sales", "")


def render_markdown(personas):
    """docs/ACCESS.md. ``personas``: PERSONAS of medcrm_suite/tests/personas.py."""
    lines = [
        "# Who may do what in medcrm",
        "",
        "<!-- Generated from tests/access_table.py by `python3 tests/access_table.py > "
        "docs/ACCESS.md`: edit that file, not this one. tests/test_access_table.py checks "
        "every cell over XML-RPC as each persona, and that this file is up to date. -->",
        "",
        "## Personas",
        "",
        "The people who use medcrm, with their Odoo groups (and what those imply). Tests take "
        "their users from `medcrm_suite/tests/personas.py`.",
        "",
        "| Persona | Name | Odoo groups |",
        "|---|---|---|",
    ]
    for key in PERSONA_ORDER:
        name, groups = personas[key]
        lines.append(f"| `{key}` | {name} | {', '.join(f'`{g}`' for g in groups.split(','))} |")
    lines += [
        "",
        "## Levels",
        "",
        "- **none**: refused (no access right, or no record the persona may touch);",
        "- **own**: the persona's own records (what *own* means is given per model);",
        "- **deals**: the records of the deals the persona may read (their own and unassigned "
        "deals);",
        "- **all**: every record of the companies they work in.",
        "",
        "Each cell reads *read / create / write / delete*. Linking a record to a deal (a task, "
        "an interaction, a private note, a questionnaire sheet) needs the right to read that "
        "deal: a linked record shows the deal's name, customer and salesperson.",
        "",
        "## The table",
        "",
    ]
    header = "| Model | " + " | ".join(f"`{key}`" for key in PERSONA_ORDER) + " |"
    lines += [header, "|---" * (len(PERSONA_ORDER) + 1) + "|"]
    for model, spec in MODELS.items():
        cells = " | ".join(" / ".join(spec["cells"][key]) for key in PERSONA_ORDER)
        lines.append(f"| `{model}` | {cells} |")
    lines += ["", "## Why", ""]
    for model, spec in MODELS.items():
        lines.append(f"### {spec['title']} (`{model}`, {spec['addon']})")
        lines.append("")
        if spec.get("mine"):
            lines.append(f"*Own*: {spec['mine']}.")
            lines.append("")
        if spec.get("acl_only"):
            checked = ", ".join(spec["acl_only"])
            lines.append(
                f"Checked on the model's access rights only ({checked}): whether the persona "
                "may do it at all, not on which records."
            )
            lines.append("")
        if spec["kind"] == "wizard":
            lines.append(
                "A wizard: each user sees only the ones they opened; the cells say who may "
                "open one (checked on the model's access rights)."
            )
            lines.append("")
        for key in PERSONA_ORDER:
            cells = " / ".join(spec["cells"][key])
            lines.append(f"- `{key}` ({cells}): {reason(spec, key)}")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    import ast
    from pathlib import Path

    # personas.py imports odoo: read its PERSONAS literal instead, so that this runs anywhere
    source = (Path(__file__).parent.parent / "medcrm_suite/tests/personas.py").read_text()
    tree = ast.parse(source)
    personas = next(
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "PERSONAS"
    )
    problems = check_table()
    if problems:
        raise SystemExit("\n".join(problems))
    print(render_markdown(personas))
