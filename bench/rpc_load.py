"""RPC throughput under concurrent load: stock Odoo's CRM vs the same with the medcrm add-ons.

Usage (through ./medcrm bench --rpc, which exports where Odoo and its configuration are):
    rpc_load.py [--deals N] [--clients 4,8] [--seconds S] [--repeat R] [--workers W]

Two template databases, made once and kept (``medcrm_rpc_stock_N``, ``medcrm_rpc_medcrm_N``):
Odoo's crm, sale_crm, sale_stock and survey, and the same plus every medcrm add-on; no demo
data; the same base data made over RPC by an administrator: 16 salespeople (Sales / User: Own
Documents Only; at most 16 clients), a team, 300 hospitals and N deals spread over the
salespeople and the pipeline's open stages.

Each run copies both templates (seconds) and starts one prefork Odoo server on each copy, side
by side, with the same settings (W HTTP workers, 1 cron worker). At each client count C, C
threads (each one salesperson with its own XML-RPC session, Odoo's external API) repeat the
same sales workload for S seconds, R runs per database alternating (stock then medcrm, then
medcrm then stock...), with the calls the web client makes: open the pipeline (the kanban's
grouped read, progress bars and each open column's cards, with the fields of each database's
own kanban view), open a deal (the form's read, with the form's fields), create a deal, move a
deal to another stage (the kanban's save), log a note and search the partners (the contacts
list). The same seeds make the same choices on both. Then medcrm alone runs the same mix plus
its own actions (a deal of another kind, a task for a colleague, a logged call) at each C. Any
error fails the run, with the server's answer; an ERROR line in a server's log too.

Prints a Markdown section on standard output (progress on standard error): requests/s, user
actions/s, request and per-action latency p50/p95, the ratio medcrm / stock, and the SQL
queries of each action made by one client alone (from the server's request log).
"""

import argparse
import datetime
import json
import random
import re
import statistics
import sys
import threading
import time
import xml.etree.ElementTree as ET
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.odoo_server import OdooCommand, OdooServer, disable_online_crons  # noqa: E402

STOCK_ADDONS = ["crm", "sale_crm", "sale_stock", "survey"]
PASSWORD = "rpc-Load-1"
MARKER = "medcrm_rpc_load.deals"
HOSPITALS = 300
SELLERS = 16  # salespeople in the templates: at most this many clients
WARMUP_ROUNDS = 1
CITIES = ["Moscow", "Saint Petersburg", "Kazan", "Novosibirsk", "Yekaterinburg", "Samara"]
HOSPITAL_KINDS = [
    "City Clinical Hospital No. {n}",
    "Regional Oncology Centre {n}",
    "Children's Hospital {n}",
    "Cardiology Centre {n}",
    "Diagnostic Clinic {n}",
]
SEARCH_TERMS = ["Hospital", "Centre", "Clinic", "Regional", "Cardio", "No. 1"]
PRODUCTS = ["MRI 1.5T", "CT 128-slice", "Ultrasound", "Angiography system", "X-ray room"]


def log(message):
    print(f"[rpc-load] {message}", file=sys.stderr, flush=True)


@dataclass
class Flavour:
    key: str
    label: str
    addons: list

    def template(self, deals):
        return f"medcrm_rpc_{self.key}_{deals}"


# ----------------------------------------------------------------------
# templates: installed add-ons and the base data, made once
# ----------------------------------------------------------------------


def query(database, sql, params=()):
    with closing(psycopg2.connect(dbname=database)) as conn, conn.cursor() as cr:
        cr.execute(sql, params)
        return cr.fetchall()


def marker_value(deals):
    return f"{deals} deals, {SELLERS} salespeople"


def template_state(database, deals):
    """'missing', 'installed' (no base data yet), 'ready', or 'partial' (data half made, or
    made by a version of this script with other data)."""
    if not query("postgres", "SELECT 1 FROM pg_database WHERE datname = %s", [database]):
        return "missing"
    marker = query(database, "SELECT value FROM ir_config_parameter WHERE key = %s", [MARKER])
    if marker and marker[0][0] == marker_value(deals):
        return "ready"
    if marker or query(database, "SELECT 1 FROM res_users WHERE login LIKE 'rpc_seller%%'"):
        return "partial"
    return "installed"


