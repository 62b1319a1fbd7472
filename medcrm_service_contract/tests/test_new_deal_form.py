from odoo.tests import Form, tagged

from .common import ServiceContractCase


@tagged("post_install", "-at_install")
class TestNewDealForm(ServiceContractCase):
    def test_engineer_adds_a_term_to_a_deal_not_saved_yet(self):
        form = Form(self.env["crm.lead"].with_user(self.user_engineer))
        form.name = "New service deal"
        form.deal_kind_id = self.service_kind
        form.partner_id = self.hospital
        with form.contract_term_ids.new() as term:
            term.term_type_id = self.type_training
            term.date_start = "2026-01-01"
            term.date_end = "2026-12-31"
            term.user_id = self.user_engineer
        lead = form.save()
        self.assertEqual(lead.contract_term_ids.term_type_id, self.type_training)
        self.assertEqual(lead.contract_term_ids.lead_id, lead)

    def test_salesperson_sees_the_terms_of_a_new_deal_read_only(self):
        form = Form(self.env["crm.lead"].with_user(self.user_salesman))
        form.deal_kind_id = self.service_kind
        self.assertFalse(form.is_contract_editor)
        with self.assertRaisesRegex(AssertionError, "not editable"):
            form.contract_term_ids.new()
