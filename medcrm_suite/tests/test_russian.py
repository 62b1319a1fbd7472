import ast
from pathlib import Path

import polib
from lxml import etree

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

MEDCRM = (
    "medcrm_deals",
    "medcrm_service_contract",
    "medcrm_notify",
    "medcrm_fulfillment",
    "medcrm_survey_entry",
    "medcrm_service_fulfillment",
    "medcrm_suite",
)


def _po_refs(module):
    """The references (``model:crm.stage,name:module.xmlid``...) that the add-on's ru.po
    translates, i.e. whose entry has a Russian text."""
    path = Path(get_module_path(module)) / "i18n" / "ru.po"
    refs = set()
    for entry in polib.pofile(str(path)):
        if entry.obsolete or not entry.msgstr:
            continue
        for name, line in entry.occurrences:
            refs.add(f"{name}:{line}" if line else name)
    return refs


@tagged("post_install", "-at_install")
class TestRussianShipped(TransactionCase):
    """What a user reads in medcrm's data and demo files has its Russian in a PO file, so that
    Odoo loads it the moment Russian is installed (records made by code get none)."""

    def test_every_translatable_text_of_the_data_and_demo_files_has_its_russian(self):
        refs = {module: _po_refs(module) for module in MEDCRM}
        missing = []
        for module in MEDCRM:
            path = Path(get_module_path(module))
            manifest = ast.literal_eval((path / "__manifest__.py").read_text(encoding="utf-8"))
            for data_file in manifest.get("data", []) + manifest.get("demo", []):
                if not data_file.endswith(".xml"):
                    continue
                for record in etree.parse(str(path / data_file)).iter("record"):
                    model_name = record.get("model")
                    if model_name == "ir.ui.view" or model_name not in self.env:
                        continue
                    model = self.env[model_name]
                    xmlid = record.get("id")
                    xmlid = xmlid if "." in xmlid else f"{module}.{xmlid}"
                    owner = xmlid.split(".")[0]
                    for field_node in record.iter("field"):
                        name = field_node.get("name")
                        field = model._fields.get(name)
                        text = (field_node.text or "").strip()
                        if not field or not field.translate or not text:
                            continue
                        kind = "model_terms" if callable(field.translate) else "model"
                        target, target_xmlid = model_name, xmlid
                        if field.inherited:
                            # kept by the parent record Odoo makes with the XML id's suffix
                            # (a product's template, a cron's server action)
                            target = field.inherited_field.model_name
                            target_xmlid = f"{xmlid}_{target.replace('.', '_')}"
                        ref = f"{kind}:{target},{name}:{target_xmlid}"
                        if owner in refs and ref not in refs[owner]:
                            missing.append(f"{owner}/i18n/ru.po lacks {ref} ({text[:50]})")
        self.assertFalse(missing, "\n".join(missing))


@tagged("post_install", "-at_install")
class TestRussianInstalledLater(TransactionCase):
    """A database made in English, Russian activated later from Settings > Languages: what
    medcrm ships is Russian at once, without updating the add-ons."""

    def _install_russian(self):
        russian = (
            self.env["res.lang"].with_context(active_test=False).search([("code", "=", "ru_RU")])
        )
        self.assertFalse(russian.active, "the test database is made in English only")
        # what the language install wizard does (base.language.install.lang_install), limited
        # to medcrm's add-ons: activate, then load each installed add-on's ru.po
        russian.active = True
        self.env["ir.module.module"].search([("name", "in", MEDCRM)])._update_translations(
            ["ru_RU"]
        )

    def test_kind_menus_stages_and_rules_are_russian_once_russian_is_installed(self):
        kind = self.env.ref("medcrm_service_contract.medcrm_deal_kind_service_contract")
        general = self.env.ref("medcrm_deals.medcrm_deal_kind_general")
        self._install_russian()
        ru = self.env(context={"lang": "ru_RU"})
        self.assertEqual(kind.with_env(ru).name, "Договор на техническое обслуживание")
        self.assertEqual(kind.menu_id.with_env(ru).name, "Договор на техническое обслуживание")
        self.assertEqual(kind.action_id.with_env(ru).name, "Договор на техническое обслуживание")
        self.assertEqual(kind.menu_id.with_context(lang="en_US").name, "Maintenance contract")
        self.assertEqual(general.menu_id.with_env(ru).name, "Общий")
        stage = self.env.ref("medcrm_service_contract.crm_stage_service_contract_request")
        self.assertEqual(stage.with_env(ru).name, "Заявка на сервис")
        rule = self.env.ref("medcrm_service_contract.notify_rule_obligation_overdue")
        self.assertEqual(
            rule.with_env(ru).name,
            "Сообщать инженеру и директорам по сервису о просроченном сервисном обязательстве",
        )
        self.assertEqual(
            rule.with_context(lang="en_US").name,
            "Tell the engineer and the service directors when a service obligation is overdue",
        )