def xmlid(admin, module, name):
    [row] = admin.call(
        "ir.model.data", "search_read", [("module", "=", module), ("name", "=", name)], ["res_id"]
    )
    return row["res_id"]


def open_stages(client, context=None):
    """The pipeline's columns as the kanban shows them (its grouped read), but won stages."""
    groups = client.call(
        "crm.lead", "web_read_group", [("type", "=", "opportunity")], [], ["stage_id"],
        context=context or {},
    )["groups"]  # fmt: skip
    stage_ids = [group["stage_id"][0] for group in groups if group["stage_id"]]
    won = client.call("crm.stage", "search", [("id", "in", stage_ids), ("is_won", "=", True)])
    return [stage_id for stage_id in stage_ids if stage_id not in won]


def make_base_data(admin, deals):
    """The same data on both databases, made through the API as an administrator would."""
    disable_online_crons(admin)
    group_salesman = xmlid(admin, "sales_team", "group_sale_salesman")
    seller_ids = admin.call(
        "res.users", "create",
        [{"name": f"Seller {n}", "login": f"rpc_seller{n}", "password": PASSWORD,
          "email": f"seller{n}@rpc.example", "notification_type": "inbox",
          "groups_id": [(6, 0, [group_salesman])]} for n in range(1, SELLERS + 1)],
        context={"no_reset_password": True},
    )  # fmt: skip
    team_id = admin.call(
        "crm.team", "create", {"name": "Hospitals", "member_ids": [(6, 0, seller_ids)]}
    )
    partner_ids = admin.call(
        "res.partner", "create",
        [{"name": HOSPITAL_KINDS[n % len(HOSPITAL_KINDS)].format(n=n + 1), "is_company": True,
          "city": CITIES[n % len(CITIES)], "email": f"office{n}@hospital.example"}
         for n in range(HOSPITALS)],
    )  # fmt: skip
    stages = open_stages(admin)
    rng = random.Random(0)
    for start in range(0, deals, 250):
        admin.call(
            "crm.lead", "create",
            [{"name": f"{rng.choice(PRODUCTS)} #{n}", "type": "opportunity",
              "partner_id": rng.choice(partner_ids), "user_id": seller_ids[n % SELLERS],
              "team_id": team_id, "stage_id": rng.choice(stages),
              "expected_revenue": rng.randrange(50, 2000) * 1000}
             for n in range(start, min(start + 250, deals))],
        )  # fmt: skip
    admin.call("ir.config_parameter", "create", {"key": MARKER, "value": marker_value(deals)})


def ensure_template(command, flavour, deals):
    database = flavour.template(deals)
    state = template_state(database, deals)
    if state == "ready":
        log(f"{database}: reused")
        return database
    if state == "partial":
        log(f"{database}: its base data are half made or other ones, starting again")
        command.drop_database(database)
        state = "missing"
    started = time.monotonic()
    if state == "missing":
        log(f"{database}: installing {', '.join(flavour.addons)} (minutes)")
        command.create_database(database, flavour.addons)
    with OdooServer(command, database, extra_args=["--log-level=warn"]) as server:
        log(f"{database}: {deals} deals and the rest over RPC")
        make_base_data(server.client("admin", "admin"), deals)
    log(f"{database}: made in {time.monotonic() - started:.0f} s")
    return database


# ----------------------------------------------------------------------
# the sales workload: one salesperson's session
# ----------------------------------------------------------------------


def specification(node, model, models):
    """The web client's read specification of the fields a view's arch shows (``node``): each
    field once; relational ones with their display name, x2many with their own subview's."""
    spec = {}
    for element in node:
        if element.tag != "field":
            spec.update(specification(element, model, models))
            continue
        name = element.get("name")
        info = models[model]["fields"].get(name)
        if not info:
            continue
        relation = info.get("relation")
        if info["type"] in ("one2many", "many2many") and relation in models:
            subviews = [child for child in element if child.tag in ("list", "kanban")]
            sub_spec = specification(subviews[0], relation, models) if subviews else {}
            spec[name] = {"fields": sub_spec or {"display_name": {}}, "limit": 40}
        elif relation:
            spec[name] = {"fields": {"display_name": {}}}
        else:
            spec[name] = {}
    return spec


