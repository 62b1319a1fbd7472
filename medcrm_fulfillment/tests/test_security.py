from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from .common import FulfillmentCase


@tagged("post_install", "-at_install")
class TestSecurity(FulfillmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead = cls._won_deal(cls.distributor, cls.hospital, cls.radiology)
        cls.order = cls._confirmed_order(cls.lead, [(cls.mri, 1)])

    def test_salesman_sees_only_own_deals_fulfillment(self):
        other_lead = self._won_deal(self.hospital, user=self.user_salesman_other)
        visible = self.env["medcrm.fulfillment"].with_user(self.user_salesman).search([])
        self.assertIn(self.lead.fulfillment_ids, visible)
        self.assertNotIn(other_lead.fulfillment_ids, visible)
        manager_visible = self.env["medcrm.fulfillment"].with_user(self.user_manager).search([])
        self.assertIn(other_lead.fulfillment_ids, manager_visible)

    def test_storekeeper_selling_own_deals_opens_any_fulfillment(self):
        """A storekeeper who also sells (own documents) sees every fulfillment, but only their
        own orders and deals: a colleague's fulfillment opens, without the colleague's order."""
        storekeeper = new_test_user(
            self.env,
            "fulfil_store_sales",
            groups="stock.group_stock_user,sales_team.group_sale_salesman",
        )
        fulfillment = self.lead.fulfillment_ids.with_user(storekeeper)
        form = fulfillment.web_read(
            {
                "lead_id": {"fields": {"display_name": {}}},
                "sale_order_count": {},
                "sale_order_ids": {"fields": {"name": {}, "amount_total": {}, "state": {}}},
            }
        )[0]
        self.assertEqual((form["sale_order_count"], form["sale_order_ids"]), (0, []))
        self.assertEqual(form["lead_id"]["display_name"], self.lead.display_name)
        # the salesperson of the deal sees its order
        mine = self.lead.fulfillment_ids.with_user(self.user_salesman)
        self.assertEqual((mine.sale_order_count, mine.sale_order_ids), (1, self.order))

    def test_stock_user_validates_and_units_are_created(self):
        picking = self.order.picking_ids
        self._set_serials(picking, self.mri_lots[:1])
        picking.with_user(self.stock_user).button_validate()
        self.assertEqual(picking.state, "done")
        units = (
            self.env["medcrm.fulfillment.unit"]
            .with_user(self.stock_user)
            .search([("picking_id", "=", picking.id)])
        )
        self.assertEqual(units.lot_id, self.mri_lots[:1])
        self.assertEqual(units.user_id, self.user_salesman)
        # The salesperson sees the units of their deal, the other one does not.
        unit_model = self.env["medcrm.fulfillment.unit"]
        self.assertEqual(unit_model.with_user(self.user_salesman).search([]), units)
        self.assertFalse(unit_model.with_user(self.user_salesman_other).search([]))

    def test_nobody_edits_history(self):
        self._validate(self.order.picking_ids, self.mri_lots[:1])
        unit = self.lead.fulfillment_ids.unit_ids
        for user in (self.user_salesman, self.user_manager, self.stock_user):
            with self.assertRaises(AccessError):
                unit.with_user(user).write({"end_address_id": self.cardiology.id})
            with self.assertRaises(AccessError):
                unit.location_ids.with_user(user).write({"date_from": "2020-01-01"})
            with self.assertRaises(AccessError):
                unit.with_user(user).unlink()
        # Comments stay possible for those who see the unit.
        unit.with_user(self.user_salesman).message_post(body="Installed and accepted")

    def test_other_company_units_are_hidden(self):
        company_b = self.env["res.company"].create({"name": "Med Equipment Kazakhstan"})
        env_b = self.env(context=dict(self.env.context, allowed_company_ids=[company_b.id]))
        lots_b = self._stock_serials(self.ct, ["CT-B-001"], company=company_b)
        lead_b = env_b["crm.lead"].create(
            {
                "name": "Almaty CT",
                "type": "opportunity",
                "partner_id": self.other_hospital.id,
                "company_id": company_b.id,
                "user_id": False,
            }
        )
        lead_b.action_set_won()
        self.assertEqual(lead_b.fulfillment_ids.company_id, company_b)
        order_b = env_b["sale.order"].create(
            {
                "partner_id": self.other_hospital.id,
                "partner_shipping_id": self.other_department.id,
                "opportunity_id": lead_b.id,
                "company_id": company_b.id,
                "order_line": [(0, 0, {"product_id": self.ct.id, "product_uom_qty": 1})],
            }
        )
        order_b.action_confirm()
        self._validate(order_b.picking_ids, lots_b)
        unit_b = lead_b.fulfillment_ids.unit_ids
        self.assertEqual(unit_b.company_id, company_b)
        user_a = new_test_user(
            self.env,
            "fulfil_all_a",
            groups="sales_team.group_sale_salesman_all_leads,stock.group_stock_user",
        )
        self.assertNotIn(unit_b, self.env["medcrm.fulfillment.unit"].with_user(user_a).search([]))
        self.assertNotIn(
            lead_b.fulfillment_ids, self.env["medcrm.fulfillment"].with_user(user_a).search([])
        )
        user_ab = new_test_user(
            self.env,
            "fulfil_all_ab",
            groups="sales_team.group_sale_salesman_all_leads,stock.group_stock_user",
            company_ids=[(6, 0, [self.company.id, company_b.id])],
        )
        visible = (
            self.env["medcrm.fulfillment.unit"]
            .with_user(user_ab)
            .with_context(allowed_company_ids=[self.company.id, company_b.id])
            .search([])
        )
        self.assertIn(unit_b, visible)

    def test_users_outside_sales_and_stock_still_open_partners_and_orders(self):
        self._validate(self.order.picking_ids, self.mri_lots[:1])
        accountant = new_test_user(
            self.env, "fulfil_accountant", groups="account.group_account_invoice"
        )
        hospital_form = Form(self.hospital.with_user(accountant))
        self.assertEqual(hospital_form.name, self.hospital.name)
        self.assertEqual(self.hospital.with_user(self.user_salesman).medcrm_unit_count, 1)
        order_form = Form(self.order.with_user(self.stock_user))
        self.assertEqual(order_form.end_partner_id, self.hospital)
