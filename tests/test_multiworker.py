"""Multi-worker proof: notification rules deliver exactly once under concurrent load.

A real Odoo server in prefork mode (2 HTTP workers, 2 cron workers) serves a database with all
medcrm add-ons (no demo data). Several XML-RPC clients, in threads, create deals, move them
through the stages, win or lose them, create and move tasks, and fight over one shared deal; a
loopback SMTP sink receives the emails. Then, from the database and the sink:

- every expected notification exists exactly once (log row, inbox message, email), none extra;
- no serialization failure reached a client (Odoo retried them on the server);
- the SMTP sink down for a while, then up: everything is delivered exactly once afterwards;
- a cron worker killed (SIGKILL) in the middle of a dispatch batch, while the SMTP server holds
  its reply to a message it has received (the window of RFC 1047): the batch is resumed by the
  other workers with no loss; the interrupted email is sent again with the same Message-ID (a
  receiving server drops the copy) and its log row says so; nothing else twice.

The events checked are listed in EVENTS: adding an event type is one line there.
"""

import re
import threading
import time
import xmlrpc.client
from collections import Counter
from dataclasses import dataclass, field

import psutil
import psycopg2
import pytest

from odoo.addons.medcrm_notify.tests.common import start_sink

from .odoo_server import OdooServer, disable_online_crons, free_port

CLIENTS = 3
ITERATIONS = 3
PASSWORD = "Mw-pass-1"
SERIALIZATION_MARKERS = ("could not serialize", "concurrent update", "deadlock detected")


@dataclass
class Facts:
    """What the clients did, as they saw it succeed (thread-safe counters of record ids)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    counters: dict = field(default_factory=dict)
    calls: int = 0
    serialization_faults: list = field(default_factory=list)
    other_faults: list = field(default_factory=list)

    def add(self, name, res_id, count=1):
        with self.lock:
            self.counters.setdefault(name, Counter())[res_id] += count

    def get(self, name):
        return Counter(self.counters.get(name, {}))


@dataclass
class EventCase:
    """One event type under test: its code, the model of its record, the recipients its rule
    notifies (user keys of USERS), and how many occurrences the load produced per record."""

    code: str
    model: str
    recipients: tuple
    expected: object  # callable(Facts, db) -> Counter {res_id: occurrences}
    rule_extra: dict = field(default_factory=dict)


def _stage_moves_from_history(facts, db):
    """Stage changes counted twice over: by the clients for their own deals, and for the deal
    they all fight over from medcrm_deals' stage history (each entered stage is one row; the
    first is the creation)."""
    moves = facts.get("stage_moves")
    for lead_id in facts.get("hot_lead"):
        rows = db.query(
            "SELECT count(*) FROM medcrm_deal_stage_history WHERE lead_id = %s", (lead_id,)
        )
        moves[lead_id] = rows[0][0] - 1
    return +moves


# One line per event type. Events another add-on has not declared (yet) are left out.
EVENTS = [
    EventCase("lead_created", "crm.lead", ("director", "manager"), lambda f, db: f.get("leads")),
    EventCase(
        "lead_stage_changed",
        "crm.lead",
        ("director", "manager"),
        _stage_moves_from_history,
        {"is_to_team_leader": True, "user_ids": ("director",)},
    ),
    EventCase("lead_won", "crm.lead", ("director", "ceo"), lambda f, db: f.get("won")),
    EventCase("lead_lost", "crm.lead", ("manager",), lambda f, db: f.get("lost")),
    EventCase("task_created", "medcrm.task", ("manager",), lambda f, db: f.get("tasks")),
    EventCase("task_changed", "medcrm.task", ("manager",), lambda f, db: f.get("task_moves")),
]

# Internal users: the salespeople act (clients), the others only receive.
USERS = {
    "manager": ("Mila Manager", "sales_team.group_sale_manager"),
    "director": ("Denis Director", "sales_team.group_sale_salesman_all_leads"),
    "ceo": ("Cyril Chief", "sales_team.group_sale_salesman_all_leads"),
    **{f"seller{n}": (f"Seller {n}", "sales_team.group_sale_salesman") for n in range(CLIENTS)},
}


class Db:
    """Plain SQL on the server's database, from the test (what the server committed)."""

    def __init__(self, name):
        self.name = name

    def query(self, sql, params=()):
        with psycopg2.connect(dbname=self.name) as cnx, cnx.cursor() as cr:
            cr.execute(sql, params)
            return cr.fetchall() if cr.description else []

    def wake_dispatcher(self):
        """What the dispatcher's own trigger does: a trigger row and a NOTIFY to cron workers."""
        self.query(
            "INSERT INTO ir_cron_trigger (cron_id, call_at) SELECT res_id, now() at time zone "
            "'utc' FROM ir_model_data WHERE module = 'medcrm_notify' "
            "AND name = 'ir_cron_medcrm_notify_dispatch'"
        )
        with psycopg2.connect(dbname="postgres") as cnx, cnx.cursor() as cr:
            cr.execute("SELECT pg_notify('cron_trigger', %s)", (self.name,))

    def pending(self):
        return self.query(
            "SELECT count(*) FROM medcrm_notify_log WHERE state IN ('queued', 'retry', 'sending')"
        )[0][0]

    def wait_dispatched(self, timeout=150):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.query(
                "SELECT 1 FROM medcrm_notify_log WHERE state IN ('queued', 'sending') "
                "OR (state = 'retry' AND date_next_try <= now() at time zone 'utc') LIMIT 1"
            ):
                return
            time.sleep(1)
        raise AssertionError(f"{self.pending()} notifications still queued after {timeout} s")


