from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MedcrmContractTerm(models.Model):
    _inherit = "medcrm.contract.term"

    lot_id = fields.Many2one(
        "stock.lot",
        string="Delivered Serial",
        index="btree_not_null",
        tracking=True,
        help="The serial number delivered to this contract's customer that the term covers; "
        "it fills in the equipment and its serial number.",
    )
    medcrm_customer_id = fields.Many2one(
        "res.partner",
        string="Contract Customer",
        compute="_compute_medcrm_customer_id",
        help="The hospital whose delivered serials the term may cover: the deal's end "
        "customer, else its customer.",
    )

    @api.depends("lead_id.end_partner_id", "lead_id.partner_id")
    def _compute_medcrm_customer_id(self):
        for term in self:
            term.medcrm_customer_id = term._medcrm_contract_customer()

    @api.onchange("lot_id")
    def _onchange_lot_id(self):
        # Immediate feedback in the form; create/write apply the same rule for every client.
        if self.lot_id:
            self.product_id = self.lot_id.product_id
            self.serial_number = self.lot_id.name

    @api.constrains("lot_id", "lead_id")
    def _check_lot_delivered_to_customer(self):
        terms = self.filtered("lot_id")
        if not terms:
            return
        installed = terms._medcrm_installed_customers()
        for term in terms:
            customer = term._medcrm_contract_customer()
            if customer not in installed.get(term.lot_id.id, ()):
                raise ValidationError(
                    self.env._(
                        "Contract term '%(term)s': serial %(serial)s is not installed at "
                        "%(customer)s (no delivery of it to this customer is in the installed "
                        "base, or it was returned). Choose a serial delivered to the deal's "
                        "end customer, or type the serial number as text instead.",
                        term=term.display_name,
                        serial=term.lot_id.name,
                        customer=customer.display_name or self.env._("the deal's customer"),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._medcrm_lot_values(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._medcrm_lot_values(vals)
        return super().write(vals)

    def _medcrm_contract_customer(self):
        self.ensure_one()
        lead = self.lead_id
        return (lead.end_partner_id or lead.partner_id).commercial_partner_id

    def _medcrm_installed_customers(self):
        """{lot id: hospitals (commercial partners) where that serial is installed now}.
        sudo: a fact about the installed base, checked whoever edits the term; the record
        rules on installed units (a salesperson's own deals) must not hide a delivery."""
        units = (
            self.env["medcrm.fulfillment.unit"]
            .sudo()
            ._read_group(
                [("lot_id", "in", self.lot_id.ids), ("state", "=", "active")],
                ["lot_id", "end_partner_id"],
            )
        )
        installed = {}
        for lot, end_partner in units:
            installed.setdefault(lot.id, self.env["res.partner"].sudo())
            installed[lot.id] |= end_partner.commercial_partner_id
        return installed

    @api.model
    def _medcrm_lot_values(self, vals):
        """A delivered serial decides the equipment and its serial number."""
        if vals.get("lot_id"):
            lot = self.env["stock.lot"].browse(vals["lot_id"])
            vals["product_id"] = lot.product_id.id
            vals["serial_number"] = lot.name
