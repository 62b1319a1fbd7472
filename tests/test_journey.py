"""The whole journey of one deal, end to end, through the RPC API an integrator uses.

A distributor refers a hospital; the lead becomes an equipment deal with its participants and
primary demand; calls and a task between colleagues move it on; the stage gates hold it until the
deal card is complete; it is won, ordered and delivered with serial numbers to the hospital's
radiology department; a service deal with contract terms follows and its first maintenance is
done; the hourly obligations job (run over RPC) finds a calibration overdue and the next one due
soon; notification rules (created over RPC) tell exactly the right people along the way; a recall
lookup finds the serials at that department; and the hospital's paper questionnaire is typed in.

Every step runs as the user who does it in real life, against a real Odoo server (its own
database, ports and log) with a real SMTP server on loopback. No demo data is used.
"""

import datetime
import email
import re
import xmlrpc.client

import pytest

from odoo.addons.medcrm_notify.tests.common import start_sink

from .odoo_server import OdooServer, free_port

ERROR_LINE = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ", re.MULTILINE)
PASSWORD = "journey-Pa55"
PDF = {"file": "JVBERi0xLjQKJSBtZWRjcm0K", "file_name": "scan.pdf"}  # a tiny PDF, base64


@pytest.fixture(scope="module")
def journey_server(odoo_command, medcrm_template_db):
    database = odoo_command.copy_database(medcrm_template_db, "medcrm_journey")
    sink, controller = start_sink(smtp_port := free_port())
    server = OdooServer(odoo_command, database, workers=0, cron_workers=0, smtp_port=smtp_port)
    try:
        with server:
            yield server, sink
    finally:
        controller.stop()
        odoo_command.drop_database(database)


def xmlid(admin, module, name):
    rows = admin.call(
        "ir.model.data",
        "search_read",
        [("module", "=", module), ("name", "=", name)],
        fields=["res_id"],
    )
    assert rows, f"{module}.{name} is missing"
    return rows[0]["res_id"]


def new_user(admin, login, name, groups):
    return admin.call(
        "res.users",
        "create",
        {
            "login": login,
            "name": name,
            "password": PASSWORD,
            "email": f"{login}@journey.example",
            # inbox: chatter notifications stay in Odoo, so that the SMTP sink receives only
            # what the notification rules send
            "notification_type": "inbox",
            "groups_id": [(6, 0, groups)],
        },
        context={"no_reset_password": True},  # the admin gives the password: no invitation
    )


def read_one(client, model, record_id, fields):
    return client.call(model, "read", [record_id], fields=fields)[0]


def rpc_error(call, *args, **kwargs):
    """The message of the error an RPC call raises (the user sees the same text)."""
    with pytest.raises(xmlrpc.client.Fault) as caught:
        call(*args, **kwargs)
    return caught.value.faultString


def run_cron(admin, module, name):
    """Run a scheduled job now, as its scheduler would (the test server runs no cron thread, so
    that the test decides when timed work happens and notifications go out)."""
    admin.call("ir.cron", "method_direct_trigger", [xmlid(admin, module, name)])


def dispatch_notifications(admin):
    """Run the dispatcher now (its cron is triggered on commit)."""
    run_cron(admin, "medcrm_notify", "ir_cron_medcrm_notify_dispatch")


def sink_recipients(sink, subject_part):
    recipients = set()
    for _sender, rcpt_tos, content in sink.received:
        subject = str(email.header.make_header(email.header.decode_header(
            email.message_from_string(content)["Subject"] or ""
        )))  # fmt: skip
        if subject_part in subject:
            recipients.update(rcpt_tos)
    return recipients


