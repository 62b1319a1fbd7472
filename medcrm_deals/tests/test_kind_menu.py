import importlib.util

from odoo.tests import tagged
from odoo.tools import file_path
from odoo.tools.safe_eval import safe_eval

from odoo.addons.medcrm_deals.hooks import uninstall_hook

from .common import MedcrmDealsCase


@tagged("post_install", "-at_install")
class TestKindMenu(MedcrmDealsCase):
    """Every deal kind, also one an administrator adds later, has its pipeline under CRM > Deals."""

    def _new_kind(self, **values):
        return (
            self.env["medcrm.deal.kind"]
            .with_user(self.user_manager)
            .create(
                {
                    "name": "Tender",
                    "code": "T_TENDER_MENU",
                    "stage_line_ids": [(0, 0, {"stage_id": self.stage_tender.id})],
                    **values,
                }
            )
            .sudo(False)
        )

    def test_a_kind_created_by_a_crm_manager_gets_its_pipeline_menu(self):
        kind = self._new_kind(sequence=5)
        menu, action = kind.menu_id, kind.action_id
        self.assertEqual(menu.name, "Tender")
        self.assertEqual(menu.parent_id, self.env.ref("medcrm_deals.medcrm_deals_menu_deals"))
        self.assertEqual(menu.action, action)
        self.assertEqual(menu.sequence, 15)
        self.assertEqual(action.name, "Tender")
        self.assertEqual(action.res_model, "crm.lead")
        self.assertEqual(action.view_mode.split(",")[0], "kanban")
        self.assertEqual(
            safe_eval(action.domain), [("type", "=", "opportunity"), ("deal_kind_id", "=", kind.id)]
        )
        context = safe_eval(action.context)
        self.assertEqual(context["default_deal_kind_id"], kind.id)
        self.assertEqual(context["default_type"], "opportunity")
        # the kanban view of Odoo's pipeline, with the kind's own columns
        self.assertEqual(
            action.view_ids.filtered(lambda view: view.view_mode == "kanban").view_id,
            self.env.ref("crm.crm_case_kanban_view_leads"),
        )

    def test_fixture_kinds_and_the_default_kind_have_their_menu(self):
        general = self.env.ref("medcrm_deals.medcrm_deal_kind_general")
        for kind in self.kind_equipment | self.kind_service | general:
            self.assertEqual(kind.menu_id.name, kind.name)
            self.assertEqual(kind.menu_id.action, kind.action_id)

    def test_salespeople_see_the_menu_of_each_active_kind(self):
        kind = self._new_kind()
        visible = self.env["ir.ui.menu"].with_user(self.user_salesman)._visible_menu_ids()
        self.assertIn(kind.menu_id.id, visible)
        self.assertIn(self.env.ref("medcrm_deals.crm_lead_menu_medcrm_all_deals").id, visible)

    def test_menu_follows_rename_reorder_and_archive_of_its_kind(self):
        kind = self._new_kind()
        menu, action = kind.menu_id, kind.action_id
        kind.write({"name": "Tender (state procurement)", "sequence": 30})
        self.assertEqual(menu.name, "Tender (state procurement)")
        self.assertEqual(action.name, "Tender (state procurement)")
        self.assertEqual(menu.sequence, 40)
        kind.active = False
        self.assertFalse(menu.active)
        self.assertNotIn(
            menu.id, self.env["ir.ui.menu"].with_user(self.user_salesman)._visible_menu_ids()
        )
        kind.active = True
        self.assertTrue(menu.active)
        self.assertEqual(kind.menu_id, menu, "the same menu, not a new one")

    def test_renamed_kind_renames_its_menu_in_every_language(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        kind = self._new_kind()
        kind.with_context(lang="ru_RU").name = "Тендер"
        self.assertEqual(kind.menu_id.with_context(lang="ru_RU").name, "Тендер")
        self.assertEqual(kind.menu_id.with_context(lang="en_US").name, "Tender")
        self.assertEqual(kind.action_id.with_context(lang="ru_RU").name, "Тендер")

    def test_russian_installed_later_names_the_menus_and_follows_renames(self):
        """Menus made by code have no XML id for a PO file to reach: when a language's terms
        are loaded (Settings > Languages), and when a kind is renamed in one language only
        (its translation dialog), the menu and action follow."""
        kind = self._new_kind()
        general = self.env.ref("medcrm_deals.medcrm_deal_kind_general")
        russian = (
            self.env["res.lang"].with_context(active_test=False).search([("code", "=", "ru_RU")])
        )
        self.assertFalse(russian.active, "the test database is made in English only")
        russian.active = True  # what base.language.install does, then it loads the terms:
        self.env["ir.module.module"].search([("name", "=", "medcrm_deals")])._update_translations(
            ["ru_RU"]
        )
        self.assertEqual(general.menu_id.with_context(lang="ru_RU").name, "Общий")
        self.assertEqual(general.action_id.with_context(lang="ru_RU").name, "Общий")
        self.assertEqual(kind.menu_id.with_context(lang="ru_RU").name, "Tender")
        kind.update_field_translations("name", {"ru_RU": "Тендер"})
        self.assertEqual(kind.menu_id.with_context(lang="ru_RU").name, "Тендер")
        # window actions are readable by administrators only
        self.assertEqual(kind.sudo().action_id.with_context(lang="ru_RU").name, "Тендер")
        self.assertEqual(kind.menu_id.with_context(lang="en_US").name, "Tender")

    def test_deleting_a_kind_removes_its_menu_and_action(self):
        kind = self._new_kind()
        menu, action = kind.menu_id, kind.action_id
        kind.with_user(self.user_manager).unlink()
        self.assertFalse(menu.exists())
        self.assertFalse(action.exists())

    def test_a_lost_menu_is_recreated(self):
        kind = self._new_kind()
        kind.menu_id.sudo().unlink()
        kind.invalidate_recordset()
        self.assertFalse(kind.menu_id)
        kind.name = "Tender again"
        self.assertEqual(kind.menu_id.name, "Tender again")
        self.assertEqual(kind.menu_id.action, kind.action_id)

    def test_uninstall_leaves_no_kind_menu_or_action(self):
        kinds = self._new_kind() | self.kind_equipment
        menus, actions = kinds.menu_id, kinds.action_id
        uninstall_hook(self.env)
        self.assertFalse(menus.exists())
        self.assertFalse(actions.exists())

    def test_deal_form_statusbar_follows_the_kind_order(self):
        """The statusbar widget sorts the stages by the deal's ``medcrm_kind_stage_order``."""
        tender_line = self.kind_equipment.stage_line_ids.filtered(
            lambda line: line.stage_id == self.stage_tender
        )
        tender_line.sequence = -1  # before the qualification, whose own sequence is lower
        deal = self._create_deal(user_id=self.user_salesman.id)
        order = deal.with_user(self.user_salesman).medcrm_kind_stage_order
        self.assertEqual(
            order,
            [
                self.stage_tender.id,
                self.stage_qualification.id,
                self.stage_offer.id,
                self.stage_equipment_won.id,
            ],
        )
        arch = self.env["crm.lead"].get_view(self.env.ref("crm.crm_lead_view_form").id)["arch"]
        self.assertIn('widget="medcrm_kind_statusbar"', arch)

    def test_migration_replaces_the_former_demo_menus_by_kind_menus(self):
        """18.0.1.1.0: the menus the demo data made by hand for its two kinds go; every kind
        (also one without a menu yet) gets its own."""
        path = file_path("medcrm_deals/migrations/18.0.1.1.0/post-migrate.py")
        spec = importlib.util.spec_from_file_location("medcrm_deals_menu_migration", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        old_menu = self.env["ir.ui.menu"].create(
            {
                "name": "Equipment sale (old demo)",
                "parent_id": self.env.ref("medcrm_deals.medcrm_deals_menu_deals").id,
            }
        )
        self.env["ir.model.data"].create(
            {
                "module": "medcrm_deals",
                "name": "crm_lead_menu_medcrm_equipment",
                "model": "ir.ui.menu",
                "res_id": old_menu.id,
                "noupdate": True,
            }
        )
        self.kind_service.menu_id.unlink()
        self.kind_service.invalidate_recordset()
        migration._migrate_kind_menus(self.env)
        self.assertFalse(old_menu.exists())
        self.assertEqual(self.kind_service.menu_id.name, self.kind_service.name)
        self.assertEqual(self.kind_service.menu_id.action, self.kind_service.action_id)