def call(client, facts, model, method, *args, **kwargs):
    """One RPC call; a serialization failure reaching the client is counted, then retried
    (the test must go on to check everything else)."""
    for _attempt in range(5):
        try:
            with facts.lock:
                facts.calls += 1
            return client.call(model, method, *args, **kwargs)
        except xmlrpc.client.Fault as fault:
            text = fault.faultString
            if "cannot marshal None" in text:
                # the method ran and committed; Odoo's XML-RPC cannot return its None result
                return None
            if any(marker in text for marker in SERIALIZATION_MARKERS):
                with facts.lock:
                    facts.serialization_faults.append(text[-300:])
                time.sleep(0.2)
                continue
            raise
    raise AssertionError(f"{model}.{method} failed 5 times on serialization")


def salesperson_load(server, login, env, facts, iterations, hot_lead):
    client = server.client(login, PASSWORD)
    uid = client.uid
    stages = env["stages"]
    for index in range(iterations):
        lead = call(
            client, facts, "crm.lead", "create",
            {
                "name": f"{login} CT scanner {index}",
                "type": "opportunity",
                "partner_id": env["hospital"],
                "team_id": env["team"],
                "user_id": uid,
                "deal_kind_id": env["kind"],
                "expected_revenue": 100000 * (index + 1),
            },
        )  # fmt: skip
        facts.add("leads", lead)
        for stage in stages[1:3]:
            call(client, facts, "crm.lead", "write", [lead], {"stage_id": stage})
            facts.add("stage_moves", lead)
        task = call(
            client, facts, "medcrm.task", "create",
            {"name": f"Site survey {login} {index}", "user_id": uid, "lead_id": lead},
        )  # fmt: skip
        facts.add("tasks", task)
        call(client, facts, "medcrm.task", "action_accept", [task])
        call(client, facts, "medcrm.task", "action_done", [task])
        facts.add("task_moves", task, 2)  # two state changes, two transactions
        if index % 2 == 0:
            call(client, facts, "crm.lead", "action_set_won", [lead])
            facts.add("won", lead)
            facts.add("stage_moves", lead)  # into the won stage
        else:
            call(client, facts, "crm.lead", "action_set_lost", [lead])
            facts.add("lost", lead)
        # Everybody moves the shared deal too: concurrent writes on one row.
        target = stages[(index + hash(login)) % 3]
        call(client, facts, "crm.lead", "write", [hot_lead], {"stage_id": target})