def test_deal_journey_from_distributor_referral_to_serviced_device(journey_server):
    server, sink = journey_server
    admin = server.client("admin", "admin")
    today = datetime.date.today()

    # ---------------------------------------------------------------- the company, set up
    group_salesman = xmlid(admin, "sales_team", "group_sale_salesman")
    group_sale_manager = xmlid(admin, "sales_team", "group_sale_manager")
    group_service_user = xmlid(admin, "medcrm_service_contract", "group_service_user")
    group_service_manager = xmlid(admin, "medcrm_service_contract", "group_service_manager")
    group_stock_user = xmlid(admin, "stock", "group_stock_user")
    leader_id = new_user(admin, "leader", "Tatiana Leader", [group_sale_manager])
    sales_id = new_user(admin, "sasha", "Sasha Sales", [group_salesman])
    colleague_id = new_user(admin, "boris", "Boris Bystander", [group_salesman])
    distrib_head_id = new_user(admin, "dmitry", "Dmitry Distribution", [group_sale_manager])
    engineer_id = new_user(admin, "egor", "Egor Engineer", [group_service_user])
    service_head_id = new_user(admin, "sergei", "Sergei Service Head", [group_service_manager])
    new_user(admin, "stas", "Stas Storekeeper", [group_stock_user])
    team_id = admin.call(
        "crm.team",
        "create",
        {
            "name": "Hospitals North-West",
            "user_id": leader_id,
            "crm_team_member_ids": [(0, 0, {"user_id": uid}) for uid in (sales_id, colleague_id)],
        },
    )

    # Deal kinds with their own stages, as the CRM administrator configures them.
    def stage(name, sequence, **values):
        return admin.call(
            "crm.stage",
            "create",
            {"name": name, "sequence": sequence, **values},
            context={"medcrm_no_default_kind": True},
        )

    st_qualif = stage("Qualification", 801)
    st_offer = stage("Commercial offer", 802)
    st_contract = stage("Contract", 803)
    st_won = stage("Equipment delivered", 804, is_won=True)
    st_request = stage("Service request", 811)
    st_service_won = stage("Contract signed", 812, is_won=True)

    def kind(name, code, stage_ids, **options):
        return admin.call(
            "medcrm.deal.kind",
            "create",
            {
                "name": name,
                "code": code,
                **options,
                "stage_line_ids": [
                    (0, 0, {"stage_id": sid, "sequence": seq})
                    for seq, sid in enumerate(stage_ids, start=1)
                ],
            },
        )

    kind_equipment = kind(
        "Equipment sale", "J_EQUIPMENT", [st_qualif, st_offer, st_contract, st_won]
    )
    kind_service = kind(
        "Service contract", "J_SERVICE", [st_request, st_service_won], uses_contract_terms=True
    )
    role_chief = xmlid(admin, "medcrm_deals", "medcrm_participant_role_chief_physician")
    role_engineer = xmlid(admin, "medcrm_deals", "medcrm_participant_role_biomedical_engineer")
    doc_offer = xmlid(admin, "medcrm_deals", "medcrm_document_type_commercial_offer")
    doc_contract = xmlid(admin, "medcrm_deals", "medcrm_document_type_contract")

    def gate(stage_id, requirement, **what):
        return {"kind_id": kind_equipment, "stage_id": stage_id, "requirement": requirement, **what}

    admin.call(
        "medcrm.stage.gate",
        "create",
        [
            gate(st_offer, "participant", role_id=role_chief),
            gate(st_contract, "document", document_type_id=doc_offer),
            gate(st_won, "document", document_type_id=doc_contract),
        ],
    )

    # Notification rules, created over RPC by the administrator.
    admin.call("medcrm.notify.rule", "search", [])  # readable by the admin
    rule_referral = admin.call(
        "medcrm.notify.rule",
        "create",
        {
            "name": "Distributor referral: tell the head of distribution",
            "event_code": "lead_created",
            "domain": repr([("source_partner_id.is_distributor", "=", True)]),
            "user_ids": [(6, 0, [distrib_head_id])],
            "is_channel_inbox": True,
            "is_channel_email": True,
        },
    )
    rule_won = admin.call(
        "medcrm.notify.rule",
        "create",
        {
            "name": "Equipment won: team leader and service",
            "event_code": "lead_won",
            "domain": repr([("deal_kind_id", "=", kind_equipment)]),
            "is_to_team_leader": True,
            "is_to_salesperson": True,  # the salesperson wins it: the author is not notified
            "user_ids": [(6, 0, [engineer_id])],
            "is_channel_inbox": False,
            "is_channel_email": True,
        },
    )
    # Service obligations: the responsible engineer hears of one coming up; an overdue one goes
    # to the head of service as well.
    rule_due_soon = admin.call(
        "medcrm.notify.rule",
        "create",
        {
            "name": "Obligation due soon: the responsible engineer",
            "event_code": "contract_obligation_due_soon",
            "is_to_salesperson": True,  # an obligation's "salesperson" is its responsible
            "is_channel_inbox": False,
            "is_channel_email": True,
        },
    )
    rule_overdue = admin.call(
        "medcrm.notify.rule",
        "create",
        {
            "name": "Obligation overdue: engineer and head of service",
            "event_code": "contract_obligation_overdue",
            "is_to_salesperson": True,
            "user_ids": [(6, 0, [service_head_id])],
            "is_channel_inbox": False,
            "is_channel_email": True,
        },
    )

    # Customers: the distributor and the hospital with its departments and people.
    distributor_id = admin.call(
        "res.partner",
        "create",
        {"name": "MedTechnika Distribution LLC", "is_company": True, "is_distributor": True},
    )
    hospital_id = admin.call(
        "res.partner",
        "create",
        {
            "name": "St. Petersburg City Hospital No. 26",
            "is_company": True,
            "city": "Saint Petersburg",
        },
    )
    radiology_id, cardiology_id, chief_id, bme_id = admin.call(
        "res.partner",
        "create",
        [
            {
                "name": "Radiology department",
                "parent_id": hospital_id,
                "type": "delivery",
                "street": "Kostyushko 2",
                "city": "Saint Petersburg",
            },
            {"name": "Cardiology department", "parent_id": hospital_id, "type": "delivery"},
            {"name": "Dr. Irina Smirnova", "parent_id": hospital_id, "function": "Chief physician"},
            {
                "name": "Pavel Kuznetsov",
                "parent_id": hospital_id,
                "function": "Biomedical engineer",
                "email": "kuznetsov@hospital26.example",
            },
        ],
    )

    # The warehouse holds three serial-tracked MRI scanners.
    mri_id = admin.call(
        "product.product",
        "create",
        {
            "name": "MRI scanner Vega 1.5T",
            "is_storable": True,
            "tracking": "serial",
            "list_price": 950000,
        },
    )
    stock_location = admin.call(
        "stock.warehouse", "search_read", [], fields=["lot_stock_id"], limit=1
    )[0]["lot_stock_id"][0]
    serials = ["VG15-0101", "VG15-0102", "VG15-0103"]
    lot_ids = admin.call(
        "stock.lot", "create", [{"name": name, "product_id": mri_id} for name in serials]
    )
    quant_ids = admin.call(
        "stock.quant",
        "create",
        [
            {
                "product_id": mri_id,
                "location_id": stock_location,
                "lot_id": lot_id,
                "inventory_quantity": 1,
            }
            for lot_id in lot_ids
        ],
        context={"inventory_mode": True},
    )
    admin.call_json("stock.quant", "action_apply_inventory", quant_ids)
    on_hand = admin.call(
        "stock.quant",
        "search_read",
        [("product_id", "=", mri_id), ("location_id", "=", stock_location)],
        fields=["quantity"],
    )
    assert sum(quant["quantity"] for quant in on_hand) == 3

    sales = server.client("sasha", PASSWORD)
    leader = server.client("leader", PASSWORD)
    engineer = server.client("egor", PASSWORD)
    storekeeper = server.client("stas", PASSWORD)

    # ---------------------------------------------------------------- 1. the referral
    channel_distributor = xmlid(admin, "medcrm_deals", "medcrm_sales_channel_distributor")
    lead_id = sales.call(
        "crm.lead",
        "create",
        {
            "name": "MRI for City Hospital No. 26",
            "type": "lead",
            "deal_kind_id": kind_equipment,
            "sales_channel_id": channel_distributor,
            "source_partner_id": distributor_id,
            "partner_name": "St. Petersburg City Hospital No. 26",
            "user_id": sales_id,
            "team_id": team_id,
            "description": "MedTechnika says the hospital replaces its 0.35T MRI this year.",
        },
    )
    convert = sales.call(
        "crm.lead2opportunity.partner",
        "create",
        {"name": "convert", "action": "exist", "partner_id": hospital_id, "lead_id": lead_id},
        context={"active_model": "crm.lead", "active_id": lead_id, "active_ids": [lead_id]},
    )
    sales.call(
        "crm.lead2opportunity.partner",
        "action_apply",
        [convert],
        context={"active_model": "crm.lead", "active_id": lead_id, "active_ids": [lead_id]},
    )
    deal = read_one(
        sales,
        "crm.lead",
        lead_id,
        ["type", "partner_id", "deal_kind_id", "stage_id", "channel_source_name"],
    )
    assert deal["type"] == "opportunity"
    assert deal["partner_id"][0] == hospital_id
    assert deal["deal_kind_id"][0] == kind_equipment
    assert deal["stage_id"][0] == st_qualif, "a new deal starts in its kind's first stage"
    assert deal["channel_source_name"] == "MedTechnika Distribution LLC"

    # ---------------------------------------------------------------- 2. the deal card
    sales.call(
        "crm.lead",
        "write",
        [lead_id],
        {
            "end_partner_id": hospital_id,
            "end_address_id": radiology_id,
            "expected_revenue": 1900000,
            "demand_ids": [(0, 0, {"product_id": mri_id, "quantity": 2})],
        },
    )

    def through_gate(move, missing, supply):
        """A gated move is refused with a message naming what is missing; once the salesperson
        supplies it, the same move passes."""
        method, *args = move
        message = rpc_error(sales.call, "crm.lead", method, [lead_id], *args)
        assert all(text in message for text in missing), message
        supply()
        sales.call("crm.lead", method, [lead_id], *args)

    def add_document(document_type_id, name):
        sales.call(
            "medcrm.deal.document",
            "create",
            {"lead_id": lead_id, "document_type_id": document_type_id, "name": name, **PDF},
        )

    # The gate of the offer stage: a chief physician must be a participant.
    through_gate(
        ("write", {"stage_id": st_offer}),
        ["cannot enter the stage “Commercial offer”", "Chief physician"],
        lambda: sales.call(
            "crm.lead",
            "write",
            [lead_id],
            {
                "participant_ids": [
                    (0, 0, {"partner_id": chief_id, "role_id": role_chief, "is_primary": True}),
                    (0, 0, {"partner_id": bme_id, "role_id": role_engineer}),
                ]
            },
        ),
    )

    # the hospital's budget comes next quarter: the salesperson parks the deal until then, and
    # takes it up again when the chief physician calls back early
    resume_on = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    sales.call("crm.lead", "action_medcrm_pause", [lead_id], resume_on, "Budget next quarter")
    paused = read_one(sales, "crm.lead", lead_id, ["is_paused", "paused_until", "pause_reason"])
    assert paused["is_paused"] and paused["paused_until"] == resume_on
    assert paused["pause_reason"] == "Budget next quarter"
    sales.call("crm.lead", "action_medcrm_resume", [lead_id])
    assert not read_one(sales, "crm.lead", lead_id, ["is_paused"])["is_paused"]

    # ---------------------------------------------------------------- 3. interactions and a task
    call_type = xmlid(admin, "medcrm_deals", "medcrm_interaction_type_call")
    call_id = sales.call(
        "medcrm.interaction",
        "create",
        {
            "name": "First call with the chief physician",
            "lead_id": lead_id,
            "type_id": call_type,
            "date_planned": f"{today} 09:00:00",
            "participant_ids": [(6, 0, [chief_id])],
        },
    )
    message = rpc_error(sales.call, "medcrm.interaction", "action_done", [call_id])
    assert "result" in message.lower()
    sales.call(
        "medcrm.interaction",
        "write",
        [call_id],
        {"result": "Two 1.5T scanners wanted; budget approved.", "next_step": "Send an offer"},
    )
    sales.call("medcrm.interaction", "action_done", [call_id])
    task_id = sales.call(
        "medcrm.task",
        "create",
        {
            "name": "Check the radiology room: shielding and power",
            "lead_id": lead_id,
            "user_id": engineer_id,
            "date_deadline": str(today + datetime.timedelta(days=5)),
        },
    )
    message = rpc_error(sales.call, "medcrm.task", "action_accept", [task_id])
    assert "accept" in message
    engineer.call("medcrm.task", "action_accept", [task_id])
    engineer.call("medcrm.task", "action_done", [task_id])
    sales.call("medcrm.task", "action_verify", [task_id])
    task = read_one(sales, "medcrm.task", task_id, ["state", "author_id", "user_id"])
    assert (task["state"], task["author_id"][0], task["user_id"][0]) == (
        "closed",
        sales_id,
        engineer_id,
    )

    # ---------------------------------------------------------------- 4. stage gates, then won
    through_gate(
        ("write", {"stage_id": st_contract}),
        ["Commercial offer"],
        lambda: add_document(doc_offer, "Offer 2 x Vega 1.5T"),
    )
    through_gate(
        ("action_set_won",),
        ["Contract"],
        lambda: add_document(doc_contract, "Supply contract 26/MRI"),
    )
    deal = read_one(sales, "crm.lead", lead_id, ["stage_id", "fulfillment_ids"])
    assert deal["stage_id"][0] == st_won
    assert len(deal["fulfillment_ids"]) == 1, "winning opens the fulfillment record"
    history = sales.call(
        "medcrm.deal.stage.history",
        "search_read",
        [("lead_id", "=", lead_id)],
        fields=["stage_id"],
        order="id",
    )
    assert [row["stage_id"][0] for row in history] == [st_qualif, st_offer, st_contract, st_won]

    # ---------------------------------------------------------------- 5. order and delivery
    order_id = sales.call(
        "sale.order",
        "create",
        {
            "partner_id": hospital_id,
            "opportunity_id": lead_id,
            "order_line": [(0, 0, {"product_id": mri_id, "product_uom_qty": 2})],
        },
    )
    sales.call("sale.order", "action_confirm", [order_id])
    order = read_one(sales, "sale.order", order_id, ["end_partner_id", "end_address_id"])
    assert order["end_address_id"][0] == radiology_id, "the order takes the deal's department"
    picking_id = storekeeper.call("stock.picking", "search", [("sale_id", "=", order_id)])[0]
    picking = read_one(
        storekeeper, "stock.picking", picking_id, ["end_address_id", "move_ids", "move_line_ids"]
    )
    assert picking["end_address_id"][0] == radiology_id
    move = read_one(
        storekeeper, "stock.move", picking["move_ids"][0], ["location_id", "location_dest_id"]
    )
    storekeeper.call("stock.move.line", "unlink", picking["move_line_ids"])
    storekeeper.call(
        "stock.move.line",
        "create",
        [
            {
                "move_id": picking["move_ids"][0],
                "picking_id": picking_id,
                "product_id": mri_id,
                "lot_id": lot_id,
                "quantity": 1,
                "picked": True,
                "location_id": move["location_id"][0],
                "location_dest_id": move["location_dest_id"][0],
            }
            for lot_id in lot_ids[:2]
        ],
    )
    result = storekeeper.call("stock.picking", "button_validate", [picking_id])
    assert result is True, result
    units = sales.call(
        "medcrm.fulfillment.unit",
        "search_read",
        [("lead_id", "=", lead_id)],
        fields=["lot_id", "end_partner_id", "end_address_id", "state"],
    )
    assert sorted(unit["lot_id"][1] for unit in units) == serials[:2]
    assert {(u["end_partner_id"][0], u["end_address_id"][0], u["state"]) for u in units} == {
        (hospital_id, radiology_id, "active")
    }
    fulfillment = read_one(
        sales, "medcrm.fulfillment", deal["fulfillment_ids"][0], ["qty_expected", "qty_delivered"]
    )
    assert (fulfillment["qty_expected"], fulfillment["qty_delivered"]) == (2, 2)

    # ---------------------------------------------------------------- 6. service contract
    visit_type = xmlid(admin, "medcrm_service_contract", "term_type_preventive_maintenance")
    service_id = sales.call(
        "crm.lead",
        "create",
        {
            "name": "Service contract: 2 x Vega 1.5T, City Hospital No. 26",
            "type": "opportunity",
            "deal_kind_id": kind_service,
            "partner_id": hospital_id,
            "user_id": sales_id,
            "team_id": team_id,
        },
    )
    # Contract terms are written by the service department (salespeople only read them).
    message = rpc_error(
        sales.call,
        "medcrm.contract.term",
        "create",
        {"lead_id": service_id, "term_type_id": visit_type},
    )
    assert "medcrm.contract.term" in message or "not allowed" in message
    term_id = engineer.call(
        "medcrm.contract.term",
        "create",
        {
            "lead_id": service_id,
            "term_type_id": visit_type,
            "product_id": mri_id,
            "serial_number": serials[0],
            "date_start": str(today),
            "date_end": str(today + datetime.timedelta(days=364)),
            "recurrence": "months",
            "interval": 3,
            "user_id": engineer_id,
        },
    )
    sales.call("crm.lead", "action_set_won", [service_id])
    assert read_one(sales, "crm.lead", service_id, ["contract_state"])["contract_state"] == "active"
    visits = engineer.call(
        "medcrm.contract.occurrence",
        "search_read",
        [("term_id", "=", term_id)],
        fields=["date_due", "state", "user_id"],
        order="date_due",
    )
    assert len(visits) == 4, "a visit every 3 months for a year"
    assert {visit["state"] for visit in visits} == {"planned"}
    first_visit = visits[0]["id"]
    # The visit's signed act is its evidence: without it, done is refused.
    message = rpc_error(engineer.call, "medcrm.contract.occurrence", "action_done", [first_visit])
    assert "evidence" in message.lower() or "attach" in message.lower()
    engineer.call(
        "medcrm.contract.occurrence",
        "write",
        [first_visit],
        {"evidence_file": "U2lnbmVkIGFjdA==", "evidence_filename": "act-0101.pdf"},
    )
    engineer.call("medcrm.contract.occurrence", "action_done", [first_visit])
    visit = read_one(
        engineer, "medcrm.contract.occurrence", first_visit, ["state", "date_done", "done_user_id"]
    )
    assert (visit["state"], visit["done_user_id"][0]) == ("done", engineer_id)
    service = read_one(
        sales, "crm.lead", service_id, ["contract_occurrence_count", "contract_count_upcoming"]
    )
    assert service["contract_occurrence_count"] == 4
    # The contract also promises a monthly calibration from ten days ago: the first one is
    # overdue already, the next is within its 30 days' reminder. The hourly obligations job
    # (run now over RPC, as the scheduler would) reports both; a second run reports nothing.
    calibration_id = engineer.call(
        "medcrm.contract.term",
        "create",
        {
            "lead_id": service_id,
            "term_type_id": xmlid(admin, "medcrm_service_contract", "term_type_calibration"),
            "product_id": mri_id,
            "serial_number": serials[0],
            "date_start": str(today - datetime.timedelta(days=10)),
            "date_end": str(today + datetime.timedelta(days=354)),
            "recurrence": "months",
            "interval": 1,
            "user_id": engineer_id,
        },
    )
    calibrations = engineer.call(
        "medcrm.contract.occurrence",
        "search_read",
        [("term_id", "=", calibration_id)],
        fields=["date_due"],
        order="date_due",
    )
    overdue_id, due_soon_id = (row["id"] for row in calibrations[:2])
    for _run in range(2):
        run_cron(admin, "medcrm_service_contract", "ir_cron_update_obligations")
    overdue = read_one(engineer, "medcrm.contract.occurrence", overdue_id, ["is_overdue"])
    assert overdue["is_overdue"]

    # ---------------------------------------------------------------- 7. notifications
    dispatch_notifications(admin)
    logs = admin.call(
        "medcrm.notify.log",
        "search_read",
        [("rule_id", "in", [rule_referral, rule_won, rule_due_soon, rule_overdue])],
        fields=["rule_id", "user_id", "channel", "state", "res_id", "skip_reason"],
    )
    sent = {
        (log["rule_id"][0], log["user_id"][0], log["channel"], log["res_id"])
        for log in logs
        if log["state"] == "sent"
    }
    assert sent == {
        (rule_referral, distrib_head_id, "inbox", lead_id),
        (rule_referral, distrib_head_id, "email", lead_id),
        (rule_won, leader_id, "email", lead_id),
        (rule_won, engineer_id, "email", lead_id),
        (rule_due_soon, engineer_id, "email", due_soon_id),
        (rule_overdue, engineer_id, "email", overdue_id),
        (rule_overdue, service_head_id, "email", overdue_id),
    }, logs
    assert not [log for log in logs if log["state"] in ("queued", "retry", "failed")], logs
    skipped = {(log["user_id"][0], log["skip_reason"]) for log in logs if log["state"] == "skipped"}
    assert (sales_id, "author") in skipped, "the salesperson who won it is not told about it"
    assert sink_recipients(sink, "Deal created") == {"dmitry@journey.example"}
    assert sink_recipients(sink, "Deal won") == {
        "leader@journey.example",
        "egor@journey.example",
    }
    assert sink_recipients(sink, "Service obligation due soon") == {"egor@journey.example"}
    assert sink_recipients(sink, "Service obligation overdue") == {
        "egor@journey.example",
        "sergei@journey.example",
    }
    everyone = set()
    for _sender, rcpt_tos, _content in sink.received:
        everyone.update(rcpt_tos)
    assert everyone == {
        "dmitry@journey.example",
        "leader@journey.example",
        "egor@journey.example",
        "sergei@journey.example",
    }, "nobody else (the salesperson, her colleague, the customer) got an email"
    inbox = server.client("dmitry", PASSWORD).call(
        "mail.message",
        "search_count",
        [("model", "=", "crm.lead"), ("res_id", "=", lead_id), ("partner_ids", "!=", False)],
    )
    assert inbox >= 1
    # Running the jobs again sends nothing twice.
    count_before = len(sink.received)
    run_cron(admin, "medcrm_service_contract", "ir_cron_update_obligations")
    dispatch_notifications(admin)
    assert len(sink.received) == count_before

    # ---------------------------------------------------------------- 8. recall lookup
    lookup_id = leader.call(
        "medcrm.recall.lookup", "create", {"serials": f"{serials[0]}, {serials[2]}"}
    )
    leader.call("medcrm.recall.lookup", "action_lookup", [lookup_id])
    lines = leader.call(
        "medcrm.recall.lookup.line",
        "search_read",
        [("wizard_id", "=", lookup_id)],
        fields=["serial", "end_partner_id", "end_address_id", "is_gap", "contacts"],
    )
    by_serial = {line["serial"]: line for line in lines}
    found = by_serial[serials[0]]
    assert not found["is_gap"]
    assert found["end_partner_id"][0] == hospital_id
    assert found["end_address_id"][0] == radiology_id
    assert "Pavel Kuznetsov" in (found["contacts"] or "")
    assert by_serial[serials[2]]["is_gap"], "the serial still in stock is not installed anywhere"

    # ---------------------------------------------------------------- 9. the paper questionnaire
    survey_id = admin.call(
        "survey.survey",
        "create",
        {
            "title": "Installation satisfaction",
            "access_mode": "public",
            "questions_layout": "one_page",
            "question_and_page_ids": [
                (0, 0, {"title": "Installation quality (1-10)", "question_type": "numerical_box",
                        "sequence": 1, "constr_mandatory": True,
                        "validation_required": True, "validation_min_float_value": 1,
                        "validation_max_float_value": 10}),
                (0, 0, {"title": "What should we improve?", "question_type": "text_box",
                        "sequence": 2}),
            ],
        },
    )  # fmt: skip
    entry_id = sales.call(
        "medcrm.survey.entry",
        "create",
        {
            "survey_id": survey_id,
            "partner_id": hospital_id,
            "participant_id": bme_id,
            "lead_id": lead_id,
        },
    )
    entry = read_one(sales, "medcrm.survey.entry", entry_id, ["line_ids", "state"])
    assert entry["state"] == "draft"
    line_rows = sales.call(
        "medcrm.survey.entry.line",
        "read",
        entry["line_ids"],
        fields=["question_type"],
    )
    number_line = next(row["id"] for row in line_rows if row["question_type"] == "numerical_box")
    text_line = next(row["id"] for row in line_rows if row["question_type"] == "text_box")
    sales.call("medcrm.survey.entry.line", "write", [number_line], {"value_char": "42"})
    message = rpc_error(sales.call, "medcrm.survey.entry", "action_submit", [entry_id])
    assert "Installation quality" in message
    sales.call("medcrm.survey.entry.line", "write", [number_line], {"value_char": "9,5"})
    sales.call(
        "medcrm.survey.entry.line", "write", [text_line], {"value_text": "Train more operators"}
    )
    sales.call("medcrm.survey.entry", "action_submit", [entry_id])
    entry = read_one(sales, "medcrm.survey.entry", entry_id, ["state", "user_input_id"])
    assert entry["state"] == "submitted"
    answer = admin.call(
        "survey.user_input", "read", [entry["user_input_id"][0]], fields=["state", "partner_id"]
    )[0]
    assert answer["state"] == "done"
    assert answer["partner_id"][0] == bme_id
    hospital = read_one(sales, "res.partner", hospital_id, ["medcrm_survey_entry_count"])
    assert hospital["medcrm_survey_entry_count"] == 1

    # ---------------------------------------------------------------- the server log is clean
    assert not ERROR_LINE.search(server.log_path.read_text(errors="replace")), server.log_tail()
