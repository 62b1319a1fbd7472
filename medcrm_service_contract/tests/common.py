from odoo.tests import TransactionCase, new_test_user


class ServiceContractCase(TransactionCase):
    """Fixtures shared by the add-on's tests: users of each role, term types, a hospital and a
    service deal. Nothing here relies on demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="svc_director",
            name="Service Director",
            groups="medcrm_service_contract.group_service_manager",
        )
        cls.engineer = new_test_user(
            cls.env,
            login="svc_engineer",
            name="Service Engineer",
            groups="medcrm_service_contract.group_service_user",
        )
        cls.engineer_2 = new_test_user(
            cls.env,
            login="svc_engineer_2",
            name="Second Engineer",
            groups="medcrm_service_contract.group_service_user",
        )
        cls.salesman = new_test_user(
            cls.env,
            login="svc_salesman",
            name="Salesman",
            groups="sales_team.group_sale_salesman",
        )
        # Notification rules of the database (e.g. demo ones) must not react to the tests'
        # obligations: the notification tests create their own.
        cls.env["medcrm.notify.rule"].search([]).action_archive()
        # The service kind this add-on installs (data, not demo): its deals carry terms.
        cls.service_kind = cls.env.ref("medcrm_service_contract.medcrm_deal_kind_service_contract")
        cls.sale_kind = cls.env["medcrm.deal.kind"].create(
            {
                "name": "Equipment sale (test)",
                "code": "TEST_SALE",
                "stage_line_ids": [
                    (0, 0, {"stage_id": cls.env["crm.stage"].create({"name": "Offer (t)"}).id})
                ],
            }
        )
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
        cls.hospital = cls.env["res.partner"].create(
            {"name": "Test Hospital No. 1", "is_company": True}
        )
        cls.department = cls.env["res.partner"].create(
            {"name": "Radiology", "parent_id": cls.hospital.id, "type": "other"}
        )
        cls.device = cls.env["product.product"].create({"name": "Test MRI", "type": "consu"})
        cls.lead = cls._new_deal("Maintenance contract (test)")

    @classmethod
    def _new_deal(cls, name, partner=None, kind=None):
        return cls.env["crm.lead"].create(
            {
                "name": name,
                "type": "opportunity",
                "partner_id": (partner or cls.hospital).id,
                "deal_kind_id": (kind or cls.service_kind).id,
            }
        )

    def _term(self, lead=None, **vals):
        values = {
            "lead_id": (lead or self.lead).id,
            "term_type_id": self.type_training.id,
            "date_start": "2026-01-01",
            "date_end": "2026-12-31",
            "recurrence": "months",
            "interval": 1,
            "user_id": self.engineer.id,
        }
        values.update(vals)
        return self.env["medcrm.contract.term"].create(values)

    @staticmethod
    def _due_dates(term):
        return [str(d) for d in term.occurrence_ids.sorted("date_due").mapped("date_due")]