@dataclass
class Seller:
    """One salesperson's session and what the web client knows of its views."""

    client: object
    rng: random.Random
    kanban_spec: dict
    progress_bar: dict
    form_spec: dict
    stages: list
    stage_of: dict  # own deal id -> its stage, as the client last saw it
    partner_ids: list
    extra: dict  # medcrm: deal kind, interaction type, a colleague
    timings: list = field(default_factory=list)  # (action, seconds)
    request_times: list = field(default_factory=list)  # seconds, one per request

    def call(self, model, method, *args, **kwargs):
        started = time.perf_counter()
        result = self.client.call(model, method, *args, **kwargs)
        self.request_times.append(time.perf_counter() - started)
        return result

    def do(self, action):
        started = time.perf_counter()
        action(self)
        self.timings.append((action.__name__, time.perf_counter() - started))


def new_seller(server, login, seed, medcrm):
    client = server.client(login, PASSWORD)
    views = client.call(
        "crm.lead", "get_views", [[False, "kanban"], [False, "form"]],
        options={"load_filters": True},
    )  # fmt: skip
    models = views["models"]
    kanban = ET.fromstring(views["views"]["kanban"]["arch"])
    form = ET.fromstring(views["views"]["form"]["arch"])
    bar = kanban.find(".//progressbar")
    progress_bar = {}
    if bar is not None:
        progress_bar = {"field": bar.get("field"), "colors": parse_colors(bar.get("colors"))}
        if bar.get("sum_field"):
            progress_bar["sum_field"] = bar.get("sum_field")
    own = client.call(
        "crm.lead", "search_read", [("user_id", "=", client.uid)], ["stage_id"], order="id"
    )
    extra = {}
    if medcrm:
        admin = server.client("admin", "admin")
        extra = {
            "kind": xmlid(admin, "medcrm_service_contract", "medcrm_deal_kind_service_contract"),
            "call_type": xmlid(admin, "medcrm_deals", "medcrm_interaction_type_call"),
            "colleagues": admin.call(
                "res.users", "search", [("login", "like", "rpc_seller"), ("id", "!=", client.uid)]
            ),
        }
    return Seller(
        client=client,
        rng=random.Random(seed),
        kanban_spec=specification(kanban, "crm.lead", models),
        progress_bar=progress_bar,
        form_spec=specification(form, "crm.lead", models),
        stages=open_stages(client),
        stage_of={row["id"]: row["stage_id"][0] for row in own},
        partner_ids=client.call("res.partner", "search", [("is_company", "=", True)], limit=300),
        extra=extra,
    )


def parse_colors(colors):
    # the arch holds a JSON dict: {"planned": "success", ...}
    return json.loads(colors.replace("'", '"')) if colors else {}


def open_pipeline(seller):
    """The kanban of 'My Pipeline': grouped read, progress bars, then each open column."""
    domain = [("type", "=", "opportunity"), ("user_id", "=", seller.client.uid)]
    context = {"default_type": "opportunity"}
    groups = seller.call(
        "crm.lead", "web_read_group", domain, ["expected_revenue:sum"], ["stage_id"],
        lazy=True, context=context,
    )["groups"]  # fmt: skip
    if seller.progress_bar:
        seller.call("crm.lead", "read_progress_bar", domain, "stage_id", seller.progress_bar)
    for group in groups:
        if group.get("__fold") or not group.get("stage_id_count"):
            continue
        seller.call(
            "crm.lead", "web_search_read", group["__domain"], seller.kanban_spec,
            limit=40, context=context,
        )  # fmt: skip


def open_deal(seller):
    deal = seller.rng.choice(list(seller.stage_of))
    seller.call("crm.lead", "web_read", [deal], seller.form_spec)


def create_deal(seller, **values):
    [record] = seller.call(
        "crm.lead", "web_save", [],
        {"name": f"{seller.rng.choice(PRODUCTS)}, new request", "type": "opportunity",
         "partner_id": seller.rng.choice(seller.partner_ids),
         "expected_revenue": seller.rng.randrange(50, 2000) * 1000, **values},
        {"stage_id": {"fields": {"display_name": {}}}},
    )  # fmt: skip
    if record["stage_id"]["id"] in seller.stages:  # a deal of the pipeline the seller works in
        seller.stage_of[record["id"]] = record["stage_id"]["id"]


