from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import ServiceContractCase


@tagged("post_install", "-at_install")
class TestDealKind(ServiceContractCase):
    def test_data_service_kind_uses_terms_with_its_own_pipeline(self):
        kind = self.service_kind
        self.assertTrue(kind.uses_contract_terms)
        self.assertEqual(len(kind.stage_ids), 4)
        self.assertTrue(kind.stage_ids[-1].is_won)
        # Its stages are its own: they are not in the default kind's pipeline.
        default_kind = self.env["medcrm.deal.kind"]._medcrm_default_kind()
        self.assertFalse(kind.stage_ids & default_kind.stage_ids)
        self.assertEqual(self.lead.stage_id, kind.stage_ids[0])

    def test_tab_follows_the_deal_kind(self):
        self.assertTrue(self.lead.uses_contract_terms)
        deal = self._create_deal(self.kind_equipment, name="MRI sale (test)")
        self.assertFalse(deal.uses_contract_terms)
        with Form(deal) as form:
            form.deal_kind_id = self.service_kind
            self.assertTrue(form.uses_contract_terms)
        arch = self.env["crm.lead"].get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn("not uses_contract_terms", arch)

    def test_kind_form_turns_contract_terms_on(self):
        with Form(self.kind_equipment) as form:
            form.uses_contract_terms = True
        self.assertTrue(self.kind_equipment.uses_contract_terms)
        deal = self._create_deal(self.kind_equipment, name="Now a service deal (test)")
        self._term(lead=deal)
        self.assertEqual(len(deal.contract_term_ids), 1)

    def test_term_on_a_deal_of_a_kind_without_terms_is_refused(self):
        deal = self._create_deal(self.kind_equipment, name="MRI sale (test)")
        with self.assertRaisesRegex(ValidationError, r"MRI sale \(test\).*T Equipment sale"):
            self._term(lead=deal)

    def test_moving_a_term_to_a_deal_without_terms_is_refused(self):
        term = self._term()
        deal = self._create_deal(self.kind_equipment, name="MRI sale (test)")
        with self.assertRaisesRegex(ValidationError, "which has no contract terms"):
            term.lead_id = deal

    def test_deal_with_terms_cannot_change_to_a_kind_without_terms(self):
        self._term()
        with self.assertRaisesRegex(ValidationError, "Deal Kind must be one that uses"):
            self.lead.deal_kind_id = self.kind_equipment
        # An archived term still counts: its history belongs to a service contract.
        self.lead.contract_term_ids.action_archive()
        with self.assertRaisesRegex(ValidationError, "Deal Kind must be one that uses"):
            self.lead.deal_kind_id = self.kind_equipment

    def test_kind_in_use_cannot_stop_using_terms(self):
        self._term()
        with self.assertRaisesRegex(ValidationError, "cannot be turned off"):
            self.service_kind.uses_contract_terms = False
        self.kind_equipment.uses_contract_terms = True
        self.kind_equipment.uses_contract_terms = False
        self.assertFalse(self.kind_equipment.uses_contract_terms)

    def test_upgrade_flags_the_kinds_whose_deals_have_terms(self):
        # Before the flag existed, terms could be on deals of any kind: simulate such a deal.
        self.kind_equipment.uses_contract_terms = True
        deal = self._create_deal(self.kind_equipment, name="Legacy contract (test)")
        self._term(lead=deal)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE medcrm_deal_kind SET uses_contract_terms = FALSE WHERE id = %s",
            [self.kind_equipment.id],
        )
        self.env.invalidate_all()
        self.assertFalse(deal.uses_contract_terms)
        flagged = self.env["medcrm.deal.kind"]._medcrm_flag_kinds_with_terms()
        self.assertEqual(flagged, self.kind_equipment)
        self.assertTrue(deal.uses_contract_terms)
