from odoo.addons.medcrm_fulfillment.tests.common import FulfillmentCase
from odoo.addons.medcrm_service_contract.tests.common import ServiceUsersMixin


class ServiceFulfillmentCase(ServiceUsersMixin, FulfillmentCase):
    """medcrm_fulfillment's fixtures (hospitals, serial-tracked devices in stock, delivery
    helpers) plus medcrm_service_contract's service users and kind, a term type, one MRI and one
    CT delivered to City Hospital No. 1 through a distributor, and a service contract with that
    hospital."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_service_users()
        cls.term_type = cls.env["medcrm.contract.term.type"].create(
            {"name": "Maintenance visit (bridge test)"}
        )
        sale = cls._won_deal(cls.distributor, cls.hospital, cls.radiology)
        order = cls._confirmed_order(sale, [(cls.mri, 1), (cls.ct, 1)])
        cls._validate(order.picking_ids, cls.mri_lots[:1] | cls.ct_lots)
        cls.delivered_mri = cls.mri_lots[0]
        cls.unit = cls.env["medcrm.fulfillment.unit"].search(
            [("lot_id", "=", cls.delivered_mri.id)]
        )
        cls.contract = cls._service_deal(cls.hospital)

    @classmethod
    def _service_deal(cls, partner, end_partner=None, user=None):
        return cls._create_deal(
            cls.service_kind,
            name=f"Maintenance contract with {partner.name}",
            partner_id=partner.id,
            end_partner_id=end_partner and end_partner.id,
            user_id=(user or cls.user_salesman).id,
        )

    def _term(self, lead=None, user=None, **vals):
        """A quarterly term over 2026 on ``lead`` (the fixture's contract)."""
        vals.setdefault("interval", 3)
        return self._create_term(lead or self.contract, self.term_type, user=user, **vals)