def move_stage(seller):
    deal = seller.rng.choice(list(seller.stage_of))
    stages = [stage for stage in seller.stages if stage != seller.stage_of[deal]]
    stage = seller.rng.choice(stages)
    seller.call("crm.lead", "web_save", [deal], {"stage_id": stage}, seller.kanban_spec)
    seller.stage_of[deal] = stage


def log_note(seller):
    deal = seller.rng.choice(list(seller.stage_of))
    seller.call(
        "crm.lead", "message_post", [deal], body="Called the chief physician: demo next week.",
        message_type="comment", subtype_xmlid="mail.mt_note",
    )  # fmt: skip


def search_partners(seller):
    term = seller.rng.choice(SEARCH_TERMS)
    seller.call(
        "res.partner", "web_search_read", [("name", "ilike", term)],
        {"display_name": {}, "email": {}, "phone": {}, "city": {},
         "country_id": {"fields": {"display_name": {}}}},
        limit=80, count_limit=10001,
    )  # fmt: skip


def create_service_deal(seller):
    """medcrm: a deal of another kind (the maintenance contract kind, its own stages)."""
    create_deal(seller, deal_kind_id=seller.extra["kind"])


def set_task(seller):
    """medcrm: a task for a colleague on one of the seller's deals."""
    colleague = seller.rng.choice(seller.extra["colleagues"])
    deadline = datetime.date.today() + datetime.timedelta(days=7)
    seller.call(
        "medcrm.task", "web_save", [],
        {"name": "Prepare the technical proposal", "user_id": colleague,
         "lead_id": seller.rng.choice(list(seller.stage_of)), "date_deadline": str(deadline)},
        {"display_name": {}},
    )  # fmt: skip


def log_call(seller):
    """medcrm: an interaction (a call) on one of the seller's deals."""
    seller.call(
        "medcrm.interaction", "web_save", [],
        {"name": "Call with the head of radiology", "type_id": seller.extra["call_type"],
         "lead_id": seller.rng.choice(list(seller.stage_of))},
        {"display_name": {}},
    )  # fmt: skip


COMMON = [open_pipeline, open_deal, create_deal, move_stage, log_note, search_partners]
MEDCRM_ONLY = [create_service_deal, set_task, log_call]


def run_clients(sellers, actions, seconds=None, rounds=None):
    """Each seller in its own thread repeats ``actions`` (in order) for ``seconds`` or
    ``rounds``; the first error stops them all and is raised."""
    stop = threading.Event()
    errors = []
    deadline = time.monotonic() + (seconds or 0)

    def work(seller):
        done = 0
        try:
            while not stop.is_set() and (rounds is None or done < rounds):
                for action in actions:
                    if seconds and time.monotonic() >= deadline:
                        return
                    seller.do(action)
                done += 1
        except Exception as error:  # reported below, in the main thread
            errors.append(error)
            stop.set()

    threads = [threading.Thread(target=work, args=(seller,)) for seller in sellers]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"a client failed: {errors[0]}") from errors[0]
    return time.monotonic() - started


def percentile(values, share):
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[share - 1]


def run_once(sellers, actions, seconds):
    """One timed run: the clients' samples and the run's wall time."""
    for seller in sellers:
        seller.timings, seller.request_times = [], []
    elapsed = run_clients(sellers, actions, seconds=seconds)
    return {
        "elapsed": elapsed,
        "timings": [timing for seller in sellers for timing in seller.timings],
        "request_times": [each for seller in sellers for each in seller.request_times],
    }


def summarize(runs, actions):
    """The figures of ``runs`` pooled: throughput over their summed time, percentiles over all
    their samples."""
    elapsed = sum(run["elapsed"] for run in runs)
    timings = [timing for run in runs for timing in run["timings"]]
    request_times = [each for run in runs for each in run["request_times"]]
    result = {
        "requests_per_s": len(request_times) / elapsed,
        "actions_per_s": len(timings) / elapsed,
        "request_p50": percentile(request_times, 50),
        "request_p95": percentile(request_times, 95),
        "actions": {},
    }
    for action in actions:
        times = [seconds for name, seconds in timings if name == action.__name__]
        result["actions"][action.__name__] = {
            "count": len(times),
            "p50": percentile(times, 50),
            "p95": percentile(times, 95),
        }
    return result


