from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_distributor = fields.Boolean(
        string="Distributor",
        help="Resells our equipment to hospitals. Serials delivered to a distributor stay "
        "'declaration pending' until the end customer is known.",
    )
    medcrm_unit_count = fields.Integer(
        string="Installed Equipment",
        compute="_compute_medcrm_unit_count",
        groups="sales_team.group_sale_salesman,stock.group_stock_user",
    )

    def _compute_medcrm_unit_count(self):
        counts = dict.fromkeys(self.ids, 0)
        commercial = self.filtered("id").commercial_partner_id
        if commercial:
            groups = self.env["medcrm.fulfillment.unit"]._read_group(
                [("end_partner_id", "in", commercial.ids), ("state", "=", "active")],
                ["end_partner_id"],
                ["__count"],
            )
            by_customer = {partner.id: count for partner, count in groups}
            for partner in self.filtered("id"):
                counts[partner.id] = by_customer.get(partner.commercial_partner_id.id, 0)
        for partner in self:
            partner.medcrm_unit_count = counts.get(partner.id, 0)

    def action_medcrm_installed_equipment(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "medcrm_fulfillment.medcrm_fulfillment_unit_action"
        )
        action["domain"] = [("end_partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"search_default_filter_active": 1, "search_default_group_address": 1}
        action["display_name"] = self.env._(
            "Installed equipment: %s", self.commercial_partner_id.name
        )
        return action

    @api.model
    def _medcrm_check_end_address(self, end_partner, end_address, record_name):
        """Raise when ``end_address`` is not ``end_partner`` or one of its contacts."""
        if not end_address:
            return
        if not end_partner:
            raise ValidationError(
                self.env._(
                    "%(record)s: the end address %(address)s is set but the end customer is "
                    "empty. Set the end customer (the hospital) first.",
                    record=record_name,
                    address=end_address.display_name,
                )
            )
        partner = end_address
        while partner:
            if partner == end_partner:
                return
            partner = partner.parent_id
        raise ValidationError(
            self.env._(
                "%(record)s: the end address %(address)s is not a contact or delivery address "
                "of the end customer %(customer)s. Choose one of %(customer)s's addresses or "
                "add the department as its contact.",
                record=record_name,
                address=end_address.display_name,
                customer=end_partner.display_name,
            )
        )
