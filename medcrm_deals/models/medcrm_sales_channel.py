from odoo import api, fields, models
from odoo.exceptions import UserError


class MedcrmSalesChannel(models.Model):
    _name = "medcrm.sales.channel"
    _inherit = ["medcrm.text.limit.mixin"]
    _description = "Sales Channel"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    source_type = fields.Selection(
        [
            ("partner", "Partner (distributor, referrer)"),
            ("campaign", "Marketing event or campaign"),
            ("none", "No source"),
        ],
        required=True,
        default="none",
        help="What a deal of this channel names as its source.",
    )
    is_source_required = fields.Boolean(
        "Source Required", default=True, help="Deals of this channel must name their source."
    )
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a sales channel must be unique."),
    ]

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        used = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            ._read_group([("sales_channel_id", "in", self.ids)], ["sales_channel_id"], ["__count"])
        )
        if used:
            raise UserError(
                self.env._(
                    "You cannot delete a sales channel that deals use: %s. Archive it instead.",
                    ", ".join(f"{channel.name} ({count})" for channel, count in used),
                )
            )

    def _medcrm_expected_source_label(self):
        source_type = self.source_type or "none"
        if source_type == "partner":
            return self.env._("a source partner (Source Partner field)")
        if source_type == "campaign":
            return self.env._("a source campaign (Source Campaign field)")
        return self.env._("no source")
