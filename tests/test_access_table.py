"""The access table (tests/access_table.py, docs/ACCESS.md), enforced over real XML-RPC.

One server, one database with every medcrm add-on, the personas of
medcrm_suite/tests/personas.py as users, and for every persona a deal of their own next to a
colleague's (a second own-documents salesperson). For every model of the table and every persona,
as that persona over XML-RPC: search_read on the model itself (not through the deal), create,
write and unlink, on a record of their own deal and on one of the colleague's deal; the observed
level must be the cell's. Then the links: what a persona may not read must not come back through a
record they may link (a task, an interaction, a note, a sheet on a colleague's deal).
"""

import datetime
import json
import subprocess
import sys
import time
import xmlrpc.client
from pathlib import Path

import pytest

from . import access_table
from .access_table import ALL, DEALS, MODELS, NONE, OPERATIONS, OWN, PERSONA_ORDER
from .odoo_server import OdooServer, disable_online_crons

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "ACCESS.md"
INTERNAL = tuple(key for key in PERSONA_ORDER if key != "portal")
PDF = {"file": "JVBERi0xLjQKJSBtZWRjcm0K", "file_name": "scan.pdf"}  # a tiny PDF, base64
# XML-RPC fault codes of Odoo (odoo/http.py): 2 for a UserError (ValidationError, MissingError),
# 4 for an AccessError; 1 is any other exception, with its traceback
REFUSED_FAULT_CODES = (2, 4)


class Refused(Exception):
    """The server refused the call with an access or validation error (what a user sees)."""


def attempt(client, model, method, *args, **kwargs):
    """Call; return the result, or raise Refused if the server refused for access/validation.
    Anything else (a bug of the test or of the code) fails the test as it is."""
    try:
        return client.call(model, method, *args, **kwargs)
    except xmlrpc.client.Fault as fault:
        if fault.faultCode in REFUSED_FAULT_CODES:
            raise Refused(fault.faultString) from None
        raise


def succeeds(client, model, method, *args, **kwargs):
    try:
        attempt(client, model, method, *args, **kwargs)
    except Refused:
        return False
    return True


def observed(mine, other):
    """The level shown by (allowed on own deal's record, allowed on the colleague's)."""
    return {(True, True): ALL, (True, False): OWN, (False, False): NONE}.get(
        (mine, other), "colleague's only"
    )


def same_level(expected, seen):
    return seen == (OWN if expected in (OWN, DEALS) else expected)


def test_access_doc_is_generated_from_the_table():
    assert access_table.check_table() == []
    generated = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "access_table.py")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert DOC.read_text() == generated, (
        "docs/ACCESS.md is not the table of tests/access_table.py: run "
        "`python3 tests/access_table.py > docs/ACCESS.md`"
    )


# ---------------------------------------------------------------------- the world


