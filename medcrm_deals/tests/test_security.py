from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MedcrmDealsCase


@tagged("post_install", "-at_install")
class TestSecurity(MedcrmDealsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls._create_deal(name="Own", user_id=cls.user_salesman.id)
        cls.others = cls._create_deal(name="Others", user_id=cls.user_salesman_other.id)
        for lead in cls.own | cls.others:
            lead.participant_ids = [
                (0, 0, {"partner_id": cls.physician.id, "role_id": cls.role_chief.id})
            ]
            lead.demand_ids = [(0, 0, {"name": "CT scanner", "quantity": 1})]

    def test_salesman_reads_configuration_but_cannot_change_it(self):
        kind = self.kind_equipment.with_user(self.user_salesman)
        self.assertEqual(kind.stage_ids, self.kind_equipment.stage_ids)
        with self.assertRaises(AccessError):
            kind.name = "Renamed"
        for model in (
            "medcrm.deal.kind",
            "medcrm.sales.channel",
            "medcrm.participant.role",
            "medcrm.document.type",
        ):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.user_salesman).create({"name": "X", "code": "X"})
        with self.assertRaises(AccessError):
            self.env["medcrm.stage.gate"].with_user(self.user_salesman).create(
                {
                    "kind_id": self.kind_equipment.id,
                    "stage_id": self.stage_offer.id,
                    "requirement": "participant",
                    "role_id": self.role_chief.id,
                }
            )

    def test_manager_configures_kinds_stages_and_gates(self):
        Kind = self.env["medcrm.deal.kind"].with_user(self.user_manager)
        stage = (
            self.env["crm.stage"]
            .with_user(self.user_manager)
            .with_context(medcrm_no_default_kind=True)
            .create({"name": "Demo at the hospital"})
        )
        kind = Kind.create(
            {
                "name": "Tender",
                "code": "T_TENDER",
                "stage_line_ids": [(0, 0, {"stage_id": stage.id})],
            }
        )
        self.env["medcrm.stage.gate"].with_user(self.user_manager).create(
            {
                "kind_id": kind.id,
                "stage_id": stage.id,
                "requirement": "participant",
                "role_id": self.role_engineer.id,
            }
        )
        self.env["medcrm.sales.channel"].with_user(self.user_manager).create(
            {"name": "Web", "source_type": "campaign"}
        )
        self.assertEqual(kind.stage_ids, stage)

    def test_salesman_sees_the_lines_of_own_deals_only(self):
        Participant = self.env["medcrm.deal.participant"].with_user(self.user_salesman)
        self.assertEqual(
            Participant.search([("lead_id", "in", (self.own | self.others).ids)]).lead_id, self.own
        )
        Demand = self.env["medcrm.deal.demand"].with_user(self.user_salesman)
        self.assertEqual(
            Demand.search([("lead_id", "in", (self.own | self.others).ids)]).lead_id, self.own
        )
        with self.assertRaises(AccessError):
            self.others.participant_ids.with_user(self.user_salesman).read(["note"])
        with self.assertRaises(AccessError):
            self.env["medcrm.deal.participant"].with_user(self.user_salesman).create(
                {
                    "lead_id": self.others.id,
                    "partner_id": self.engineer.id,
                    "role_id": self.role_engineer.id,
                }
            )
        own_line = self.own.participant_ids.with_user(self.user_salesman)
        own_line.note = "Signs the acceptance act"
        self.assertEqual(own_line.note, "Signs the acceptance act")

    def test_lines_of_a_lost_deal_stay_visible_to_its_owner(self):
        self.own.action_set_lost()
        Participant = self.env["medcrm.deal.participant"].with_user(self.user_salesman)
        self.assertEqual(Participant.search([("lead_id", "=", self.own.id)]).lead_id, self.own)

    def test_all_leads_group_sees_every_line(self):
        Participant = self.env["medcrm.deal.participant"].with_user(self.user_all_leads)
        self.assertEqual(
            Participant.search([("lead_id", "in", (self.own | self.others).ids)]).lead_id,
            self.own | self.others,
        )

    def test_salesman_sees_stage_history_of_own_deals_only(self):
        History = self.env["medcrm.deal.stage.history"].with_user(self.user_salesman)
        self.assertEqual(
            History.search([("lead_id", "in", (self.own | self.others).ids)]).lead_id, self.own
        )

    def test_rpc_clients_pause_and_resume_with_the_users_rights(self):
        # the public methods an integrator calls over RPC, checked like the wizard
        lead = self.own.with_user(self.user_salesman)
        self.assertTrue(lead.action_medcrm_pause("2099-01-01", "Waiting for the budget"))
        self.assertTrue(lead.is_paused)
        self.assertEqual(lead.pause_reason, "Waiting for the budget")
        with self.assertRaisesRegex(UserError, "resume date in the future"):
            lead.action_medcrm_pause("2000-01-01", "Too late")
        with self.assertRaises(AccessError):
            self.others.with_user(self.user_salesman).action_medcrm_pause("2099-01-01", "Not mine")
        self.assertFalse(self.others.is_paused)
        self.assertTrue(lead.action_medcrm_resume())
        self.assertFalse(lead.is_paused)

    def test_salesman_moves_and_pauses_own_deal(self):
        lead = self.own.with_user(self.user_salesman)
        lead.stage_id = self.stage_offer
        self.assertEqual(lead.stage_history_ids.filtered("is_current").stage_id, self.stage_offer)
        lead._medcrm_pause("2099-01-01", "Waiting")
        self.assertTrue(lead.is_paused)
        self.assertEqual(len(lead.pause_ids), 1)
