from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import create_index


class MedcrmFulfillmentUnit(models.Model):
    _name = "medcrm.fulfillment.unit"
    _description = "Installed unit (a delivered serial number)"
    _inherit = ["mail.thread"]
    _order = "date_delivered desc, id desc"
    _mail_post_access = "read"
    name = fields.Char(
        string="Serial Number",
        required=True,
        readonly=True,
        index=True,
        help="The serial number as delivered; readable without access to inventory lots.",
    )
    lot_id = fields.Many2one("stock.lot", required=True, readonly=True, index=True)
    product_id = fields.Many2one("product.product", required=True, readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    fulfillment_id = fields.Many2one(
        "medcrm.fulfillment", readonly=True, ondelete="set null", index="btree_not_null"
    )
    lead_id = fields.Many2one(
        "crm.lead", string="Deal", readonly=True, ondelete="set null", index="btree_not_null"
    )
    user_id = fields.Many2one(
        "res.users", string="Salesperson", readonly=True, index="btree_not_null"
    )
    sale_order_id = fields.Many2one("sale.order", readonly=True, ondelete="set null")
    picking_id = fields.Many2one(
        "stock.picking", string="Delivery", readonly=True, ondelete="set null"
    )
    move_line_id = fields.Many2one("stock.move.line", readonly=True, ondelete="set null")
    date_delivered = fields.Date(string="Delivered On", required=True, readonly=True, index=True)
    distributor_id = fields.Many2one("res.partner", readonly=True, index="btree_not_null")
    end_partner_id = fields.Many2one(
        "res.partner",
        string="End Customer",
        readonly=True,
        index="btree_not_null",
        tracking=True,
        help="Current end customer; empty while the distributor has not declared it.",
    )
    end_address_id = fields.Many2one(
        "res.partner",
        readonly=True,
        index="btree_not_null",
        tracking=True,
        help="Current address (department) of the unit.",
    )
    street = fields.Char(related="end_address_id.street")
    city = fields.Char(related="end_address_id.city")
    zip = fields.Char(related="end_address_id.zip")
    state_id = fields.Many2one(related="end_address_id.state_id", string="Region")
    country_id = fields.Many2one(related="end_address_id.country_id")
    state = fields.Selection(
        [("active", "Installed"), ("returned", "Returned")],
        default="active",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    date_returned = fields.Date(string="Returned On", readonly=True)
    return_picking_id = fields.Many2one(
        "stock.picking", string="Return", readonly=True, ondelete="set null"
    )
    location_ids = fields.One2many(
        "medcrm.fulfillment.unit.location", "unit_id", string="Location History", readonly=True
    )
    is_declaration_pending = fields.Boolean(
        compute="_compute_is_declaration_pending",
        search="_search_is_declaration_pending",
        help="Delivered and installed, but its end customer is not known yet.",
    )
    age_days = fields.Integer(
        string="Days Since Delivery",
        compute="_compute_age_days",
        help="Days since the delivery; for chasing declarations.",
    )

    def init(self):
        # The recall lookup asks "which units of product P / serials S": composite indexes.
        create_index(
            self.env.cr,
            "medcrm_fulfillment_unit_product_date_idx",
            self._table,
            ["product_id", "date_delivered"],
        )
        create_index(
            self.env.cr,
            "medcrm_fulfillment_unit_lot_state_idx",
            self._table,
            ["lot_id", "state"],
        )

    @api.depends("state", "end_partner_id")
    def _compute_is_declaration_pending(self):
        for unit in self:
            unit.is_declaration_pending = unit.state == "active" and not unit.end_partner_id

    def _search_is_declaration_pending(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on 'Declaration pending'."))
        pending = [("state", "=", "active"), ("end_partner_id", "=", False)]
        if (operator == "=") == value:
            return pending
        return ["|", ("state", "!=", "active"), ("end_partner_id", "!=", False)]

    @api.depends("date_delivered")
    @api.depends_context("tz")
    def _compute_age_days(self):
        today = fields.Date.context_today(self)
        for unit in self:
            unit.age_days = (today - unit.date_delivered).days if unit.date_delivered else 0

    @api.constrains("lot_id", "state")
    def _check_one_active_unit_per_lot(self):
        groups = self._read_group(
            [("lot_id", "in", self.lot_id.ids), ("state", "=", "active")],
            ["lot_id"],
            ["__count"],
        )
        duplicated = [lot.sudo().name for lot, count in groups if count > 1]
        if duplicated:
            raise ValidationError(
                self.env._(
                    "Serial number %s is already installed at an end customer. Record the return "
                    "of the installed unit before delivering it again.",
                    ", ".join(duplicated),
                )
            )

    def action_open_relocate(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Relocate / declare end customer"),
            "res_model": "medcrm.fulfillment.relocate",
            "view_mode": "form",
            "target": "new",
            "context": {"default_unit_ids": self.ids},
        }

    # Private helpers ------------------------------------------------------------------------

    @api.model
    def _medcrm_create_from_move_lines(self, move_lines):
        """Create one installed unit (with its first location) per delivered serial."""
        vals_list = []
        # The stock user validating a delivery may not read the deal (crm) behind its order:
        # the links are read as superuser; the delivery itself passed the stock checks.
        for line in move_lines.sudo():
            picking = line.picking_id
            order = picking.sale_id
            lead = order.opportunity_id
            fulfillment = lead.fulfillment_ids[:1]
            end_partner, end_address = picking.end_partner_id, picking.end_address_id
            buyer = picking.partner_id.commercial_partner_id
            distributor = buyer if buyer != end_partner.commercial_partner_id else False
            date_done = fields.Date.context_today(self, picking.date_done or fields.Datetime.now())
            vals_list.append(
                {
                    "name": line.lot_id.name,
                    "lot_id": line.lot_id.id,
                    "product_id": line.product_id.id,
                    "company_id": picking.company_id.id,
                    "fulfillment_id": fulfillment.id,
                    "lead_id": lead.id,
                    "user_id": (lead.user_id or order.user_id).id,
                    "sale_order_id": order.id,
                    "picking_id": picking.id,
                    "move_line_id": line.id,
                    "date_delivered": date_done,
                    "distributor_id": distributor and distributor.id,
                    "end_partner_id": end_partner.id,
                    "end_address_id": end_address.id,
                    "location_ids": [
                        fields.Command.create(
                            {
                                "date_from": date_done,
                                "end_partner_id": end_partner.id,
                                "end_address_id": end_address.id,
                                "distributor_id": distributor and distributor.id,
                                "picking_id": picking.id,
                                "reason": self.env._("Delivery %s", picking.name),
                            }
                        )
                    ],
                }
            )
        # The installed base is history nobody edits by hand: the stock user validating the
        # delivery has no write access to it, so the rows are written as superuser here, after
        # the delivery itself passed the stock checks.
        units = self.sudo().create(vals_list)
        self.env["medcrm.notify.event"]._emit(
            "unit_delivered",
            units,
            occurrence_keys=dict.fromkeys(units.ids, "delivered"),
            details={
                unit.id: self.env._(
                    "%(serial)s to %(destination)s",
                    serial=unit.name,
                    destination=unit.end_address_id.display_name
                    or self.env._("an end customer not declared yet"),
                )
                for unit in units
            },
        )
        return units

    def _medcrm_close(self, date, return_picking):
        """Close active units returned to us on ``date``."""
        units = self.filtered(lambda unit: unit.state == "active")
        if not units:
            return
        current = units.location_ids.filtered(lambda loc: not loc.date_to)
        # Same reason as in _medcrm_create_from_move_lines: history is written by the system.
        current.sudo().write({"date_to": date})
        units.sudo().write(
            {"state": "returned", "date_returned": date, "return_picking_id": return_picking.id}
        )

    def _medcrm_relocate(self, end_partner, end_address, date, reason):
        """Record a new location from ``date`` on, closing the current one."""
        partner_model = self.env["res.partner"]
        if not end_address:
            raise ValidationError(
                self.env._("Set the end address: the hospital or the department the unit is at.")
            )
        end_partner = end_partner or end_address.commercial_partner_id
        for unit in self:
            partner_model._medcrm_check_end_address(end_partner, end_address, unit.display_name)
            if unit.state != "active":
                raise UserError(
                    self.env._(
                        "Serial %(serial)s was returned on %(date)s: it cannot be relocated.",
                        serial=unit.display_name,
                        date=unit.date_returned,
                    )
                )
            if date < unit.date_delivered:
                raise ValidationError(
                    self.env._(
                        "Serial %(serial)s: the relocation date %(date)s is before its delivery "
                        "on %(delivered)s. Choose an effective date on or after the delivery.",
                        serial=unit.display_name,
                        date=date,
                        delivered=unit.date_delivered,
                    )
                )
            current = unit.location_ids.filtered(lambda loc: not loc.date_to)
            if current and date < current.date_from:
                raise ValidationError(
                    self.env._(
                        "Serial %(serial)s: the relocation date %(date)s is before its current "
                        "location's date %(current)s. Choose a later effective date.",
                        serial=unit.display_name,
                        date=date,
                        current=current.date_from,
                    )
                )
        # The history is append-only for users: written as superuser after the checks above.
        for unit in self.sudo():
            unit.location_ids.filtered(lambda loc: not loc.date_to).write({"date_to": date})
            unit.write(
                {
                    "end_partner_id": end_partner.id,
                    "end_address_id": end_address.id,
                    "location_ids": [
                        fields.Command.create(
                            {
                                "date_from": date,
                                "end_partner_id": end_partner.id,
                                "end_address_id": end_address.id,
                                "distributor_id": unit.distributor_id.id,
                                "reason": reason,
                            }
                        )
                    ],
                }
            )