class World:
    """The records every check uses, made over RPC by the administrator."""

    def __init__(self, server, users):
        self.server = server
        self.users = users
        self.admin = server.client("admin", "admin")
        self.clients = {
            key: server.client(user["login"], user["login"])
            for key, user in users.items()
            if key != "portal"
        }
        self.clients["portal"] = server.client(users["portal"]["login"], users["portal"]["login"])
        self.uid = {key: user["id"] for key, user in users.items()}
        self.counter = 0
        self.today = datetime.date.today()

    def next(self, prefix):
        self.counter += 1
        return f"{prefix} {self.counter}"

    def xmlid(self, module, name):
        rows = self.admin.call(
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", name)],
            fields=["res_id"],
        )
        return rows[0]["res_id"]

    def build(self):
        admin = self.admin
        disable_online_crons(admin)
        self.kind = self.xmlid("medcrm_service_contract", "medcrm_deal_kind_service_contract")
        self.term_type = self.xmlid("medcrm_service_contract", "term_type_preventive_maintenance")
        self.role = self.xmlid("medcrm_deals", "medcrm_participant_role_chief_physician")
        self.interaction_type = admin.call("medcrm.interaction.type", "search", [], limit=1)[0]
        self.document_type = admin.call("medcrm.document.type", "search", [], limit=1)[0]
        self.survey = admin.call(
            "survey.survey",
            "create",
            {
                "title": "Access survey",
                "access_mode": "public",
                "question_and_page_ids": [
                    (0, 0, {"title": "Anything to add?", "question_type": "text_box"})
                ],
            },
        )
        # a notification to every internal persona about every deal created from now on: the
        # log then holds, per persona, rows about deals they may and may not read
        self.notify_rule = admin.call(
            "medcrm.notify.rule",
            "create",
            {
                "name": "Access: every deal to everyone",
                "event_code": "lead_created",
                "user_ids": [(6, 0, [self.uid[key] for key in (*INTERNAL, "colleague")])],
                "is_channel_inbox": True,
            },
        )
        owners = (*INTERNAL, "colleague")
        self.customer = dict(
            zip(
                owners,
                admin.call(
                    "res.partner",
                    "create",
                    [{"name": f"Hospital of {key}", "is_company": True} for key in owners],
                ),
                strict=True,
            )
        )
        self.contacts = admin.call(
            "res.partner",
            "create",
            [{"name": f"Doctor {number}"} for number in range(80)],
        )
        self.deal = dict(
            zip(
                owners,
                admin.call("crm.lead", "create", [self.deal_vals(key) for key in owners]),
                strict=True,
            )
        )
        # a pause on every deal, over: the pauses' history to read
        deal_ids = list(self.deal.values())
        resume_on = str(self.today + datetime.timedelta(days=30))
        admin.call("crm.lead", "action_medcrm_pause", deal_ids, resume_on, "Budget next quarter")
        admin.call_json("crm.lead", "action_medcrm_resume", deal_ids)
        # a term on fixed dates, and a fulfillment, on every deal
        admin.call(
            "medcrm.contract.term",
            "create",
            [
                dict(
                    _term_vals(self, owner),
                    recurrence="fixed",
                    fixed_date_ids=[(0, 0, {"date": str(self.today + datetime.timedelta(90))})],
                )
                for owner in owners
            ],
        )
        admin.call("medcrm.fulfillment", "create", [{"lead_id": deal} for deal in deal_ids])
        admin.call(
            "ir.cron",
            "method_direct_trigger",
            [self.xmlid("medcrm_notify", "ir_cron_medcrm_notify_dispatch")],
        )

    def deal_vals(self, owner):
        return {
            "name": self.next(f"Deal of {owner}"),
            "type": "opportunity",
            "user_id": self.uid[owner],
            "partner_id": self.customer[owner],
            "deal_kind_id": self.kind,
        }

    def contact(self):
        self.counter += 1
        return self.contacts[self.counter % len(self.contacts)]


# Per model: how to make a record for ``owner`` on their deal (values for create), which field
# leads to the deal, and what a write changes.
def _term_vals(world, owner):
    return {
        "lead_id": world.deal[owner],
        "term_type_id": world.term_type,
        "date_start": str(world.today),
        "date_end": str(world.today + datetime.timedelta(days=364)),
        "recurrence": "months",
        "interval": 6,
        "user_id": world.uid[owner],
    }


FACTORIES = {
    "crm.lead": {
        "vals": lambda w, owner: w.deal_vals(owner),
        "write": {"description": "Changed"},
    },
    "medcrm.task": {
        "vals": lambda w, owner: {
            "name": w.next("Task"),
            "user_id": w.uid[owner],
            "lead_id": w.deal[owner],
        },
        "write": {"name": "Changed"},
    },
    "medcrm.interaction": {
        "vals": lambda w, owner: {
            "name": w.next("Call"),
            "type_id": w.interaction_type,
            "user_id": w.uid[owner],
            "lead_id": w.deal[owner],
        },
        "write": {"name": "Changed"},
    },
    "medcrm.private.note": {
        "vals": lambda w, owner: {"lead_id": w.deal[owner], "body": w.next("Note")},
        "write": {"body": "Changed"},
        # the author is whoever writes the note: made by the owner themselves
        "by_owner": True,
    },
    "medcrm.deal.participant": {
        "vals": lambda w, owner: {
            "lead_id": w.deal[owner],
            "partner_id": w.contact(),
            "role_id": w.role,
        },
        "write": {"sequence": 5},
    },
    "medcrm.deal.demand": {
        "vals": lambda w, owner: {"lead_id": w.deal[owner], "name": w.next("MRI"), "quantity": 1},
        "write": {"quantity": 2},
    },
    "medcrm.deal.document": {
        "vals": lambda w, owner: {
            "lead_id": w.deal[owner],
            "document_type_id": w.document_type,
            "name": w.next("Tender"),
            **PDF,
        },
        "write": {"name": "Changed"},
    },
    "medcrm.contract.term": {"vals": _term_vals, "write": {"serial_number": "SN-1"}},
    "medcrm.contract.occurrence": {
        "vals": lambda w, owner: {
            "term_id": w.term[owner],
            "date_due": str(w.today + datetime.timedelta(days=30)),
        },
        "write": {"result": "Checked"},
    },
    "medcrm.survey.entry": {
        "vals": lambda w, owner: {
            "survey_id": w.survey,
            "lead_id": w.deal[owner],
            "partner_id": w.customer[owner],
            "user_id": w.uid[owner],
        },
        "write": {"source": "phone"},
    },
}
CONFIG_FACTORIES = {
    "medcrm.deal.kind": lambda w: {"name": w.next("Kind"), "code": w.next("K").replace(" ", "")},
    "medcrm.sales.channel": lambda w: {"name": w.next("Channel")},
    "medcrm.participant.role": lambda w: {"name": w.next("Role")},
    "medcrm.document.type": lambda w: {"name": w.next("Document type")},
    "medcrm.interaction.type": lambda w: {"name": w.next("Interaction type")},
    "medcrm.contract.term.type": lambda w: {"name": w.next("Term type")},
    "medcrm.notify.rule": lambda w: {"name": w.next("Rule"), "event_code": "lead_won"},
}
# Records the system makes (stage history, pauses, task transitions, the log): found through
# the deal they belong to. Nobody creates, writes or deletes them: checked on the model's rights.
DEAL_PATH = {
    "medcrm.deal.stage.history": "lead_id",
    "medcrm.deal.pause": "lead_id",
    "medcrm.deal.stage.time.report": "lead_id",
    "medcrm.contract.term.date": "term_id.lead_id",
    "medcrm.survey.entry.line": "entry_id.lead_id",
    "medcrm.fulfillment": "lead_id",
}


