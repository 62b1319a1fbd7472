import contextlib
import email
import socket

from aiosmtpd.controller import Controller

from odoo.modules import module

from odoo.addons.medcrm_deals.tests.common import MedcrmDealsCase


class SinkHandler:
    """An SMTP server on loopback that keeps what it receives: (from, recipients, content)."""

    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append(
            (envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.content).decode())
        )
        return "250 Message accepted for delivery"

    def to(self, address):
        return [item for item in self.received if address in item[1]]

    def message_ids(self):
        """The Message-ID of each message received, in order."""
        return [message_id_of(content) for _sender, _recipients, content in self.received]


def message_id_of(content):
    """The Message-ID header of a raw message as the SMTP server received it."""
    return (email.message_from_string(content)["Message-Id"] or "").strip()


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_sink(port):
    handler = SinkHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    return handler, controller


@contextlib.contextmanager
def real_smtp():
    """Odoo's own test runner makes ir.mail_server skip SMTP while a test runs (this flag);
    lift it so that the outgoing server really talks to the loopback sink whichever runner
    runs the tests."""
    current = module.current_test
    module.current_test = False
    try:
        yield
    finally:
        module.current_test = current


class NotifyCase(MedcrmDealsCase):
    """The shared deals fixtures (users of each CRM group, the equipment kind's stages, the
    hospital) with what notifications need besides: a sales team led by the manager, each user
    with their own address and Odoo's inbox for notifications, a director group, an outgoing
    server on a loopback SMTP sink. Rules that exist in the database (demo data) are archived
    so that only each test's rules act."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.env["medcrm.notify.rule"].search([]).action_archive()
        # Every email of these tests goes to a real SMTP server on loopback.
        cls.smtp_port = free_port()
        cls.smtp, controller = start_sink(cls.smtp_port)
        cls.addClassCleanup(controller.stop)
        cls.env["ir.mail_server"].search([]).active = False
        cls.mail_server = cls.env["ir.mail_server"].create(
            {
                "name": "Loopback sink",
                "smtp_host": "127.0.0.1",
                "smtp_port": cls.smtp_port,
                "smtp_encryption": "none",
                "sequence": 10,
            }
        )
        cls.Rule = cls.env["medcrm.notify.rule"]
        cls.Log = cls.env["medcrm.notify.log"]
        # salespeople who see only their own deals, their team's leader, a director who sees
        # every deal
        cls.seller = cls.user_salesman
        cls.other_seller = cls.user_salesman_other
        cls.manager = cls.user_manager
        cls.director = cls.user_all_leads
        for user in cls.seller | cls.other_seller | cls.manager | cls.director:
            user.write({"email": f"{user.login}@example.com", "notification_type": "inbox"})
        cls.directors = cls.env["res.groups"].create(
            {"name": "Directors (test)", "users": [(4, cls.director.id)]}
        )
        cls.admin_user = cls.env.ref("base.user_admin")
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Hospitals North",
                "user_id": cls.manager.id,
                "member_ids": [(4, cls.seller.id), (4, cls.other_seller.id)],
            }
        )
        # the equipment sale's stages, in their order
        cls.stage_new = cls.stage_qualification
        cls.stage_demo = cls.stage_offer
        cls.stage_offer = cls.stage_tender
        cls.stage_won = cls.stage_equipment_won
        cls.hospital.email = "info@hospital.example"

    # helpers -----------------------------------------------------------

    @classmethod
    def make_rule(cls, **vals):
        values = {
            "name": "Test rule",
            "event_code": "lead_created",
            "user_ids": [(4, cls.director.id)],
            "is_channel_inbox": True,
        }
        values.update(vals)
        return cls.env["medcrm.notify.rule"].create(values)

    def make_lead(self, user=None, **vals):
        values = {
            "name": "MRI scanner for City Hospital",
            "type": "opportunity",
            "partner_id": self.hospital.id,
            "user_id": self.seller.id,
            "team_id": self.team.id,
            "deal_kind_id": self.kind_equipment.id,
            "stage_id": self.stage_new.id,
            "expected_revenue": 500000,
        }
        values.update(vals)
        Lead = self.env["crm.lead"]
        if user:
            Lead = Lead.with_user(user)
        return Lead.create(values)

    def logs(self, rule, **filters):
        domain = [("rule_id", "=", rule.id)]
        domain += [(key, "=", value) for key, value in filters.items()]
        return self.Log.search(domain)

    def dispatch(self):
        self.env.flush_all()
        with real_smtp():
            sent = self.Log._dispatch_batch(limit=1000)
        self.env.flush_all()
        return sent

    def inbox_messages(self, record, partner):
        return self.env["mail.message"].search(
            [
                ("model", "=", record._name),
                ("res_id", "=", record.id),
                ("message_type", "=", "user_notification"),
                ("partner_ids", "in", partner.ids),
            ]
        )
