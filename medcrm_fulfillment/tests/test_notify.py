from odoo.tests import tagged

from .common import FulfillmentCase


@tagged("post_install", "-at_install")
class TestNotify(FulfillmentCase):
    """medcrm_notify rules react to the fulfillment's events: declared, emitted once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Log = cls.env["medcrm.notify.log"]

    def _rule(self, event_code, **vals):
        return self.env["medcrm.notify.rule"].create(
            {
                "name": f"Tell the sales manager: {event_code}",
                "event_code": event_code,
                "user_ids": [(4, self.user_manager.id)],
                "is_channel_inbox": True,
                **vals,
            }
        )

    def _logs(self, rule):
        return self.Log.search([("rule_id", "=", rule.id)])

    def test_events_are_offered_to_rules(self):
        codes = dict(self.env["medcrm.notify.event"]._selection_event_code())
        self.assertIn("fulfillment_created", codes)
        self.assertIn("unit_delivered", codes)
        self.assertEqual(
            self.env["medcrm.notify.event"]._get_event_spec("fulfillment_created")["model"],
            "medcrm.fulfillment",
        )

    def test_fulfillment_created_notifies_exactly_once(self):
        rule = self._rule("fulfillment_created")
        lead = self._won_deal(self.distributor, self.hospital, self.radiology)
        fulfillment = lead.fulfillment_ids
        log = self._logs(rule)
        self.assertEqual(len(log), 1)
        self.assertEqual((log.res_model, log.res_id), ("medcrm.fulfillment", fulfillment.id))
        self.assertEqual(log.partner_id, self.user_manager.partner_id)
        self.assertIn(lead.name, log.details)
        # Winning again, or lost, reopened and won again: still one fulfillment, one notice.
        lead.action_set_won()
        lead.action_set_lost()
        lead.action_unarchive()
        lead.write({"stage_id": self.stage_qualification.id})
        lead.action_set_won()
        self.assertEqual(self._logs(rule), log)

    def test_fulfillment_rule_filter_and_salesperson_recipient(self):
        rule = self._rule(
            "fulfillment_created",
            user_ids=[],
            is_to_salesperson=True,
            domain=f"[('end_partner_id', '=', {self.hospital.id})]",
        )
        self._won_deal(self.other_hospital)
        self.assertFalse(self._logs(rule))
        lead = self._won_deal(self.distributor, self.hospital, self.radiology)
        log = self._logs(rule)
        self.assertEqual(log.res_id, lead.fulfillment_ids.id)
        self.assertEqual(log.partner_id, self.user_salesman.partner_id)

    def test_serial_delivered_notifies_once_per_serial(self):
        rule = self._rule("unit_delivered", domain="[('end_partner_id', '!=', False)]")
        lead = self._won_deal(self.distributor, self.hospital, self.radiology)
        order = self._confirmed_order(lead, [(self.mri, 2)])
        self._validate(order.picking_ids, self.mri_lots[:2])
        units = lead.fulfillment_ids.unit_ids
        logs = self._logs(rule)
        self.assertEqual(sorted(logs.mapped("res_id")), sorted(units.ids))
        self.assertEqual(set(logs.mapped("res_model")), {"medcrm.fulfillment.unit"})
        self.assertIn("MR-0001 to", " ".join(logs.mapped("details")))
        # A serial delivered to a distributor with no end customer yet is filtered out.
        lead2 = self._won_deal(self.distributor)
        order2 = self._confirmed_order(lead2, [(self.mri, 1)])
        self._validate(order2.picking_ids, self.mri_lots[2:3])
        self.assertEqual(self._logs(rule), logs)

    def test_rule_of_another_company_ignores_our_fulfillments(self):
        company_b = self.env["res.company"].create({"name": "Med Equipment Kazakhstan"})
        rule_b = self._rule("fulfillment_created", company_id=company_b.id)
        rule_a = self._rule("fulfillment_created", company_id=self.company.id)
        lead = self._won_deal(self.distributor, self.hospital, self.radiology)
        self.assertFalse(self._logs(rule_b))
        self.assertEqual(self._logs(rule_a).res_id, lead.fulfillment_ids.id)
