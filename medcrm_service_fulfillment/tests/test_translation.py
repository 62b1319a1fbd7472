from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ServiceFulfillmentCase


@tagged("post_install", "-at_install")
class TestTranslation(ServiceFulfillmentCase):
    def test_russian_engineer_reads_the_serial_error_in_russian(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(["medcrm_service_fulfillment"], ["ru_RU"])
        self.env.invalidate_all()  # the terms were written to the database directly
        self.user_engineer.lang = "ru_RU"
        Term = (
            self.env["medcrm.contract.term"]
            .with_user(self.user_engineer)
            .with_context(lang="ru_RU")
        )
        with self.assertRaisesRegex(ValidationError, "серийный номер MR-0002 не установлен"):
            Term.create(
                {
                    "lead_id": self.contract.id,
                    "term_type_id": self.term_type.id,
                    "lot_id": self.mri_lots[1].id,
                }
            )
        description = Term.fields_get(["lot_id"])["lot_id"]
        self.assertEqual(description["string"], "Поставленный серийный номер")
