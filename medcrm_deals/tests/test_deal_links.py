from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MedcrmDealsCase


@tagged("post_install", "-at_install")
class TestDealLinks(MedcrmDealsCase):
    """A task, an interaction or a private note shows its deal's name, customer and salesperson:
    it is linked only to a deal its author may read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls._create_deal(name="Own MRI", user_id=cls.user_salesman.id)
        cls.colleagues = cls._create_deal(
            name="Colleague's CT", user_id=cls.user_salesman_other.id, partner_id=cls.hospital.id
        )
        cls.call_type = cls.env.ref("medcrm_deals.medcrm_interaction_type_call")

    def _vals(self, model, lead):
        return {
            "medcrm.task": {"name": "Send the offer", "user_id": self.user_salesman.id},
            "medcrm.interaction": {"name": "Call", "type_id": self.call_type.id},
            "medcrm.private.note": {"body": "Mind the budget"},
        }[model] | {"lead_id": lead.id}

    def test_records_are_linked_to_readable_deals_only(self):
        for model in ("medcrm.task", "medcrm.interaction", "medcrm.private.note"):
            with self.subTest(model=model):
                Model = self.env[model].with_user(self.user_salesman)
                record = Model.create(self._vals(model, self.own))
                self.assertEqual(record.lead_id, self.own)
                with self.assertRaisesRegex(AccessError, "may not read the deal") as caught:
                    Model.create(self._vals(model, self.colleagues))
                # the refusal names the deal by its id, not by what may not be read
                self.assertNotIn(self.colleagues.name, str(caught.exception))
                # as a refused RPC call: the transaction (here a savepoint) is rolled back
                with (
                    self.assertRaisesRegex(AccessError, "may not read the deal"),
                    self.env.cr.savepoint(),
                ):
                    record.write({"lead_id": self.colleagues.id})
                record.invalidate_recordset()
                self.assertEqual(record.lead_id, self.own)

    def test_all_leads_salesperson_links_to_any_deal(self):
        for model in ("medcrm.task", "medcrm.interaction", "medcrm.private.note"):
            with self.subTest(model=model):
                record = (
                    self.env[model]
                    .with_user(self.user_all_leads)
                    .create(self._vals(model, self.colleagues))
                )
                self.assertEqual(record.lead_id, self.colleagues)

    def test_nothing_about_a_colleagues_deal_comes_back_through_a_task(self):
        Task = self.env["medcrm.task"].with_user(self.user_salesman)
        with self.assertRaises(AccessError):
            Task.create(self._vals("medcrm.task", self.colleagues))
        tasks = Task.search_read(
            [("lead_id", "=", self.colleagues.id)], ["lead_id", "partner_id", "lead_user_id"]
        )
        self.assertEqual(tasks, [])
