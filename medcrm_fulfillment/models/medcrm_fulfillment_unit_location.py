from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools import SQL, create_index

# What the recall lookup shows of each location (``_medcrm_locate`` selects them after the id).
LOCATE_FIELDS = [
    "serial",
    "product_id",
    "unit_id",
    "date_delivered",
    "end_partner_id",
    "end_address_id",
    "distributor_id",
]


class MedcrmFulfillmentUnitLocation(models.Model):
    _name = "medcrm.fulfillment.unit.location"
    _description = "Where an installed unit was, from a date"
    _order = "date_from desc, id desc"

    unit_id = fields.Many2one(
        "medcrm.fulfillment.unit", required=True, ondelete="cascade", index=True, readonly=True
    )
    serial = fields.Char(related="unit_id.name", store=True, string="Serial Number")
    lot_id = fields.Many2one(related="unit_id.lot_id", store=True)
    product_id = fields.Many2one(related="unit_id.product_id", store=True)
    company_id = fields.Many2one(related="unit_id.company_id", store=True, index=True)
    user_id = fields.Many2one(related="unit_id.user_id", store=True, string="Salesperson")
    date_delivered = fields.Date(related="unit_id.date_delivered", store=True)
    date_from = fields.Date(string="From", required=True, readonly=True)
    date_to = fields.Date(
        string="Until", readonly=True, help="Exclusive; empty while the unit is still there."
    )
    end_partner_id = fields.Many2one(
        "res.partner", string="End Customer", readonly=True, index="btree_not_null"
    )
    end_address_id = fields.Many2one("res.partner", readonly=True)
    distributor_id = fields.Many2one("res.partner", readonly=True)
    picking_id = fields.Many2one(
        "stock.picking", string="Delivery", readonly=True, ondelete="set null"
    )
    reason = fields.Char(readonly=True)

    def init(self):
        # "Where was serial X / product P on date D": a range search per lot and per product.
        create_index(
            self.env.cr,
            "medcrm_fulfillment_unit_location_product_dates_idx",
            self._table,
            ["product_id", "date_from", "date_to"],
        )
        create_index(
            self.env.cr,
            "medcrm_fulfillment_unit_location_serial_dates_idx",
            self._table,
            ["serial", "date_from", "date_to"],
        )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for location in self:
            if location.date_from < location.unit_id.date_delivered:
                raise ValidationError(
                    self.env._(
                        "Serial %(serial)s: a location cannot start on %(date)s, before the "
                        "delivery on %(delivered)s.",
                        serial=location.serial,
                        date=location.date_from,
                        delivered=location.unit_id.date_delivered,
                    )
                )
            if location.date_to and location.date_to < location.date_from:
                raise ValidationError(
                    self.env._(
                        "Serial %(serial)s: a location cannot end (%(end)s) before it starts "
                        "(%(start)s).",
                        serial=location.serial,
                        end=location.date_to,
                        start=location.date_from,
                    )
                )

    @api.model
    def _medcrm_locate(self, date, product=None, names=(), ranges=()):
        """Where the units of ``product`` and/or the serials ``names`` and ``ranges`` ((first,
        last) pairs, compared as text) were on ``date``: one tuple per location valid then,
        ``(id, *LOCATE_FIELDS)`` (ids for the many2one fields), in no particular order.

        One query, on the product or the serial index: the ORM's search (access rights and
        record rules apply, as in any search) selecting the columns the recall lookup shows,
        rather than thousands of records loaded into the cache for a list of values."""
        domain = self._medcrm_domain_at(date)
        if product:
            domain += [("product_id", "=", product.id)]
        serial_domains = [[("serial", "in", list(names))]] if names else []
        serial_domains += [
            [("serial", ">=", first), ("serial", "<=", last)] for first, last in ranges
        ]
        if serial_domains:
            domain = expression.AND([domain, expression.OR(serial_domains)])
        query = self._search(domain)
        if query.is_empty():
            return []
        return self.env.execute_query(
            query.select(
                SQL.identifier(self._table, "id"),
                *(SQL.identifier(self._table, name) for name in LOCATE_FIELDS),
            )
        )

    @api.model
    def _medcrm_domain_at(self, date):
        """Domain of the locations valid on ``date`` (date_to is exclusive)."""
        return [
            ("date_from", "<=", date),
            "|",
            ("date_to", "=", False),
            ("date_to", ">", date),
        ]
