from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError


class CrmLead(models.Model):
    _inherit = "crm.lead"

    uses_contract_terms = fields.Boolean(
        related="deal_kind_id.uses_contract_terms", string="Kind Uses Contract Terms"
    )
    contract_term_ids = fields.One2many("medcrm.contract.term", "lead_id", string="Contract Terms")
    contract_state = fields.Selection(
        [("draft", "Not active"), ("active", "Active"), ("closed", "Closed")],
        string="Contract Status",
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        help="A contract becomes active when its deal is won; closing it stops its future "
        "obligations.",
    )
    contract_date_closed = fields.Date(string="Contract Closed On", readonly=True, copy=False)
    contract_occurrence_count = fields.Integer(
        string="Obligations", compute="_compute_contract_compliance"
    )
    contract_count_on_time = fields.Integer(
        string="Done on Time", compute="_compute_contract_compliance"
    )
    contract_count_late = fields.Integer(string="Done Late", compute="_compute_contract_compliance")
    contract_count_missed = fields.Integer(string="Missed", compute="_compute_contract_compliance")
    contract_count_upcoming = fields.Integer(
        string="Upcoming", compute="_compute_contract_compliance"
    )
    contract_compliance_rate = fields.Float(
        string="Contract Compliance (%)", compute="_compute_contract_compliance"
    )
    # The default serves a new deal: the form's first onchange gives every field without a
    # value False and never computes a field that depends on nothing but the user.
    is_contract_editor = fields.Boolean(
        compute="_compute_is_contract_editor", default=lambda self: self._is_contract_editor()
    )

    def _compute_contract_compliance(self):
        self.env["medcrm.contract.occurrence"]._assign_compliance(self, "lead_id", "contract_")

    @api.model
    def _is_contract_editor(self):
        return self.env.user.has_group("medcrm_service_contract.group_service_user")

    @api.depends_context("uid")
    def _compute_is_contract_editor(self):
        is_editor = self._is_contract_editor()
        for lead in self:
            lead.is_contract_editor = is_editor

    @api.constrains("deal_kind_id")
    def _check_contract_terms_kind(self):
        leads = self.with_context(active_test=False).filtered(
            lambda lead: lead.contract_term_ids and not lead.deal_kind_id.uses_contract_terms
        )
        if leads:
            lead = leads[0]
            raise ValidationError(
                self.env._(
                    "Deal “%(deal)s” has contract terms, so its Deal Kind must be one that uses "
                    "contract terms; “%(kind)s” does not. Choose a service kind, or remove the "
                    "terms first.",
                    deal=lead.display_name,
                    kind=lead.deal_kind_id.name or "",
                )
            )

    def write(self, vals):
        res = super().write(vals)
        # Not action_set_won: a deal is also won by dragging it to a won stage in the pipeline,
        # and both go through a write of the stage. Activation is idempotent.
        if "stage_id" in vals:
            self.filtered(
                lambda lead: (
                    lead.stage_id.is_won
                    and lead.contract_state == "draft"
                    and lead.contract_term_ids
                )
            )._activate_contract()
        return res

    def action_close_contract(self):
        """Close the contract today: future obligations are cancelled, history is kept."""
        if not self.env.user.has_group("medcrm_service_contract.group_service_manager"):
            raise AccessError(self.env._("Only service managers can close a service contract."))
        self._close_contract(fields.Date.context_today(self))
        return True

    def action_view_contract_occurrences(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "medcrm_service_contract.medcrm_contract_occurrence_action"
        )
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {}
        return action

    def _activate_contract(self):
        leads = self.filtered(lambda lead: lead.contract_state == "draft")
        if not leads:
            return
        leads.write({"contract_state": "active"})
        # sudo: winning the deal is the salesperson's decision (write access on the deal was
        # checked by the write that led here); activating its terms and planning their
        # obligations follows from it, although salespeople may only read contract terms.
        leads.contract_term_ids.sudo()._activate()
        for lead in leads:
            lead.message_post(
                body=self.env._(
                    "The service contract is active. Obligations planned: %(count)s.",
                    count=len(lead.contract_term_ids.occurrence_ids),
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _close_contract(self, date_closed):
        leads = self.filtered(lambda lead: lead.contract_state != "closed")
        if not leads:
            return
        leads.write({"contract_state": "closed", "contract_date_closed": date_closed})
        leads.with_context(active_test=False).contract_term_ids._close(date_closed)
