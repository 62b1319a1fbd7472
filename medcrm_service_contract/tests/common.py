from odoo.tests import new_test_user

from odoo.addons.medcrm_deals.tests.common import MedcrmDealsCase


class ServiceUsersMixin:
    """The people of the service department and the deal kind that carries contract terms,
    for this add-on's test cases and those of the add-ons built on it."""

    @classmethod
    def _setup_service_users(cls):
        cls.user_service_manager = new_test_user(
            cls.env,
            login="svc_director",
            name="Service Director",
            groups="medcrm_service_contract.group_service_manager",
        )
        cls.user_engineer = new_test_user(
            cls.env,
            login="svc_engineer",
            name="Service Engineer",
            groups="medcrm_service_contract.group_service_user",
        )
        cls.user_engineer_2 = new_test_user(
            cls.env,
            login="svc_engineer_2",
            name="Second Engineer",
            groups="medcrm_service_contract.group_service_user",
        )
        # The service kind this add-on installs (data, not demo): its deals carry terms.
        cls.service_kind = cls.env.ref("medcrm_service_contract.medcrm_deal_kind_service_contract")

    @classmethod
    def _create_term(cls, lead, term_type, user=None, **vals):
        """A term of ``term_type`` on ``lead`` over 2026, every month unless ``vals`` say
        otherwise, the engineer responsible; created as ``user`` if given (rights tests)."""
        values = {
            "lead_id": lead.id,
            "term_type_id": term_type.id,
            "date_start": "2026-01-01",
            "date_end": "2026-12-31",
            "recurrence": "months",
            "interval": 1,
            "user_id": cls.user_engineer.id,
        }
        values.update(vals)
        Term = cls.env["medcrm.contract.term"]
        return (Term.with_user(user) if user else Term).create(values)


class ServiceContractCase(ServiceUsersMixin, MedcrmDealsCase):
    """medcrm_deals' fixtures (users of each CRM group, deal kinds, a hospital) plus the service
    department's users, term types, a department, a device and a service deal. Nothing here
    relies on demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_service_users()
        # Notification rules of the database (e.g. demo ones) must not react to the tests'
        # obligations: the notification tests create their own.
        cls.env["medcrm.notify.rule"].search([]).action_archive()
        TermType = cls.env["medcrm.contract.term.type"]
        cls.type_visit = TermType.create(
            {"name": "Maintenance visit (test)", "is_evidence_required": True}
        )
        cls.type_training = TermType.create({"name": "Training (test)"})
        cls.type_response = TermType.create(
            {
                "name": "Response time (test)",
                "kind": "response_time",
                "default_response_hours": 48,
            }
        )
        cls.department = cls.env["res.partner"].create(
            {"name": "Radiology", "parent_id": cls.hospital.id, "type": "other"}
        )
        cls.device = cls.env["product.product"].create({"name": "Test MRI", "type": "consu"})
        cls.lead = cls._create_deal(cls.service_kind, name="Maintenance contract (test)")

    @classmethod
    def _term(cls, lead=None, **vals):
        """A monthly training term over 2026 on ``lead`` (the fixture's service deal)."""
        return cls._create_term(lead or cls.lead, cls.type_training, **vals)

    def _rule(self, event_code, **vals):
        """A notification rule on an obligation event of this test's hospital, telling the
        service director in Odoo."""
        values = {
            "name": f"Rule on {event_code}",
            "event_code": event_code,
            "user_ids": [(4, self.user_service_manager.id)],
            "is_channel_inbox": True,
            # the obligations of this test's deals only (the database may hold others)
            "domain": f"[('partner_id', '=', {self.hospital.id})]",
        }
        values.update(vals)
        return self.env["medcrm.notify.rule"].create(values)

    @staticmethod
    def _due_dates(term):
        return [str(d) for d in term.occurrence_ids.sorted("date_due").mapped("date_due")]