@pytest.fixture(scope="module")
def world(odoo_command, medcrm_template_db):
    database = odoo_command.copy_database(medcrm_template_db, "access")
    try:
        result = odoo_command.run_script(database, "access_personas.py")
        assert result.returncode == 0, result.stderr[-3000:]
        created = json.loads(result.stdout.strip().splitlines()[-1])
        with OdooServer(odoo_command, database) as server:
            world = World(server, created["users"])
            world.models = created["models"]
            started = time.monotonic()
            world.build()
            print(f"\naccess table: the world built in {time.monotonic() - started:.0f} s")
            yield world
    finally:
        odoo_command.drop_database(database)


class Cells:
    """Expected and observed cells, collected so that one run reports every difference."""

    def __init__(self):
        self.checked = 0
        self.wrong = []

    def check(self, model, persona, operation, seen):
        expected = MODELS[model]["cells"][persona][OPERATIONS.index(operation)]
        self.checked += 1
        if operation in MODELS[model].get("acl_only", ()) and seen == ALL:
            # checked on the model's rights: allowed at all is what the cell can say
            seen = OWN if expected in (OWN, DEALS) else ALL
        if not same_level(expected, seen):
            self.wrong.append(f"{model} {persona} {operation}: table {expected}, seen {seen}")


def _readable(world, client, model, ids):
    """Which of ``ids`` the client finds with search_read on the model itself."""
    try:
        rows = attempt(client, model, "search_read", [("id", "in", ids)], fields=["id"])
    except Refused:
        return set()
    return {row["id"] for row in rows}


def _pairs(world, model, owners, count):
    """``count`` records of ``model`` on the deal of each of ``owners``, made by the
    administrator (by the owner, for notes): {owner: [ids]}."""
    factory = FACTORIES[model]
    made = {}
    for owner in owners:
        vals = [factory["vals"](world, owner) for _n in range(count)]
        if not factory.get("by_owner"):
            made[owner] = world.admin.call(model, "create", vals)
            continue
        try:
            made[owner] = attempt(world.clients[owner], model, "create", vals)
        except Refused:
            made[owner] = [0] * count  # an owner without the right has none
    return made


