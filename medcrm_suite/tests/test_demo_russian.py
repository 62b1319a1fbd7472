import ast
import re
from pathlib import Path

from lxml import etree

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

from odoo.addons.medcrm_suite.demo.story_ru import STORY_RU

CYRILLIC = re.compile("[а-яА-ЯёЁ]")


@tagged("post_install", "-at_install")
class TestDemoRussian(TransactionCase):
    """The demo story told in Russian (crm.lead._medcrm_suite_demo_localize), on records made
    here the way the demo files make theirs: with XML ids."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        cls.stage = (
            cls.env["crm.stage"]
            .with_context(medcrm_no_default_kind=True)
            .create({"name": "RU Qualification"})
        )
        cls.hospital = cls.env["res.partner"].create(
            {"name": "RU City Hospital No. 7", "city": "Moscow", "is_company": True}
        )
        cls.deal = cls.env["crm.lead"].create(
            {"name": "RU MRI for City Hospital No. 7", "type": "opportunity"}
        )
        for name, record in (("stage", cls.stage), ("hospital", cls.hospital), ("deal", cls.deal)):
            cls.env["ir.model.data"].create(
                {"module": "medcrm_suite_test", "name": name, "model": record._name,
                 "res_id": record.id}
            )  # fmt: skip
        cls.texts = {
            "medcrm_suite_test.stage": {"name": "Квалификация"},
            "medcrm_suite_test.hospital": {"name": "ГКБ № 7", "city": "Москва"},
            "medcrm_suite_test.deal": {"name": "МРТ для ГКБ № 7"},
            "medcrm_suite_test.deleted_by_a_user": {"name": "Удалено"},
        }

    def localize(self):
        return self.env["crm.lead"]._medcrm_suite_demo_localize(self.texts)

    def test_russian_database_gets_the_story_in_russian(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.admin.lang = "ru_RU"
        changed = self.localize()
        self.assertEqual(
            changed,
            ["medcrm_suite_test.stage", "medcrm_suite_test.hospital", "medcrm_suite_test.deal"],
        )
        self.assertEqual((self.hospital.name, self.hospital.city), ("ГКБ № 7", "Москва"))
        self.assertEqual(self.deal.name, "МРТ для ГКБ № 7")
        self.assertEqual(self.stage.with_context(lang="ru_RU").name, "Квалификация")
        self.assertEqual(self.stage.with_context(lang="en_US").name, "RU Qualification")
        # at the next update of the suite it runs again: nothing changes
        self.localize()
        self.assertEqual(self.deal.name, "МРТ для ГКБ № 7")

    def test_english_database_with_russian_installed_translates_only_translatable_names(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.admin.lang = "en_US"
        self.localize()
        self.assertEqual(self.stage.with_context(lang="ru_RU").name, "Квалификация")
        self.assertEqual(self.stage.with_context(lang="en_US").name, "RU Qualification")
        self.assertEqual(self.deal.name, "RU MRI for City Hospital No. 7", "one name for all users")
        self.assertEqual(self.hospital.city, "Moscow")

    def test_without_russian_nothing_changes(self):
        russian = (
            self.env["res.lang"].with_context(active_test=False).search([("code", "=", "ru_RU")])
        )
        russian.active = False
        self.assertEqual(self.localize(), [])
        self.assertEqual(self.deal.name, "RU MRI for City Hospital No. 7")

    def test_story_texts_name_demo_records_and_their_fields(self):
        """Each XML id of the story's texts is declared by its add-on's demo files, its fields
        exist on that model, and every text is Russian (checked on the files, not on demo
        records, which tests never rely on)."""
        declared = {}
        for module in {xmlid.split(".")[0] for xmlid in STORY_RU}:
            path = Path(get_module_path(module))
            manifest = ast.literal_eval((path / "__manifest__.py").read_text(encoding="utf-8"))
            for demo_file in manifest.get("demo", []):
                for record in etree.parse(str(path / demo_file)).iter("record"):
                    declared[f"{module}.{record.get('id')}"] = record.get("model")
        for xmlid, values in STORY_RU.items():
            self.assertIn(xmlid, declared, "not a demo record")
            model = self.env[declared[xmlid]]
            for field, text in values.items():
                self.assertIn(field, model._fields, xmlid)
                self.assertRegex(text, CYRILLIC, f"{xmlid}.{field}")
