from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import MedcrmDealsCase


@tagged("post_install", "-at_install")
class TestSalesChannel(MedcrmDealsCase):
    def test_partner_channel_takes_a_partner_source(self):
        lead = self._create_deal(
            sales_channel_id=self.channel_distributor.id, source_partner_id=self.distributor.id
        )
        self.assertEqual(lead.channel_source_name, self.distributor.display_name)

    def test_missing_required_source_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "requires a source: a source partner"):
            self._create_deal(sales_channel_id=self.channel_distributor.id)
        with self.assertRaisesRegex(ValidationError, "requires a source: a source campaign"):
            self._create_deal(sales_channel_id=self.channel_event.id)

    def test_source_of_the_wrong_type_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "source of the wrong type"):
            self._create_deal(
                sales_channel_id=self.channel_distributor.id,
                source_partner_id=self.distributor.id,
                source_campaign_id=self.campaign.id,
            )
        with self.assertRaisesRegex(ValidationError, "source of the wrong type"):
            self._create_deal(
                sales_channel_id=self.channel_direct.id, source_partner_id=self.distributor.id
            )
        lead = self._create_deal(
            sales_channel_id=self.channel_event.id, source_campaign_id=self.campaign.id
        )
        with self.assertRaisesRegex(ValidationError, "source of the wrong type"):
            lead.write({"source_partner_id": self.distributor.id})

    def test_a_source_without_channel_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "source of the wrong type"):
            self._create_deal(source_partner_id=self.distributor.id)

    def test_changing_channel_clears_the_source_of_the_other_type(self):
        lead = self._create_deal(
            sales_channel_id=self.channel_event.id, source_campaign_id=self.campaign.id
        )
        lead.write({"sales_channel_id": self.channel_direct.id})
        self.assertFalse(lead.source_campaign_id)
        self.assertFalse(lead.channel_source_name)

    def test_import_with_a_wrong_source_is_refused(self):
        result = self.env["crm.lead"].load(
            ["name", "type", "sales_channel_id/.id", "source_campaign_id/.id"],
            [["Imported", "opportunity", self.channel_distributor.id, self.campaign.id]],
        )
        self.assertFalse(result["ids"])
        self.assertTrue(result["messages"])

    def test_form_shows_the_source_field_of_the_channel(self):
        with Form(self.env["crm.lead"].with_context(default_type="opportunity")) as form:
            form.name = "Form deal"
            form.deal_kind_id = self.kind_equipment
            form.sales_channel_id = self.channel_distributor
            self.assertTrue(form._get_modifier("source_campaign_id", "invisible"))
            self.assertFalse(form._get_modifier("source_partner_id", "invisible"))
            self.assertTrue(form._get_modifier("source_partner_id", "required"))
            form.source_partner_id = self.distributor
        self.assertEqual(form.record.source_partner_id, self.distributor)

    def test_deleting_a_used_channel_is_refused(self):
        self._create_deal(sales_channel_id=self.channel_direct.id)
        with self.assertRaisesRegex(UserError, "You cannot delete a sales channel that deals use"):
            self.channel_direct.unlink()
        self.channel_event.unlink()
        self.assertFalse(self.channel_event.exists())