# ----------------------------------------------------------------------
# the run
# ----------------------------------------------------------------------


# Odoo's log line of each request ends with its SQL query count, SQL time and other time.
REQUEST_LINE = re.compile(r'"POST /xmlrpc/2/object HTTP/1\.\d" \d+ - (\d+) ')


def queries_per_action(server, seller, actions):
    """{action: SQL queries} of each action made once by ``seller`` alone (the other clients
    stopped), from the server's request log."""

    def logged():
        return REQUEST_LINE.findall(server.log_path.read_text(errors="replace"))

    start = len(logged())
    made = []
    for action in actions:
        before = len(seller.request_times)
        seller.do(action)
        made.append((action.__name__, len(seller.request_times) - before))
    expected = start + sum(count for _name, count in made)
    deadline = time.monotonic() + 10  # a request's line is written after its answer
    while len(lines := logged()) < expected and time.monotonic() < deadline:
        time.sleep(0.2)
    if len(lines) != expected:
        raise RuntimeError(f"{server.database}: {len(lines) - start} requests logged, not "
                           f"{expected - start}: other requests reached the server")  # fmt: skip
    result = {}
    for name, count in made:
        result[name] = sum(int(queries) for queries in lines[start : start + count])
        start += count
    return result


def check_log(server):
    text = server.log_path.read_text(errors="replace")
    bad = [line for line in text.splitlines() if " ERROR " in line or " CRITICAL " in line]
    if bad:
        raise RuntimeError(f"{server.database}: errors in the server's log:\n" + "\n".join(bad))


def ms(seconds):
    return f"{seconds * 1000:.0f}"


