import ast

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

SUITE = (
    "medcrm_deals",
    "medcrm_service_contract",
    "medcrm_notify",
    "medcrm_fulfillment",
    "medcrm_survey_entry",
)


@tagged("post_install", "-at_install")
class TestSuite(TransactionCase):
    def test_suite_is_an_application_that_installs_every_medcrm_addon(self):
        suite = self.env["ir.module.module"].search([("name", "=", "medcrm_suite")])
        self.assertEqual(suite.state, "installed")
        self.assertTrue(suite.application, "listed among the Apps")
        modules = self.env["ir.module.module"].search([("name", "in", SUITE)])
        self.assertEqual(
            {module.name: module.state for module in modules}, dict.fromkeys(SUITE, "installed")
        )

    def test_suite_holds_no_model_or_data_of_its_own(self):
        """Everything that belongs to one capability lives in that add-on: the suite only
        installs them and tells the demo story, in demo data (its Russian in i18n/ru.po of the
        add-on that declares each record)."""
        path = get_module_path("medcrm_suite")
        with open(f"{path}/__manifest__.py", encoding="utf-8") as manifest_file:
            manifest = ast.literal_eval(manifest_file.read())
        self.assertEqual(set(manifest["depends"]), set(SUITE))
        self.assertFalse(manifest.get("data"))
        models = self.env["ir.model.data"].search(
            [("module", "=", "medcrm_suite"), ("model", "=", "ir.model")]
        )
        self.assertFalse(self.env["ir.model"].browse(models.mapped("res_id")).mapped("model"))
