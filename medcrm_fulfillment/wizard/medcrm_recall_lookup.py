import re

from odoo import api, fields, models, tools
from odoo.exceptions import UserError

RANGE_SEPARATOR = ".."


class MedcrmRecallLookup(models.TransientModel):
    _name = "medcrm.recall.lookup"
    _description = "Recall lookup: where are these serial numbers"

    product_id = fields.Many2one(
        "product.product",
        domain="[('tracking', '=', 'serial')]",
    )
    serials = fields.Text(
        string="Serial Numbers",
        help="Pasted serial numbers, one per line or separated by commas, spaces or semicolons. "
        "A range is written FIRST..LAST (e.g. MR15-240001..MR15-240099) and compares serials "
        "as text.",
    )
    date = fields.Date(string="As of", required=True, default=fields.Date.context_today)
    line_ids = fields.One2many("medcrm.recall.lookup.line", "wizard_id", string="Results")
    line_count = fields.Integer(compute="_compute_counts")
    gap_count = fields.Integer(compute="_compute_counts")
    result_message = fields.Char(readonly=True)

    @api.depends("line_ids.is_gap")
    def _compute_counts(self):
        for wizard in self:
            wizard.line_count = len(wizard.line_ids)
            wizard.gap_count = len(wizard.line_ids.filtered("is_gap"))

    def action_lookup(self):
        self.ensure_one()
        names, ranges = self._parse_serials()
        if not self.product_id and not names and not ranges:
            raise UserError(
                self.env._("Choose a product or paste serial numbers to look up, then search.")
            )
        locations = self.env["medcrm.fulfillment.unit.location"]._medcrm_locate(
            self.date, self.product_id, names, ranges
        )
        self.line_ids = [fields.Command.clear()] + self._prepare_lines(locations, names)
        if not self.line_ids:
            # an empty list in the main area would look like a failure: stay in the dialog and
            # say what was searched, so that a mistyped range or date is seen at once
            self.result_message = self.env._(
                "Nothing found for %(searched)s as of %(date)s. Ranges compare serial numbers "
                "as text (e.g. MR15-240001..MR15-240099): check the prefix, the digits and the "
                "date.",
                searched=self._searched_description(names, ranges),
                date=tools.format_date(self.env, self.date),
            )
            return {
                "type": "ir.actions.act_window",
                "res_model": self._name,
                "res_id": self.id,
                "view_mode": "form",
                "views": [(False, "form")],
                "target": "new",
                "name": self.env._("Recall lookup"),
            }
        self.result_message = False
        return self._action_open_lines(names, ranges)

    def action_export_xlsx(self):
        self.ensure_one()
        return self.line_ids._export_xlsx()

    def _action_open_lines(self, names, ranges):
        """The results in the main area: a list with search, group by and export, not a dialog
        (a recall names hundreds of units)."""
        return {
            "type": "ir.actions.act_window",
            "res_model": "medcrm.recall.lookup.line",
            "view_mode": "list,form",
            "views": [
                (self.env.ref("medcrm_fulfillment.medcrm_recall_lookup_line_view_list").id, "list"),
                (False, "form"),
            ],
            "search_view_id": [
                self.env.ref("medcrm_fulfillment.medcrm_recall_lookup_line_view_search").id
            ],
            "domain": [("wizard_id", "=", self.id)],
            "context": {"create": False, "delete": False},
            "target": "current",
            "name": self.env._(
                "Recall: %(searched)s as of %(date)s",
                searched=self._searched_description(names, ranges),
                date=tools.format_date(self.env, self.date),
            ),
        }

    def _searched_description(self, names, ranges):
        """What was asked, as the user wrote it: product, serials and ranges."""
        parts = [self.product_id.display_name] if self.product_id else []
        parts += names
        parts += [f"{first}{RANGE_SEPARATOR}{last}" for first, last in ranges]
        return ", ".join(parts)

    def _parse_serials(self):
        """Return (names, ranges) from the pasted text."""
        names, ranges = [], []
        for token in re.split(r"[\s,;]+", self.serials or ""):
            if not token:
                continue
            if RANGE_SEPARATOR in token:
                first, _sep, last = token.partition(RANGE_SEPARATOR)
                if not first or not last or first > last:
                    raise UserError(
                        self.env._(
                            "The range '%s' is not valid: write FIRST..LAST with the lower "
                            "serial first, e.g. MR-0100..MR-0199.",
                            token,
                        )
                    )
                ranges.append((first, last))
            else:
                names.append(token)
        return names, ranges

    def _prepare_lines(self, locations, asked_names):
        """Result lines from the rows of ``_medcrm_locate``: gaps first, then by end customer,
        address and serial; the partners are read once for all rows."""
        partner_ids = set()
        for *_values, customer, address, _distributor in locations:
            partner_ids.update((customer, address))
        partner_ids.discard(None)
        partners = self.env["res.partner"].browse(partner_ids)
        contacts = self._contacts_by_partner(partners)
        # one text per partner, not per serial (thousands of serials share a few addresses)
        names = {partner.id: (partner.name, partner.display_name) for partner in partners}
        addresses = {partner.id: self._one_line_address(partner) for partner in partners}
        no_name = ("", "")
        not_declared = self.env._("End customer not declared yet")
        rows = []
        for _id, serial, product, unit, delivered, customer, address, distributor in locations:
            rows.append(
                {
                    "is_gap": not customer,
                    "serial": serial,
                    "product_id": product,
                    "unit_id": unit,
                    "date_delivered": delivered,
                    "end_partner_id": customer,
                    "end_address_id": address,
                    "address": addresses.get(address, False),
                    "contacts": "; ".join(contacts.get(address, []) + contacts.get(customer, [])),
                    "distributor_id": distributor,
                    "note": False if customer else not_declared,
                    "_sort": (
                        2 if customer else 0,
                        names.get(customer, no_name)[0],
                        names.get(address, no_name)[1],
                        serial,
                    ),
                }
            )
        found = {row[1] for row in locations}
        for name in asked_names:
            if name not in found:
                rows.append(
                    {
                        "is_gap": True,
                        "serial": name,
                        "note": self.env._("Not in the installed base on this date"),
                        "_sort": (1, "", "", name),
                    }
                )
        rows.sort(key=lambda row: row.pop("_sort"))
        return [fields.Command.create(dict(row, sequence=index)) for index, row in enumerate(rows)]

    @api.model
    def _one_line_address(self, partner):
        if not partner:
            return False
        lines = partner._display_address(without_company=True).splitlines()
        return ", ".join(line.strip() for line in lines if line.strip())

    @api.model
    def _contacts_by_partner(self, partners):
        """Contact persons (name, job, email, phone) of each partner, in one read."""
        people = self.env["res.partner"].search(
            [
                ("parent_id", "in", partners.ids),
                ("type", "=", "contact"),
                ("is_company", "=", False),
            ]
        )
        result = {}
        for person in people:
            details = [person.name, person.function, person.email, person.phone or person.mobile]
            result.setdefault(person.parent_id.id, []).append(
                ", ".join(detail for detail in details if detail)
            )
        return result
