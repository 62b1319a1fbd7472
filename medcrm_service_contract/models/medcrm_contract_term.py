from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# A term cannot plan more obligations than this over its period: beyond it the period or the
# interval is almost certainly mistyped (e.g. weekly over a hundred years).
MAX_OCCURRENCES = 500

# Fields whose change moves the planned obligations.
SCHEDULE_FIELDS = {"date_start", "date_end", "recurrence", "interval", "fixed_date_ids"}
# What the parties agreed on: a change of these on an active contract is noted on the deal.
AGREED_FIELDS = SCHEDULE_FIELDS | {
    "name",
    "term_type_id",
    "product_id",
    "serial_number",
    "reminder_days",
    "response_hours",
    "user_id",
}


class MedcrmContractTerm(models.Model):
    _name = "medcrm.contract.term"
    _description = "Contract Term"
    _inherit = ["mail.thread"]
    _order = "lead_id, sequence, id"

    def _default_date_end(self):
        return fields.Date.context_today(self) + relativedelta(years=1, days=-1)

    lead_id = fields.Many2one(
        "crm.lead",
        string="Contract",
        required=True,
        ondelete="cascade",
        index=True,
        tracking=True,
        help="The service deal whose contract contains this term.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    term_type_id = fields.Many2one(
        "medcrm.contract.term.type",
        required=True,
        ondelete="restrict",
        index=True,
        tracking=True,
    )
    term_kind = fields.Selection(related="term_type_id.kind")
    name = fields.Char(
        string="Description",
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
    )
    partner_id = fields.Many2one(
        related="lead_id.partner_id", string="Customer", store=True, index="btree_not_null"
    )
    company_id = fields.Many2one(related="lead_id.company_id", store=True, index=True)
    product_id = fields.Many2one(
        "product.product", string="Equipment", tracking=True, index="btree_not_null"
    )
    serial_number = fields.Char(
        tracking=True, help="Serial number of the device concerned, when known."
    )
    date_start = fields.Date(
        string="Period Start",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="First day of the contract period; recurring obligations are counted from it.",
    )
    date_end = fields.Date(
        string="Period End",
        required=True,
        default=lambda self: self._default_date_end(),
        tracking=True,
    )
    recurrence = fields.Selection(
        [
            ("once", "Once"),
            ("weeks", "Every N weeks"),
            ("months", "Every N months"),
            ("fixed", "On fixed dates"),
        ],
        required=True,
        default="months",
        tracking=True,
    )
    interval = fields.Integer(default=1, tracking=True, help="N of 'every N weeks / months'.")
    fixed_date_ids = fields.One2many("medcrm.contract.term.date", "term_id", string="Fixed Dates")
    recurrence_summary = fields.Char(
        string="Recurrence Rule", compute="_compute_recurrence_summary"
    )
    reminder_days = fields.Integer(
        string="Reminder (days before)",
        compute="_compute_reminder_days",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    response_hours = fields.Integer(
        string="Response Time (hours)",
        compute="_compute_response_hours",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="For response-time terms: the engineer must be on site within this many hours "
        "of the breakdown call.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        index="btree_not_null",
    )
    state = fields.Selection(
        [("draft", "Not active"), ("active", "Active"), ("closed", "Closed")],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    date_closed = fields.Date(readonly=True, copy=False)
    occurrence_ids = fields.One2many(
        "medcrm.contract.occurrence", "term_id", string="Obligations", readonly=True
    )
    occurrence_count = fields.Integer(compute="_compute_compliance")
    count_on_time = fields.Integer(string="Done on Time", compute="_compute_compliance")
    count_late = fields.Integer(string="Done Late", compute="_compute_compliance")
    count_missed = fields.Integer(string="Missed", compute="_compute_compliance")
    count_upcoming = fields.Integer(string="Upcoming", compute="_compute_compliance")
    compliance_rate = fields.Float(
        string="Compliance (%)",
        compute="_compute_compliance",
        help="Obligations done on time out of all that fell due (done on time, late or missed).",
    )

    @api.depends("term_type_id")
    def _compute_name(self):
        # Follow the type while the description is empty or still a type's name; never
        # overwrite a description the user wrote.
        names = [name for name in self.mapped("name") if name]
        type_names = set(
            self.env["medcrm.contract.term.type"]
            .with_context(active_test=False)
            .search([("name", "in", names)])
            .mapped("name")
            if names
            else []
        )
        for term in self:
            if term.term_type_id and (not term.name or term.name in type_names):
                term.name = term.term_type_id.name

    @api.depends("recurrence", "interval", "fixed_date_ids")
    def _compute_recurrence_summary(self):
        for term in self:
            if term.recurrence == "once":
                term.recurrence_summary = self.env._("Once")
            elif term.recurrence == "weeks":
                term.recurrence_summary = self.env._("Interval in weeks: %s", term.interval)
            elif term.recurrence == "months":
                term.recurrence_summary = self.env._("Interval in months: %s", term.interval)
            else:
                term.recurrence_summary = self.env._("On fixed dates: %s", len(term.fixed_date_ids))

    @api.depends("term_type_id")
    def _compute_reminder_days(self):
        for term in self:
            if term.term_type_id and not term.reminder_days:
                term.reminder_days = term.term_type_id.default_reminder_days

    @api.depends("term_type_id")
    def _compute_response_hours(self):
        for term in self:
            if term.term_type_id.kind == "response_time" and not term.response_hours:
                term.response_hours = term.term_type_id.default_response_hours

    def _compute_compliance(self):
        self.env["medcrm.contract.occurrence"]._assign_compliance(self, "term_id")

    @api.constrains("lead_id")
    def _check_lead_kind(self):
        for term in self:
            kind = term.lead_id.deal_kind_id
            if not kind.uses_contract_terms:
                raise ValidationError(
                    self.env._(
                        "Deal “%(deal)s” is of the kind “%(kind)s”, which has no contract terms. "
                        "Add contract terms to a service deal, or tick 'Contract Terms' on the "
                        "deal kind (CRM > Configuration > Deal Kinds).",
                        deal=term.lead_id.display_name,
                        kind=kind.name or "",
                    )
                )

    @api.constrains("date_start", "date_end", "reminder_days")
    def _check_period(self):
        for term in self:
            if term.date_start and term.date_end and term.date_end < term.date_start:
                raise ValidationError(
                    self.env._(
                        "Contract term '%(term)s': the Period End %(end)s is before the Period "
                        "Start %(start)s. Fix one of the two dates.",
                        term=term.display_name,
                        end=term.date_end,
                        start=term.date_start,
                    )
                )
            if term.reminder_days < 0:
                raise ValidationError(
                    self.env._(
                        "Contract term '%(term)s': the Reminder (days before) cannot be "
                        "negative; use 0 for a reminder on the due date.",
                        term=term.display_name,
                    )
                )

    @api.constrains("recurrence", "interval", "term_type_id")
    def _check_recurrence(self):
        for term in self:
            if term.term_kind == "scheduled" and term.recurrence in ("weeks", "months"):
                if term.interval < 1:
                    raise ValidationError(
                        self.env._(
                            "Contract term '%(term)s': the recurrence 'every N weeks/months' "
                            "needs an Interval of at least 1.",
                            term=term.display_name,
                        )
                    )

    @api.constrains("response_hours", "term_type_id")
    def _check_response_hours(self):
        for term in self:
            if term.term_kind == "response_time" and term.response_hours <= 0:
                raise ValidationError(
                    self.env._(
                        "Contract term '%(term)s' is a response-time term: set its Response "
                        "Time (hours) to a positive number.",
                        term=term.display_name,
                    )
                )

    @api.constrains("recurrence", "fixed_date_ids", "date_start", "date_end")
    def _check_fixed_dates(self):
        for term in self:
            if term.term_kind != "scheduled" or term.recurrence != "fixed":
                continue
            if not term.fixed_date_ids:
                raise ValidationError(
                    self.env._(
                        "Contract term '%(term)s' recurs on fixed dates: add at least one date "
                        "to its Fixed Dates.",
                        term=term.display_name,
                    )
                )
            outside = term.fixed_date_ids.filtered(
                lambda d, t=term: d.date < t.date_start or d.date > t.date_end
            )
            if outside:
                raise ValidationError(
                    self.env._(
                        "Contract term '%(term)s': the fixed date %(date)s is outside the "
                        "contract period %(start)s - %(end)s.",
                        term=term.display_name,
                        date=outside[0].date,
                        start=term.date_start,
                        end=term.date_end,
                    )
                )

    @api.constrains("date_start", "date_end", "recurrence", "interval")
    def _check_occurrence_count(self):
        for term in self:
            if term.term_kind == "scheduled" and len(term._planned_dates()) > MAX_OCCURRENCES:
                raise ValidationError(
                    self.env._(
                        "Contract term '%(term)s' would plan more than %(max)s obligations: "
                        "shorten the period or widen the interval.",
                        term=term.display_name,
                        max=MAX_OCCURRENCES,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        terms = super().create(vals_list)
        # A term added to a running contract is active at once; the first terms added to a deal
        # that is already won start its contract.
        terms.filtered(lambda t: t.lead_id.contract_state == "active")._activate()
        terms.lead_id.filtered(
            lambda lead: lead.contract_state == "draft" and lead.stage_id.is_won
        )._activate_contract()
        return terms

    def write(self, vals):
        res = super().write(vals)
        if "active" in vals and not vals["active"]:
            # An archived term no longer applies: what it still planned is cancelled, its
            # history stays.
            self._cancel_planned_after(
                fields.Date.context_today(self),
                self.env._("Contract term archived"),
            )
        changed = set(vals) & SCHEDULE_FIELDS
        if changed:
            self.filtered(lambda t: t.state == "active")._generate_occurrences()
        if set(vals) & AGREED_FIELDS:
            self.filtered(lambda t: t.state == "active")._post_change_on_contract(
                set(vals) & AGREED_FIELDS
            )
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done_occurrences(self):
        done = self.occurrence_ids.filtered(lambda o: o.state == "done")
        if done:
            raise UserError(
                self.env._(
                    "Contract term '%(term)s' has obligations already done: its history must be "
                    "kept. Archive the term instead of deleting it.",
                    term=done[0].term_id.display_name,
                )
            )

    def action_view_occurrences(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "medcrm_service_contract.medcrm_contract_occurrence_action"
        )
        action["domain"] = [("term_id", "=", self.id)]
        action["context"] = {"default_term_id": self.id}
        return action

    def action_log_breakdown(self):
        """Open a new obligation for a breakdown call on a response-time term."""
        self.ensure_one()
        if self.term_kind != "response_time" or self.state != "active":
            raise UserError(
                self.env._(
                    "Breakdowns are logged on active response-time terms only; '%(term)s' is "
                    "not one.",
                    term=self.display_name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log a breakdown"),
            "res_model": "medcrm.contract.occurrence",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_term_id": self.id,
                "default_datetime_reported": fields.Datetime.now(),
            },
        }

    def _activate(self):
        """Make draft terms active and plan their obligations (idempotent)."""
        drafts = self.filtered(lambda t: t.state == "draft")
        if drafts:
            drafts.write({"state": "active"})
        self.filtered(lambda t: t.state == "active")._generate_occurrences()

    def _close(self, date_closed):
        """Close active terms: future planned obligations are cancelled, history stays."""
        terms = self.filtered(lambda t: t.state in ("draft", "active"))
        if not terms:
            return
        terms.write({"state": "closed", "date_closed": date_closed})
        terms._cancel_planned_after(date_closed, self.env._("Contract closed on %s", date_closed))

    def _cancel_planned_after(self, date, reason):
        """Cancel the planned obligations of these terms due after ``date``."""
        future = self.env["medcrm.contract.occurrence"].search(
            [
                ("term_id", "in", self.ids),
                ("state", "=", "planned"),
                ("date_due", ">", date),
            ]
        )
        future.write({"state": "cancelled", "cancel_reason": reason})

    def _planned_dates(self):
        """The due dates this term's recurrence gives over its period, sorted.

        Each date is computed from the period start (start + i * interval), never from the
        previous date, so that a term starting on the 31st falls on the last day of shorter
        months and comes back to the 31st afterwards; February 29 only exists in leap years.
        """
        self.ensure_one()
        if self.term_kind != "scheduled" or not self.date_start or not self.date_end:
            return []
        if self.recurrence == "once":
            return [self.date_start]
        if self.recurrence == "fixed":
            return sorted({d.date for d in self.fixed_date_ids if d.date})
        if self.interval < 1:
            return []
        unit = "weeks" if self.recurrence == "weeks" else "months"
        dates = []
        index = 0
        while len(dates) <= MAX_OCCURRENCES:
            day = self.date_start + relativedelta(**{unit: index * self.interval})
            if day > self.date_end:
                break
            dates.append(day)
            index += 1
        return dates

    def _generate_occurrences(self):
        """Create the missing planned obligations of active terms; drop planned ones that the
        schedule no longer gives. Done and cancelled obligations are never touched, and running
        it twice creates nothing more (the planned date is unique per term).
        """
        terms = self.filtered(lambda t: t.state == "active" and t.term_kind == "scheduled")
        if not terms:
            return
        Occurrence = self.env["medcrm.contract.occurrence"]
        existing = Occurrence.with_context(active_test=False).search_read(
            [("term_id", "in", terms.ids), ("planned_date", "!=", False)],
            ["term_id", "planned_date", "state"],
        )
        by_term = {}
        for row in existing:
            by_term.setdefault(row["term_id"][0], []).append(row)
        to_create = []
        to_drop = []
        for term in terms:
            wanted = set(term._planned_dates())
            rows = by_term.get(term.id, [])
            have = {row["planned_date"] for row in rows}
            to_create += [
                {"term_id": term.id, "planned_date": day, "date_due": day}
                for day in sorted(wanted - have)
            ]
            to_drop += [
                row["id"]
                for row in rows
                if row["planned_date"] not in wanted and row["state"] == "planned"
            ]
        if to_drop:
            self._drop_obsolete_occurrences(Occurrence.browse(to_drop))
        if to_create:
            Occurrence.create(to_create)

    def _drop_obsolete_occurrences(self, occurrences):
        # sudo: the user was allowed to change the term's schedule (write access on the term
        # was checked by the write that led here); the rows removed are planned obligations the
        # schedule no longer gives, with no history, which service users may not delete by hand.
        occurrences.filtered(lambda o: o.state == "planned").sudo().unlink()

    def _post_change_on_contract(self, field_names):
        labels = sorted(
            self._fields[name].get_description(self.env)["string"] for name in field_names
        )
        for term in self:
            term.lead_id.message_post(
                body=self.env._(
                    "Contract term '%(term)s' of the active contract changed: %(fields)s.",
                    term=term.display_name,
                    fields=", ".join(labels),
                ),
                subtype_xmlid="mail.mt_note",
            )
