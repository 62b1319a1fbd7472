import json
from datetime import timedelta
from pathlib import Path

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.medcrm_fulfillment.tests.common import FulfillmentCase
from odoo.addons.medcrm_survey_entry.tests.common import hospital_questions

from .personas import create_personas, persona_login

CHECK = Path(__file__).resolve().parent.parent / "static/tests/layout/layout_check.js"
MEDCRM = [
    "medcrm_deals",
    "medcrm_service_contract",
    "medcrm_notify",
    "medcrm_fulfillment",
    "medcrm_survey_entry",
    "medcrm_suite",
]


@tagged("post_install", "-at_install")
class TestLayout(FulfillmentCase, HttpCase):
    """At 1440 px, in English and in Russian, what a person must read on the main screens is
    not cut: the serial numbers of the installed base and of a recall, the recipients of the
    notification log, the obligations' status badges, the questions of a typed questionnaire,
    the stage history's day counts (and their headers, distinct), the deal form's stage bar and
    its last tab. The data are made here with long, real-life names; no demo record is used."""

    browser_size = "1440x900"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env["res.lang"]._activate_lang("ru_RU")
        env["ir.module.module"]._load_module_terms(["crm", "sale_crm", *MEDCRM], ["ru_RU"])
        cls.users = create_personas(env, ["admin", "sales_all"], prefix="layout")

        def both(record, en, ru):
            record.with_context(lang="en_US").name = en
            record.with_context(lang="ru_RU").name = ru

        both(cls.hospital, "City Clinical Hospital No. 15", "Городская клиническая больница № 15")
        cls.radiology.name = "Radiology department"
        both(cls.stage_qualification, "Qualification", "Квалификация")
        both(cls.stage_offer, "Technical Proposal", "Техническое предложение")
        both(cls.stage_tender, "Commercial Proposal", "Коммерческое предложение")
        both(cls.stage_equipment_won, "Delivered", "Поставлено")
        cls.mri.name = "MRI scanner Magnus 1.5 T"

        # installed base and recall: four units at the hospital's radiology department
        serials = ["MR15-2400017", "MR15-2400018", "MR15-2400019", "MR15-2400020"]
        lots = cls._stock_serials(cls.mri, serials)
        lead = cls._won_deal(cls.distributor, cls.hospital, cls.radiology, cls.users["sales_all"])
        cls._validate(cls._confirmed_order(lead, [(cls.mri, 4)]).picking_ids, lots)

        # the deal whose form is checked: in its third stage, with a stage history
        cls.deal = cls._create_deal(
            name="Ultrasound fleet renewal, City Clinical Hospital No. 15",
            user_id=cls.users["sales_all"].id,
            expected_revenue=380000,
        )
        cls.deal.stage_id = cls.stage_offer
        cls.deal.stage_id = cls.stage_tender

        # notification log: who was told what
        rule = env["medcrm.notify.rule"].create(
            {
                "name": "Tell the salesperson when a deal is won",
                "event_code": "lead_won",
                "is_to_salesperson": True,
            }
        )
        env["medcrm.notify.log"].create(
            [
                {
                    "rule_id": rule.id,
                    "event_code": "lead_won",
                    "res_model": "crm.lead",
                    "res_id": cls.deal.id,
                    "record_name": cls.deal.name,
                    "occurrence_key": f"lead_won:{cls.deal.id}",
                    "partner_id": cls.users["sales_all"].partner_id.id,
                    "user_id": cls.users["sales_all"].id,
                    "channel": channel,
                }
                for channel in ("email", "inbox")
            ]
        )

        # obligations: a monthly maintenance visit over 2026, some done on time, some late
        term_type = env["medcrm.contract.term.type"].create(
            {"name": "Preventive maintenance visit"}
        )
        service = cls._create_deal(
            env.ref("medcrm_service_contract.medcrm_deal_kind_service_contract"),
            name="Maintenance contract: MRI, City Clinical Hospital No. 15",
        )
        term = env["medcrm.contract.term"].create(
            {
                "lead_id": service.id,
                "term_type_id": term_type.id,
                "name": "Monthly preventive maintenance of the MRI scanner",
                "date_start": "2026-01-01",
                "date_end": "2026-12-31",
                "recurrence": "months",
                "interval": 1,
            }
        )
        term._activate()
        first, second = term.occurrence_ids.sorted("date_due")[:2]
        first.date_done = first.date_due
        second.date_done = second.date_due + timedelta(days=9)
        (first | second).action_done()

        # a typed questionnaire
        survey = env["survey.survey"].create(
            {
                "title": "Hospital satisfaction with our service",
                "access_mode": "public",
                "questions_layout": "one_page",
                "question_and_page_ids": [Command.create(q) for q in hospital_questions()],
            }
        )
        cls.entry = env["medcrm.survey.entry"].create(
            {"survey_id": survey.id, "partner_id": cls.hospital.id}
        )

    def _screens(self, user):
        recall = (
            self.env["medcrm.recall.lookup"]
            .with_user(user)
            .create({"serials": "MR15-2400017..MR15-2400020, MR15-9999999"})
            .action_lookup()
        )
        deal_form = {"action": "crm.crm_lead_action_pipeline", "view_type": "form"}
        screens = [
            {
                "name": "Installed Base",
                "action": "medcrm_fulfillment.medcrm_fulfillment_unit_action",
                "keys": ["name", "state"],
            },
            {"name": "Recall results", "action": recall, "keys": ["serial"]},
            {
                "name": "Deal form",
                **deal_form,
                "res_id": self.deal.id,
                "statusbar": 3,
            },
            {
                "name": "Stage History",
                **deal_form,
                "res_id": self.deal.id,
                "tab": "medcrm_stage_history",
                "keys": ["stage_id", "current_days", "active_days"],
                "headers": ["current_days", "active_days"],
            },
        ]
        if user.has_group("base.group_system"):
            screens += [
                {
                    "name": "Notification Log",
                    "action": "medcrm_notify.medcrm_notify_log_action",
                    "keys": ["recipient_name", "state"],
                },
                {
                    "name": "Service Obligations",
                    "action": "medcrm_service_contract.medcrm_contract_occurrence_action",
                    "view_type": "list",
                    "keys": ["date_due", "compliance_status"],
                },
                {
                    "name": "Questionnaire entry",
                    "action": "medcrm_survey_entry.medcrm_survey_entry_action",
                    "view_type": "form",
                    "res_id": self.entry.id,
                    "keys": ["label"],
                },
            ]
        return screens

    def _check(self, persona):
        """The check in English, then in Russian (one browser session each; the web client's
        assets, built once for the test, serve both)."""
        user = self.users[persona]
        for lang in ("en_US", "ru_RU"):
            with self.subTest(lang=lang):
                user.lang = lang
                screens = json.dumps(self._screens(user))
                code = f"const SCREENS = {screens};\n{CHECK.read_text()}"
                self.browser_js(
                    "/odoo",
                    code,
                    ready="odoo.isReady",
                    login=persona_login(persona, "layout"),
                    timeout=180,
                )

    def test_admin_reads_key_columns_in_english_and_russian(self):
        self._check("admin")

    def test_salesperson_reads_key_columns_in_english_and_russian(self):
        self._check("sales_all")
