from odoo import api, fields, models


class MedcrmEndDestinationMixin(models.AbstractModel):
    """The end customer and end address of a document that sends equipment on its way
    (sale order, delivery): who will use it and where, whoever it is sold and shipped to.

    Models using it implement ``_compute_end_destination`` (their default); the check that the
    address belongs to the customer lives here, for all of them.
    """

    _name = "medcrm.end.destination.mixin"
    _description = "End Customer and End Address"

    end_partner_id = fields.Many2one(
        "res.partner",
        string="End Customer",
        compute="_compute_end_destination",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
        help="The hospital that will use the equipment, whoever it is sold and shipped to.",
    )
    end_address_id = fields.Many2one(
        "res.partner",
        compute="_compute_end_destination",
        store=True,
        readonly=False,
        tracking=True,
        help="The hospital or its department where the serial numbers end up.",
    )

    def _compute_end_destination(self):
        """Default the end customer and address; implemented by each model."""

    @api.constrains("end_partner_id", "end_address_id")
    def _check_end_address(self):
        for record in self:
            self.env["res.partner"]._medcrm_check_end_address(
                record.end_partner_id, record.end_address_id, record.display_name
            )