def _check_deal_model(world, cells, model):
    factory = FACTORIES[model]
    # per persona: one record to read and write, one to delete; the colleague's: one to read
    # and write, one to delete per persona
    mine = _pairs(world, model, INTERNAL, 2)
    others = _pairs(world, model, ["colleague"], 1 + len(PERSONA_ORDER))["colleague"]
    if model == "medcrm.task":
        # the transitions' checks read those of these tasks
        world.tasks = (mine, others[0])
    if model == "medcrm.contract.term":
        # the obligations' checks add them to these terms
        world.term = {owner: ids[0] for owner, ids in mine.items()}
        world.term["colleague"] = others[0]
    if model == "crm.lead":
        # the deal itself: the personas' and the colleague's deals of the world
        mine = {owner: [world.deal[owner], ids[1]] for owner, ids in mine.items()}
        others = [world.deal["colleague"], *others[1:]]
    for index, persona in enumerate(PERSONA_ORDER):
        client = world.clients[persona]
        own_ids = mine.get(persona) or [0, 0]
        other_id, other_delete = others[0], others[1 + index]
        visible = _readable(world, client, model, [own_ids[0], other_id])
        cells.check(model, persona, "read", observed(own_ids[0] in visible, other_id in visible))
        owner = persona if persona != "portal" else "colleague"
        can_mine = persona != "portal" and succeeds(
            client, model, "create", factory["vals"](world, owner)
        )
        can_other = succeeds(client, model, "create", factory["vals"](world, "colleague"))
        cells.check(model, persona, "create", observed(can_mine, can_other))
        write_mine = persona != "portal" and succeeds(
            client, model, "write", [own_ids[0]], factory["write"]
        )
        write_other = succeeds(client, model, "write", [other_id], factory["write"])
        cells.check(model, persona, "write", observed(write_mine, write_other))
        unlink_mine = persona != "portal" and succeeds(client, model, "unlink", [own_ids[1]])
        unlink_other = succeeds(client, model, "unlink", [other_delete])
        cells.check(model, persona, "unlink", observed(unlink_mine, unlink_other))


def _check_task_transitions(world, cells, model):
    """Transitions are read as their task: those of the persona's task, not of the
    colleague's task that the administrator set (tasks the personas set are theirs)."""
    mine, other = world.tasks
    rows = world.admin.call(
        model,
        "search_read",
        [("task_id", "in", [*(ids[0] for ids in mine.values()), other])],
        fields=["task_id"],
    )
    by_task = {}
    for row_ in rows:
        by_task.setdefault(row_["task_id"][0], set()).add(row_["id"])
    for persona in PERSONA_ORDER:
        client = world.clients[persona]
        visible = _readable(world, client, model, [row_["id"] for row_ in rows])
        own = by_task.get((mine.get(persona) or [0])[0], set())
        cells.check(
            model, persona, "read", observed(bool(own & visible), bool(by_task[other] & visible))
        )
        for operation in ("create", "write", "unlink"):
            allowed = client.call(model, "has_access", [], operation)
            cells.check(model, persona, operation, ALL if allowed else NONE)


def _check_system_model(world, cells, model):
    if model == "medcrm.task.transition":
        return _check_task_transitions(world, cells, model)
    path = DEAL_PATH[model]
    deals = [world.deal[key] for key in (*INTERNAL, "colleague")]
    rows = world.admin.call(model, "search_read", [(path, "in", deals)], fields=["id"])
    ids = [row["id"] for row in rows]
    by_deal = {}
    for record_id, deal_id in _deal_of(world, model, ids, path).items():
        by_deal.setdefault(deal_id, set()).add(record_id)
    assert world.deal["colleague"] in by_deal, f"no {model} on the colleague's deal"
    for persona in PERSONA_ORDER:
        client = world.clients[persona]
        visible = _readable(world, client, model, ids)
        mine = by_deal.get(world.deal.get(persona), set())
        other = by_deal[world.deal["colleague"]]
        if persona != "portal":
            assert mine, f"no {model} on the deal of {persona}"
        cells.check(model, persona, "read", observed(bool(mine & visible), bool(other & visible)))
        for operation in ("create", "write", "unlink"):
            allowed = client.call(model, "has_access", [], operation)
            cells.check(model, persona, operation, ALL if allowed else NONE)


def _deal_of(world, model, ids, path):
    """{record id: deal id} for records of ``model`` (as the administrator)."""
    result = {}
    if not ids:
        return result
    first, _dot, rest = path.partition(".")
    rows = world.admin.call(model, "read", ids, fields=[first])
    if not rest:
        return {row["id"]: row[first][0] for row in rows if row[first]}
    parent_model = world.admin.call(
        "ir.model.fields",
        "search_read",
        [("model", "=", model), ("name", "=", first)],
        fields=["relation"],
    )[0]["relation"]
    parents = {row["id"]: row[first][0] for row in rows if row[first]}
    parent_deals = _deal_of(world, parent_model, list(set(parents.values())), rest)
    return {rid: parent_deals[pid] for rid, pid in parents.items() if pid in parent_deals}