def run_clients(server, env, facts, hot_lead, iterations=ITERATIONS):
    errors = []

    def worker(login):
        try:
            salesperson_load(server, login, env, facts, iterations, hot_lead)
        except Exception as exc:  # reported by the test, not lost in the thread
            errors.append(f"{login}: {exc!r}")

    threads = [threading.Thread(target=worker, args=(f"mw_seller{n}",)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    assert not errors, errors


def setup_over_rpc(admin, smtp_port, events):
    """Users, team, customer and one notification rule per event, as an administrator would."""
    disable_online_crons(admin)
    users = {}
    for key, (name, group) in USERS.items():
        module, name_ = group.split(".")
        group_id = admin.call(
            "ir.model.data", "search_read", [("module", "=", module), ("name", "=", name_)],
            ["res_id"],
        )[0]["res_id"]  # fmt: skip
        users[key] = admin.call(
            "res.users", "create",
            {
                "name": name, "login": f"mw_{key}", "password": PASSWORD,
                "email": f"{key}@mw.example", "notification_type": "inbox",
                "groups_id": [(4, group_id)],
            },
        )  # fmt: skip
    sellers = [users[key] for key in USERS if key.startswith("seller")]
    team = admin.call(
        "crm.team", "create",
        {"name": "MW Hospitals", "user_id": users["manager"],
         "member_ids": [(6, 0, sellers)]},
    )  # fmt: skip
    hospital = admin.call(
        "res.partner", "create",
        {"name": "MW Regional Hospital", "is_company": True, "email": "mw@hospital.example"},
    )  # fmt: skip
    kind = admin.call("medcrm.deal.kind", "search", [("code", "=", "GENERAL")])[0]
    stage_rows = admin.call(
        "medcrm.deal.kind.stage", "search_read", [("kind_id", "=", kind)], ["stage_id"],
        order="sequence, id",
    )  # fmt: skip
    stage_ids = [row["stage_id"][0] for row in stage_rows]
    won = admin.call("crm.stage", "search", [("id", "in", stage_ids), ("is_won", "=", True)])
    stages = [stage for stage in stage_ids if stage not in won]
    directors = admin.call(
        "res.groups", "create",
        {"name": "MW Directors", "users": [(6, 0, [users["director"], users["ceo"]])]},
    )  # fmt: skip
    admin.call("ir.mail_server", "create", {
        "name": "MW sink", "smtp_host": "127.0.0.1", "smtp_port": smtp_port,
        "smtp_encryption": "none",
    })  # fmt: skip
    rules = {}
    for event in events:
        vals = {
            "name": f"MW {event.code}",
            "event_code": event.code,
            "is_channel_inbox": True,
            "is_channel_email": True,
        }
        extra = dict(event.rule_extra)
        static = extra.pop("user_ids", None)
        if static is None and set(event.recipients) == {"director", "ceo"}:
            vals["group_ids"] = [(4, directors)]
        else:
            vals["user_ids"] = [(6, 0, [users[key] for key in static or event.recipients])]
        vals.update(extra)
        rules[event.code] = admin.call("medcrm.notify.rule", "create", vals)
    return {
        "users": users,
        "team": team,
        "hospital": hospital,
        "kind": kind,
        "stages": stages,
        "rules": rules,
    }


def check_exactly_once(db, sink, env, events, facts, resent=()):
    """Every expected notification once (log, inbox, email), none extra. The emails of
    ``resent`` (Message-IDs) may have reached the SMTP server twice, with that same Message-ID:
    those whose sending was interrupted after the server received them."""
    users = env["users"]
    partner_of = dict(db.query("SELECT id, partner_id FROM res_users WHERE id = ANY(%s)",
                               (list(users.values()),)))  # fmt: skip
    problems = []
    for event in events:
        rule = env["rules"][event.code]
        expected = event.expected(facts, db)
        recipients = {partner_of[users[key]] for key in event.recipients}
        logs = db.query(
            "SELECT res_id, partner_id, channel, state, mail_id, message_id "
            "FROM medcrm_notify_log WHERE rule_id = %s",
            (rule,),
        )
        got = Counter((res_id, partner, channel) for res_id, partner, channel, *_ in logs)
        want = Counter()
        for res_id, count in expected.items():
            for partner in recipients:
                for channel in ("inbox", "email"):
                    want[(res_id, partner, channel)] = count
        if got != want:
            problems.append(
                f"{event.code}: log rows differ: missing {dict(want - got)}, "
                f"extra {dict(got - want)}"
            )
        not_sent = [row for row in logs if row[3] != "sent"]
        if not_sent:
            problems.append(f"{event.code}: {len(not_sent)} rows not sent, e.g. {not_sent[:3]}")
    # Inbox: one mail.notification per sent inbox row; email: one mail.mail, one SMTP message.
    duplicates = db.query(
        "SELECT l.id, count(n.id) FROM medcrm_notify_log l "
        "LEFT JOIN mail_notification n ON n.mail_message_id = l.message_id "
        "AND n.res_partner_id = l.partner_id "
        "WHERE l.channel = 'inbox' AND l.state = 'sent' GROUP BY l.id HAVING count(n.id) != 1"
    )
    if duplicates:
        problems.append(f"inbox rows without exactly one notification: {duplicates[:5]}")
    mails = db.query(
        "SELECT m.id, m.state, msg.message_id FROM medcrm_notify_log l "
        "JOIN mail_mail m ON m.id = l.mail_id JOIN mail_message msg ON msg.id = m.mail_message_id "
        "WHERE l.channel = 'email' AND l.state = 'sent'"
    )
    sent_emails = db.query(
        "SELECT count(*) FROM medcrm_notify_log WHERE channel = 'email' AND state = 'sent'"
    )[0][0]
    if len(mails) != sent_emails or {state for _id, state, _mid in mails} - {"sent"}:
        problems.append(
            f"{sent_emails} emails logged sent but mail.mail says {Counter(m[1] for m in mails)}"
        )
    received = Counter(sink.message_ids())
    wanted = Counter(message_id for _id, _state, message_id in mails)
    extra = received - wanted
    allowed = Counter(dict.fromkeys(resent, 1))
    if wanted - received or extra - allowed:
        problems.append(
            f"SMTP sink: {sum(received.values())} messages for {len(wanted)} emails; "
            f"missing {len(wanted - received)}, duplicated or extra {dict(extra - allowed)}"
        )
    return problems


def resent_message_ids(db):
    """Message-IDs of the emails the log says were sent again after an interrupted sending."""
    return {
        message_id
        for (message_id,) in db.query(
            "SELECT msg.message_id FROM medcrm_notify_log l JOIN mail_mail m ON m.id = l.mail_id "
            "JOIN mail_message msg ON msg.id = m.mail_message_id "
            "WHERE starts_with(l.note, 'Interrupted while being sent')"
        )
    }


class Sink:
    """The loopback SMTP sink of medcrm_notify's tests, stopped and started again on one port;
    optionally slow: ``delay`` seconds between receiving a message and replying that it is
    accepted (a sender killed then has delivered a message it never learns about)."""

    def __init__(self, port):
        self.port = port
        self.handlers = []
        self.controller = None
        self.delay = 0.0

    def start(self):
        handler, self.controller = start_sink(self.port)
        keep = handler.handle_DATA

        async def handle_data(server, session, envelope):
            reply = await keep(server, session, envelope)  # received and kept
            if self.delay:
                # The sender waits here for the reply: a worker killed now has delivered an
                # email it cannot record as sent (the SMTP duplicate window of RFC 1047).
                time.sleep(self.delay)
            return reply

        handler.handle_DATA = handle_data
        self.handlers.append(handler)

    def stop(self):
        self.controller.stop()
        self.controller = None

    @property
    def received(self):
        return [item for handler in self.handlers for item in handler.received]

    def message_ids(self):
        return [message_id for handler in self.handlers for message_id in handler.message_ids()]

    def sender_pid(self):
        """The process connected to the sink right now (the worker sending an email)."""
        for conn in psutil.net_connections(kind="tcp"):
            if conn.raddr and conn.raddr.port == self.port and conn.pid:
                return conn.pid
        return None


def available_events(admin):
    codes = {code for code, _label in admin.call(
        "medcrm.notify.rule", "fields_get", ["event_code"], attributes=["selection"]
    )["event_code"]["selection"]}  # fmt: skip
    return [event for event in EVENTS if event.code in codes]


@pytest.fixture(scope="module")
def multiworker_db(odoo_command, medcrm_template_db):
    database = odoo_command.copy_database(medcrm_template_db, "medcrm_mw")
    yield database
    odoo_command.drop_database(database)


def test_notifications_exactly_once_with_workers_smtp_outage_and_killed_cron(
    odoo_command, multiworker_db
):
    db = Db(multiworker_db)
    sink = Sink(free_port())
    sink.start()
    server = OdooServer(
        odoo_command, multiworker_db, workers=2, cron_workers=2,
        extra_args=["--log-level=info"],
    )  # fmt: skip
    report = {}
    with server:
        admin = server.client("admin", "admin")
        events = available_events(admin)
        env = setup_over_rpc(admin, sink.port, events)
        seller0 = server.client("mw_seller0", PASSWORD)
        facts = Facts()
        # Unassigned: every salesperson of the team may move it.
        hot_lead = call(seller0, facts, "crm.lead", "create", {
            "name": "Shared angiography system", "type": "opportunity",
            "partner_id": env["hospital"], "team_id": env["team"], "user_id": False,
            "deal_kind_id": env["kind"],
        })  # fmt: skip
        facts.add("leads", hot_lead)
        facts.add("hot_lead", hot_lead)

        # 1. Concurrent load, SMTP up.
        started = time.monotonic()
        run_clients(server, env, facts, hot_lead)
        report["load_seconds"] = round(time.monotonic() - started, 1)
        db.wait_dispatched()
        problems = check_exactly_once(db, sink, env, events, facts)
        assert not problems, "\n".join(problems)

        # 2. SMTP down for a while: deliveries fail and wait for their retry; then up again.
        sink.stop()
        run_clients(server, env, facts, hot_lead, iterations=1)
        db.wait_dispatched()
        waiting = db.query(
            "SELECT count(*) FROM medcrm_notify_log WHERE state = 'retry' AND channel = 'email'"
        )[0][0]
        assert waiting, "with the SMTP server down, emails wait for a retry"
        report["emails_failed_while_smtp_down"] = waiting
        sink.start()
        # The retry delay (minutes) has passed: as if the clock moved on.
        # (Odoo's clock has whole seconds: one second back, so that the rows are due now.)
        db.query(
            "UPDATE medcrm_notify_log SET date_next_try = "
            "date_trunc('second', now() at time zone 'utc') - interval '1 second' "
            "WHERE state = 'retry'"
        )
        db.wake_dispatcher()
        db.wait_dispatched()
        problems = check_exactly_once(db, sink, env, events, facts)
        assert not problems, "\n".join(problems)

        # 3. A cron worker killed in the middle of a dispatch batch, while the SMTP server
        #    holds its reply to a message it has received.
        sink.delay = 0.15
        before = len(sink.received)
        burst = [
            {
                "name": f"Burst ultrasound {n}", "type": "opportunity",
                "partner_id": env["hospital"], "team_id": env["team"], "user_id": seller0.uid,
                "deal_kind_id": env["kind"],
            }
            for n in range(25)
        ]  # fmt: skip
        for lead in call(seller0, facts, "crm.lead", "create", burst):
            facts.add("leads", lead)
        deadline = time.monotonic() + 120
        victim = None
        while time.monotonic() < deadline and victim is None:
            if len(sink.received) - before >= 4:
                victim = sink.sender_pid()
            time.sleep(0.02)
        assert victim, "the dispatcher did not start sending the burst"
        master = psutil.Process(server.process.pid)
        assert victim in [child.pid for child in master.children()], "a worker of this server"
        committed = db.query("SELECT count(*) FROM medcrm_notify_log WHERE state = 'sent'")[0][0]
        psutil.Process(victim).kill()
        report["killed_worker"] = victim
        report["received_before_kill"] = len(sink.received) - before
        sink.delay = 0.0
        db.wake_dispatcher()
        db.wait_dispatched()
        assert victim not in [child.pid for child in master.children()]
        resent = resent_message_ids(db)
        # one worker killed: at most its one email in flight was sent again, with its Message-ID
        assert len(resent) <= 1, f"resent after one kill: {resent}"
        problems = check_exactly_once(db, sink, env, events, facts, resent=resent)
        report["sent_rows_when_killed"] = committed
        report["resent_after_kill"] = len(resent)
        report["received_twice"] = sum(1 for n in Counter(sink.message_ids()).values() if n > 1)
        assert not problems, "\n".join(problems)

    log = server.log_path.read_text(errors="replace")
    report["server_side_retries"] = log.count("try again in")
    report["client_calls"] = facts.calls
    report["events"] = [event.code for event in events]
    report["log_rows"] = db.query("SELECT count(*) FROM medcrm_notify_log")[0][0]
    print(f"\nmulti-worker report: {report}")
    assert not facts.serialization_faults, (
        f"{len(facts.serialization_faults)} serialization failures reached clients: "
        f"{facts.serialization_faults[:3]}"
    )
    ours = re.findall(r"^\S+ \S+ \d+ (?:ERROR|CRITICAL) \S+ odoo\.addons\.medcrm_.*$", log, re.M)
    assert not ours, f"errors logged by medcrm code in the server log: {ours[:5]}"
