from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ServiceContractCase


@tagged("post_install", "-at_install")
class TestTranslation(ServiceContractCase):
    def test_russian_user_reads_errors_and_labels_in_russian(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(["medcrm_service_contract"], ["ru_RU"])
        self.env.invalidate_all()  # the terms were written to the database directly
        engineer = self.user_engineer.with_context(lang="ru_RU")
        engineer.lang = "ru_RU"
        Term = self.env["medcrm.contract.term"].with_user(engineer).with_context(lang="ru_RU")
        with self.assertRaisesRegex(ValidationError, "окончание периода 2026-04-30 раньше начала"):
            Term.create(
                {
                    "lead_id": self.lead.id,
                    "term_type_id": self.type_training.id,
                    "date_start": "2026-05-01",
                    "date_end": "2026-04-30",
                }
            )
        description = Term.fields_get(["recurrence"])["recurrence"]
        self.assertEqual(description["string"], "Повторение")
        self.assertIn(("months", "Каждые N месяцев"), description["selection"])