def _check_config_model(world, cells, model):
    vals = CONFIG_FACTORIES.get(model)
    if vals:
        # per persona: one record to read and write, one to delete
        made = world.admin.call(model, "create", [vals(world) for _n in PERSONA_ORDER * 2])
    for index, persona in enumerate(PERSONA_ORDER):
        client = world.clients[persona]
        if not vals:
            for operation in OPERATIONS:
                allowed = client.call(model, "has_access", [], operation)
                cells.check(model, persona, operation, ALL if allowed else NONE)
            continue
        record_id, delete_id = made[2 * index], made[2 * index + 1]
        readable = bool(_readable(world, client, model, [record_id]))
        cells.check(model, persona, "read", ALL if readable else NONE)
        created = succeeds(client, model, "create", vals(world))
        cells.check(model, persona, "create", ALL if created else NONE)
        written = succeeds(client, model, "write", [record_id], {"name": world.next("Name")})
        cells.check(model, persona, "write", ALL if written else NONE)
        deleted = succeeds(client, model, "unlink", [delete_id])
        cells.check(model, persona, "unlink", ALL if deleted else NONE)


def _check_rights(world, cells, model):
    """Cells checked on the model's access rights (wizards, models without records here)."""
    own = MODELS[model]["kind"] == "wizard"
    for persona in PERSONA_ORDER:
        for operation in OPERATIONS:
            allowed = world.clients[persona].call(model, "has_access", [], operation)
            cells.check(model, persona, operation, (OWN if own else ALL) if allowed else NONE)


def expected_read(model, persona):
    return MODELS[model]["cells"][persona][0]


def _check_notify_log(world, cells, model):
    deals = {world.deal[key]: key for key in (*INTERNAL, "colleague")}
    rows = world.admin.call(
        model,
        "search_read",
        [("rule_id", "=", world.notify_rule), ("res_model", "=", "crm.lead")],
        fields=["res_id", "user_id", "state", "skip_reason"],
    )
    for persona in PERSONA_ORDER:
        client = world.clients[persona]
        uid = world.uid[persona]
        # the rows of this persona's inbox about their own deal and about the colleague's
        mine = {r["id"] for r in rows if r["user_id"] and r["user_id"][0] == uid}
        mine_own = {r["id"] for r in rows if r["id"] in mine and deals.get(r["res_id"]) == persona}
        # rows of their own inbox withheld because they may not read the colleague's deal
        withheld = {
            r["id"]
            for r in rows
            if r["id"] in mine
            and deals.get(r["res_id"]) == "colleague"
            and r["skip_reason"] == "no_access"
        }
        if expected_read(model, persona) in (OWN, DEALS) and persona in ("sales_own",):
            assert withheld, f"no withheld notification for {persona}"
        # a colleague's rows: never the persona's unless they see every row
        colleague_rows = {
            r["id"]
            for r in rows
            if r["user_id"]
            and r["user_id"][0] == world.uid["colleague"]
            and deals.get(r["res_id"]) == "colleague"
        }
        visible = _readable(world, client, model, [r["id"] for r in rows])
        expected = MODELS[model]["cells"][persona][0]
        if expected == ALL:
            seen = observed(bool(mine_own & visible), bool(colleague_rows & visible))
        else:
            # own: their delivered rows; a row about a deal they may not read never shows
            seen = observed(bool(mine_own & visible), bool((colleague_rows | withheld) & visible))
        cells.check(model, persona, "read", seen)
        for operation in ("create", "write", "unlink"):
            allowed = client.call(model, "has_access", [], operation)
            cells.check(model, persona, operation, ALL if allowed else NONE)


def test_every_cell_of_the_access_table_over_rpc(world):
    started = time.monotonic()
    cells = Cells()
    for model, spec in MODELS.items():
        if spec["kind"] == "config":
            check = _check_config_model
        elif spec["kind"] in ("wizard", "acl"):
            check = _check_rights
        elif spec["kind"] == "notify_log":
            check = _check_notify_log
        elif model in FACTORIES:
            check = _check_deal_model
        else:
            check = _check_system_model
        try:
            check(world, cells, model)
        # one model's failure must not hide the others' cells
        except Exception as error:
            cells.wrong.append(f"{model}: the check itself failed: {error!r}"[:2000])
    elapsed = time.monotonic() - started
    print(f"\naccess table: {cells.checked} cells checked over XML-RPC in {elapsed:.0f} s")
    expected_cells = len(MODELS) * len(PERSONA_ORDER) * len(OPERATIONS)
    missing = sorted(set(world.models) - set(MODELS))
    assert not missing, f"models medcrm defines or extends, missing from the table: {missing}"
    assert not cells.wrong, "\n".join(cells.wrong)
    assert cells.checked == expected_cells
