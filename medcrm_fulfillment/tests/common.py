from odoo import Command
from odoo.tests import Form, new_test_user

from odoo.addons.medcrm_deals.tests.common import MedcrmDealsCase


class FulfillmentCase(MedcrmDealsCase):
    """medcrm_deals' fixtures (users of each CRM group, deal kinds, the hospital, its engineer
    and the distributor) plus a stock user, the hospital's departments, another hospital and
    serial-tracked products in stock, with helpers to win a deal, confirm its order and
    validate deliveries with chosen serial numbers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.stock_location = cls.warehouse.lot_stock_id
        cls.stock_user = new_test_user(
            cls.env, "fulfil_stock", groups="stock.group_stock_user", name="Stas Stock"
        )

        # The shared partners, as this add-on needs them: the distributor resells, the
        # hospital's engineer is the person to call about its equipment.
        cls.distributor.is_distributor = True
        cls.engineer.write({"function": "Chief engineer", "email": "petrov@hospital1.example"})
        partner = cls.env["res.partner"]
        cls.radiology = partner.create(
            {
                "name": "Radiology",
                "parent_id": cls.hospital.id,
                "type": "delivery",
                "street": "Lenina 1",
                "city": "Kazan",
            }
        )
        cls.cardiology = partner.create(
            {"name": "Cardiology", "parent_id": cls.hospital.id, "type": "delivery"}
        )
        cls.other_hospital = partner.create({"name": "Regional Clinic", "is_company": True})
        cls.other_department = partner.create(
            {"name": "Surgery", "parent_id": cls.other_hospital.id, "type": "delivery"}
        )

        product = cls.env["product.product"]
        cls.mri = product.create(
            {
                "name": "MRI scanner 1.5T",
                "is_storable": True,
                "tracking": "serial",
                "list_price": 900000,
            }
        )
        cls.ct = product.create(
            {"name": "CT scanner 64", "is_storable": True, "tracking": "serial"}
        )
        cls.mri_lots = cls._stock_serials(cls.mri, ["MR-0001", "MR-0002", "MR-0003"])
        cls.ct_lots = cls._stock_serials(cls.ct, ["CT-0100"])

    @classmethod
    def _stock_serials(cls, product, names, company=None):
        company = company or cls.company
        location = (
            cls.env["stock.warehouse"]
            .search([("company_id", "=", company.id)], limit=1)
            .lot_stock_id
        )
        lots = cls.env["stock.lot"].create(
            [{"name": name, "product_id": product.id, "company_id": company.id} for name in names]
        )
        for lot in lots:
            cls.env["stock.quant"]._update_available_quantity(product, location, 1, lot_id=lot)
        return lots

    @classmethod
    def _won_deal(cls, partner, end_partner=None, end_address=None, user=None, company=None):
        """An equipment sale to ``partner`` for ``end_partner`` at ``end_address``, won."""
        lead = cls._create_deal(
            name=f"MRI for {(end_partner or partner).name}",
            partner_id=partner.id,
            end_partner_id=end_partner and end_partner.id,
            end_address_id=end_address and end_address.id,
            user_id=(user or cls.user_salesman).id,
            company_id=(company or cls.company).id,
        )
        lead.action_set_won()
        return lead

    @classmethod
    def _confirmed_order(cls, lead, lines, company=None):
        order = cls.env["sale.order"].create(
            {
                "partner_id": lead.partner_id.id,
                "opportunity_id": lead.id,
                "user_id": lead.user_id.id,
                "company_id": (company or cls.company).id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": qty})
                    for product, qty in lines
                ],
            }
        )
        order.action_confirm()
        return order

    @classmethod
    def _set_serials(cls, picking, lots):
        """Replace the picking's detailed operations by one picked line per serial."""
        picking.move_line_ids.unlink()
        for lot in lots:
            move = picking.move_ids.filtered(lambda m, lot=lot: m.product_id == lot.product_id)
            cls.env["stock.move.line"].create(
                {
                    "move_id": move.id,
                    "picking_id": picking.id,
                    "product_id": lot.product_id.id,
                    "product_uom_id": lot.product_id.uom_id.id,
                    "location_id": move.location_id.id,
                    "location_dest_id": move.location_dest_id.id,
                    "lot_id": lot.id,
                    "quantity": 1,
                    "picked": True,
                }
            )

    @classmethod
    def _validate(cls, picking, lots, backorder=True):
        cls._set_serials(picking, lots)
        result = picking.button_validate()
        if isinstance(result, dict) and result.get("res_model") == "stock.backorder.confirmation":
            wizard = Form(
                cls.env["stock.backorder.confirmation"].with_context(**result["context"])
            ).save()
            if backorder:
                wizard.process()
            else:
                wizard.process_cancel_backorder()
        return picking

    @classmethod
    def _return(cls, picking, lots):
        wizard = Form(
            cls.env["stock.return.picking"].with_context(
                active_id=picking.id, active_model="stock.picking"
            )
        ).save()
        for line in wizard.product_return_moves:
            line.quantity = len(lots.filtered(lambda lot, ln=line: lot.product_id == ln.product_id))
        action = wizard.action_create_returns()
        return_picking = cls.env["stock.picking"].browse(action["res_id"])
        cls._validate(return_picking, lots)
        return return_picking
