from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval


@tagged("post_install", "-at_install")
class TestRuleTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["medcrm.notify.rule"].search([]).action_archive()
        cls.director = new_test_user(
            cls.env,
            login="tour_notify_director",
            name="Tour Director",
            notification_type="inbox",
            groups="sales_team.group_sale_salesman_all_leads,base.group_user",
        )
        cls.seller = new_test_user(
            cls.env,
            login="tour_notify_seller",
            name="Tour Seller",
            groups="sales_team.group_sale_salesman,base.group_user",
        )
        cls.stage_demo = cls.env["crm.stage"].create({"name": "Tour Demo", "sequence": 2})
        cls.stage_offer = cls.env["crm.stage"].create({"name": "Tour Offer", "sequence": 3})
        hospital = cls.env["res.partner"].create(
            {"name": "Tour Regional Hospital", "is_company": True}
        )
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Tour MRI for the Regional Hospital",
                "type": "opportunity",
                "partner_id": hospital.id,
                "user_id": cls.seller.id,
                "stage_id": cls.stage_offer.id,
                "expected_revenue": 2500000,
            }
        )
        cls.small_lead = cls.env["crm.lead"].create(
            {
                "name": "Tour ultrasound probe for the Regional Hospital",
                "type": "opportunity",
                "partner_id": hospital.id,
                "user_id": cls.seller.id,
                "stage_id": cls.stage_offer.id,
                "expected_revenue": 40000,
            }
        )

    def test_admin_creates_previews_and_activates_a_rule(self):
        self.start_tour(
            "/odoo/action-medcrm_notify.medcrm_notify_rule_action",
            "medcrm_notify_rule_tour",
            login="admin",
        )
        rule = self.env["medcrm.notify.rule"].search(
            [("name", "=", "Tell the director about deals reaching Tour Offer")]
        )
        self.assertTrue(rule.active)
        self.assertEqual(rule.event_code, "lead_stage_changed")
        self.assertEqual(rule.stage_to_ids, self.stage_offer)
        self.assertEqual(rule.user_ids, self.director)
        self.assertEqual(safe_eval(rule.domain), [("expected_revenue", ">", 1000000)])
        self.assertFalse(rule.log_count, "the preview logged nothing")
        # the salesperson moves the deal back and forth: the entry into the offer stage is logged
        lead = self.lead.with_user(self.seller)
        lead.stage_id = self.stage_demo
        lead.stage_id = self.stage_offer
        log = self.env["medcrm.notify.log"].search([("rule_id", "=", rule.id)])
        self.assertEqual(len(log), 1)
        self.assertEqual(log.partner_id, self.director.partner_id)
        # the small deal does the same: the filter keeps it out of the log
        small = self.small_lead.with_user(self.seller)
        small.stage_id = self.stage_demo
        small.stage_id = self.stage_offer
        self.assertEqual(self.env["medcrm.notify.log"].search([("rule_id", "=", rule.id)]), log)
        self.start_tour(
            "/odoo/action-medcrm_notify.medcrm_notify_log_action",
            "medcrm_notify_log_tour",
            login="admin",
        )
