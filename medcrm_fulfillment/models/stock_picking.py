from odoo import api, fields, models
from odoo.exceptions import UserError


class StockPicking(models.Model):
    _name = "stock.picking"
    _inherit = ["stock.picking", "medcrm.end.destination.mixin"]

    end_change_reason = fields.Char(
        string="End Destination Change Reason",
        tracking=True,
        copy=False,
        help="Why the end customer or address differs from the one first given.",
    )

    @api.depends("sale_id.end_partner_id", "sale_id.end_address_id", "partner_id")
    def _compute_end_destination(self):
        for picking in self:
            if picking.state in ("done", "cancel") or picking.picking_type_code != "outgoing":
                continue
            order = picking.sale_id
            if order.end_partner_id:
                picking.end_partner_id = order.end_partner_id
                picking.end_address_id = order.end_address_id
            elif (
                order
                and picking.partner_id
                and not picking.partner_id.commercial_partner_id.is_distributor
            ):
                # Sold straight to the hospital: it is its own end customer. A delivery made
                # without an order gets an end customer only when the user sets one.
                picking.end_partner_id = picking.partner_id.commercial_partner_id
                picking.end_address_id = picking.partner_id

    def write(self, vals):
        if "end_partner_id" in vals or "end_address_id" in vals:
            self._medcrm_check_end_destination_change(vals)
        return super().write(vals)

    def _action_done(self):
        deliveries = self._medcrm_serial_deliveries()
        deliveries._medcrm_check_before_delivery()
        result = super()._action_done()
        done_lines = deliveries.filtered(lambda p: p.state == "done").move_line_ids.filtered(
            lambda line: line.state == "done" and line.lot_id and line.quantity
        )
        if done_lines:
            self.env["medcrm.fulfillment.unit"]._medcrm_create_from_move_lines(done_lines)
        self._medcrm_close_returned_units()
        return result

    def _medcrm_check_end_destination_change(self, vals):
        """A set end destination is changed only with a reason, and never after delivery."""
        for picking in self:
            new_partner = (
                vals["end_partner_id"] if "end_partner_id" in vals else picking.end_partner_id.id
            )
            new_address = (
                vals["end_address_id"] if "end_address_id" in vals else picking.end_address_id.id
            )
            changed = (picking.end_partner_id and new_partner != picking.end_partner_id.id) or (
                picking.end_address_id and new_address != picking.end_address_id.id
            )
            if not changed:
                continue
            if picking.state == "done":
                raise UserError(
                    self.env._(
                        "%s is already delivered: its end customer and address are history. "
                        "Record a relocation on the installed units instead.",
                        picking.display_name,
                    )
                )
            if not vals.get("end_change_reason"):
                raise UserError(
                    self.env._(
                        "%s: changing the end customer or end address needs a reason. Fill in "
                        "'End Destination Change Reason' in the same save.",
                        picking.display_name,
                    )
                )

    def _medcrm_serial_deliveries(self):
        """Pickings of ``self`` that send serial-tracked products to a customer under our
        end-customer tracking: the deliveries of a sale order, and any other delivery the user
        gave an End Customer. Those become installed units, and their serials must not be
        installed elsewhere already. Other moves to a customer location (a plain transfer
        without order or end customer, as Odoo's own inventory flows make) are left as Odoo
        does them."""
        return self.filtered(
            lambda picking: (
                (picking.sale_id or picking.end_partner_id)
                and picking.location_dest_id.usage == "customer"
                and picking.location_id.usage != "customer"
                and any(product.tracking == "serial" for product in picking.move_ids.product_id)
            )
        )

    def _medcrm_check_before_delivery(self):
        """Refuse a serial delivery whose end destination is incomplete or already taken."""
        for picking in self:
            # Warehouse users may not read deals; only the end customer is looked at.
            lead = picking.sale_id.sudo().opportunity_id
            if (picking.end_partner_id or lead.end_partner_id) and not picking.end_address_id:
                raise UserError(
                    self.env._(
                        "%(picking)s delivers serial numbers for the end customer %(customer)s "
                        "but has no End Address. Set the hospital or its department as End "
                        "Address on the delivery, then validate again.",
                        picking=picking.display_name,
                        customer=(picking.end_partner_id or lead.end_partner_id).display_name,
                    )
                )
        lots = self.move_line_ids.filtered(
            lambda line: line.lot_id and line.product_id.tracking == "serial" and line.picked
        ).lot_id
        if not lots:
            return
        installed = (
            self.env["medcrm.fulfillment.unit"]
            .sudo()
            .search([("lot_id", "in", lots.ids), ("state", "=", "active")])
        )
        if installed:
            raise UserError(
                self.env._(
                    "Serial numbers already installed at an end customer: %s. Validate the "
                    "return of these units first, or pick other serial numbers.",
                    ", ".join(installed.mapped("name")),
                )
            )

    def _medcrm_close_returned_units(self):
        returns = self.filtered(
            lambda picking: (
                picking.state == "done"
                and picking.location_id.usage == "customer"
                and picking.location_dest_id.usage != "customer"
            )
        )
        for picking in returns:
            lots = picking.move_line_ids.filtered(lambda line: line.state == "done").lot_id
            if not lots:
                continue
            # Reading other salespeople's units is needed to close them; closing is history
            # written by the system (see medcrm.fulfillment.unit._medcrm_close).
            units = (
                self.env["medcrm.fulfillment.unit"]
                .sudo()
                .search([("lot_id", "in", lots.ids), ("state", "=", "active")])
            )
            date = fields.Date.context_today(self, picking.date_done or fields.Datetime.now())
            units._medcrm_close(date, picking)
