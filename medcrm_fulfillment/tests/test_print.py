from odoo.tests import tagged

from odoo.addons.medcrm_deals.tests.common import render_pdf_text

from .common import FulfillmentCase


@tagged("post_install", "-at_install")
class TestPrint(FulfillmentCase):
    def test_odoo_quotation_of_a_deal_prints_as_pdf(self):
        lead = self._won_deal(self.distributor, self.hospital, self.radiology)
        order = self._confirmed_order(lead, [(self.mri, 2)])
        text = render_pdf_text(self.env, "sale.action_report_saleorder", order)
        self.assertIn(order.name, text)
        self.assertIn(self.mri.name, text)
        self.assertIn(self.distributor.name, text)
