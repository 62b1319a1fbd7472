from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .personas import create_personas
from .test_russian import MEDCRM


@tagged("post_install", "-at_install")
class TestReadmeWalk(HttpCase):
    """The README's "First ten minutes" in the browser, as the user each step names: `admin`,
    and a salesperson like `demo` (the sales_own persona), in English and in Russian
    (medcrm_readme_walk_tour.js). The README names demo records (the kinds, the example deal,
    the rules): this walk checks them on purpose, on the demo data the test database is
    installed with; the salesperson's deal and task are made here."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Russian activated after the install, as from Settings > Languages: the terms of
        # medcrm's add-ons and of Odoo's CRM, which the walk reads
        russian = (
            cls.env["res.lang"].with_context(active_test=False).search([("code", "=", "ru_RU")])
        )
        russian.active = True
        cls.env["ir.module.module"].search([("name", "in", (*MEDCRM, "crm"))])._update_translations(
            ["ru_RU"]
        )
        cls.admin = cls.env.ref("base.user_admin")
        cls.kind = cls.env.ref("medcrm_deals.medcrm_deal_kind_equipment")
        cls.sales = {
            "en": create_personas(cls.env, ["sales_own"], prefix="walk_en")["sales_own"],
            "ru": create_personas(cls.env, ["sales_own"], prefix="walk_ru", lang="ru_RU")[
                "sales_own"
            ],
        }
        hospital = cls.env["res.partner"].create(
            {"name": "Walk Hospital No. 12", "is_company": True}
        )
        for user in cls.sales.values():
            deal = cls.env["crm.lead"].create(
                {
                    "name": "Walk CT for Hospital No. 12",
                    "type": "opportunity",
                    "partner_id": hospital.id,
                    "user_id": user.id,
                    "deal_kind_id": cls.kind.id,
                    "stage_id": cls.env.ref("medcrm_deals.crm_stage_equipment_proposal").id,
                }
            )
            cls.env["medcrm.task"].create(
                {
                    "name": "Walk: check the room plan",
                    "lead_id": deal.id,
                    "author_id": cls.admin.id,
                    "user_id": user.id,
                    "date_deadline": fields.Date.today() + timedelta(days=3),
                }
            )

    def _walk_as_admin(self, lang):
        self.start_tour("/odoo", f"medcrm_readme_walk_admin_{lang}", login="admin")
        self.start_tour(
            "/odoo/action-medcrm_notify.medcrm_notify_rule_action",
            f"medcrm_readme_walk_rules_{lang}",
            login="admin",
        )

    def test_first_ten_minutes_as_admin_in_english(self):
        self._walk_as_admin("en")

    def test_first_ten_minutes_as_admin_in_russian(self):
        self.admin.lang = "ru_RU"
        self._walk_as_admin("ru")

    def test_first_ten_minutes_as_a_salesperson_in_english(self):
        self.start_tour("/odoo", "medcrm_readme_walk_sales_en", login=self.sales["en"].login)

    def test_first_ten_minutes_as_a_salesperson_in_russian(self):
        self.start_tour("/odoo", "medcrm_readme_walk_sales_ru", login=self.sales["ru"].login)