def report(args, results, extras, queries, load):
    lines = [
        f"### RPC throughput under concurrent load ({args.deals:,} deals, {args.workers} HTTP "
        f"workers + 1 cron worker; per database and client count {args.repeat} x {args.seconds} s"
        ", the databases alternating)",
        "",
        "Each client is a salesperson (own documents only) repeating: open the pipeline "
        "(grouped read, progress bars, each column's cards), open a deal (form read), create a "
        "deal, move a deal to another stage, log a note, search the partners. Same calls and "
        "choices on both databases; the views' fields are each database's own.",
        "",
        "| clients | database | requests/s | actions/s | request p50 ms | request p95 ms |",
        "| ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for clients in args.clients:
        for flavour in ("stock", "medcrm"):
            r = results[clients][flavour]
            lines.append(
                f"| {clients} | {flavour} | {r['requests_per_s']:.1f} | {r['actions_per_s']:.1f}"
                f" | {ms(r['request_p50'])} | {ms(r['request_p95'])} |"
            )
        ratio = results[clients]["medcrm"]["requests_per_s"] / max(
            results[clients]["stock"]["requests_per_s"], 1e-9
        )
        lines.append(f"| {clients} | **medcrm / stock** | **{ratio:.2f}** | | | |")
    for clients in args.clients:
        lines += [
            "",
            f"Per action at {clients} clients (ms; ratio of the p50s medcrm / stock):",
            "",
            "| action | stock p50 | stock p95 | medcrm p50 | medcrm p95 | ratio p50 |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for action in COMMON:
            stock = results[clients]["stock"]["actions"][action.__name__]
            ours = results[clients]["medcrm"]["actions"][action.__name__]
            ratio = ours["p50"] / max(stock["p50"], 1e-9)
            lines.append(
                f"| {action.__name__} | {ms(stock['p50'])} | {ms(stock['p95'])} | "
                f"{ms(ours['p50'])} | {ms(ours['p95'])} | {ratio:.2f} |"
            )
    lines += [
        "",
        "medcrm alone, the same mix plus its own actions (ms):",
        "",
        "| clients | requests/s | actions/s | "
        + " | ".join(f"{a.__name__} p50 / p95" for a in MEDCRM_ONLY)
        + " |",
        "| ---: | ---: | ---: | " + " | ".join("---:" for _ in MEDCRM_ONLY) + " |",
    ]
    for clients in args.clients:
        r = extras[clients]
        cells = " | ".join(
            f"{ms(r['actions'][a.__name__]['p50'])} / {ms(r['actions'][a.__name__]['p95'])}"
            for a in MEDCRM_ONLY
        )
        lines.append(
            f"| {clients} | {r['requests_per_s']:.1f} | {r['actions_per_s']:.1f} | {cells} |"
        )
    lines += [
        "",
        "SQL queries per action, one client alone (Odoo's request log):",
        "",
        "| action | stock | medcrm |",
        "| --- | ---: | ---: |",
    ]
    for action in COMMON + MEDCRM_ONLY:
        name = action.__name__
        lines.append(f"| {name} | {queries['stock'].get(name, '')} | {queries['medcrm'][name]} |")
    lines += ["", f"Load average before / after the runs: {load[0]} / {load[1]}."]
    return "\n".join(lines)


def loadavg():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=3000)
    parser.add_argument(
        "--clients", type=lambda text: [int(n) for n in text.split(",")], default=[4, 8]
    )
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2, help="runs per database and count")
    args = parser.parse_args()
    command = OdooCommand.from_environment()
    flavours = {
        "stock": Flavour("stock", "stock Odoo", STOCK_ADDONS),
        "medcrm": Flavour("medcrm", "with medcrm", STOCK_ADDONS + command.addons),
    }
    sellers = max(args.clients)
    if sellers > SELLERS:
        parser.error(f"--clients: at most {SELLERS} (the salespeople of the databases)")
    templates = {
        key: ensure_template(command, flavour, args.deals) for key, flavour in flavours.items()
    }
    databases = {key: command.copy_database(db, f"{db}_run") for key, db in templates.items()}
    servers = {
        key: OdooServer(command, database, workers=args.workers, cron_workers=1)
        for key, database in databases.items()
    }
    load = [loadavg()]
    results, extras = {}, {}
    try:
        for server in servers.values():
            server.start()
        log(f"servers up: {', '.join(server.url for server in servers.values())}")
        sessions = {
            key: [
                new_seller(server, f"rpc_seller{n}", seed=n, medcrm=key == "medcrm")
                for n in range(1, sellers + 1)
            ]
            for key, server in servers.items()
        }
        for flavour_sellers in sessions.values():
            # every worker loads its registry and views before the clock runs; the common
            # actions only: a deal of another kind would add its stage to the seller's pipeline
            run_clients(flavour_sellers, COMMON, rounds=WARMUP_ROUNDS)
        for clients in args.clients:
            runs = {"stock": [], "medcrm": []}
            for repeat in range(args.repeat):
                # alternating, and each first in turn: a change of the machine's load (other
                # jobs share it) touches both databases alike
                for key in ("stock", "medcrm") if repeat % 2 == 0 else ("medcrm", "stock"):
                    log(f"{key}: {clients} clients, run {repeat + 1} of {args.repeat}")
                    runs[key].append(run_once(sessions[key][:clients], COMMON, args.seconds))
            results[clients] = {key: summarize(runs[key], COMMON) for key in runs}
        queries = {
            key: queries_per_action(servers[key], sessions[key][0], COMMON) for key in servers
        }
        for clients in args.clients:
            log(f"medcrm with its own actions: {clients} clients for {args.seconds} s")
            run = run_once(sessions["medcrm"][:clients], COMMON + MEDCRM_ONLY, args.seconds)
            extras[clients] = summarize([run], COMMON + MEDCRM_ONLY)
        queries["medcrm"].update(
            queries_per_action(servers["medcrm"], sessions["medcrm"][0], MEDCRM_ONLY)
        )
        load.append(loadavg())
        for server in servers.values():
            check_log(server)
    finally:
        for server in servers.values():
            server.stop()
        for database in databases.values():
            command.drop_database(database)
    print(report(args, results, extras, queries, load))
    log(f"templates kept for the next run: {', '.join(templates.values())} (dropdb removes them)")


if __name__ == "__main__":
    main()
