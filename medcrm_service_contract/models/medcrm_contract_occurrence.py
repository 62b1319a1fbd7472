from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import create_index, format_date

# medcrm_notify's timed events of an obligation: {event code: flag set once notified}.
NOTIFY_EVENTS = {
    "contract_obligation_due_soon": "is_due_soon_notified",
    "contract_obligation_overdue": "is_overdue_notified",
    "contract_obligation_completed_late": "is_late_notified",
}

# Short labels: they are badges in the obligations list and column titles in its kanban, and
# must stay distinct when a narrow column cuts them ("Done on time" and "Done late" both read
# "Done..."; in Russian "Выполне...").
COMPLIANCE_STATUSES = [
    ("upcoming", "Upcoming"),
    ("missed", "Overdue"),
    ("on_time", "On time"),
    ("late", "Late"),
    ("cancelled", "Waived"),
]


class MedcrmContractOccurrence(models.Model):
    _name = "medcrm.contract.occurrence"
    _description = "Service Obligation"
    _inherit = ["mail.thread", "mail.activity.mixin", "medcrm.notify.due.mixin"]
    _order = "date_due, id"
    _rec_names_search = ["name", "lead_id", "partner_id", "serial_number"]

    term_id = fields.Many2one(
        "medcrm.contract.term",
        string="Contract Term",
        required=True,
        ondelete="cascade",
        index=True,
    )
    name = fields.Char(related="term_id.name", string="Obligation", store=True)
    lead_id = fields.Many2one(related="term_id.lead_id", string="Contract", store=True, index=True)
    partner_id = fields.Many2one(
        related="term_id.partner_id", string="Customer", store=True, index="btree_not_null"
    )
    company_id = fields.Many2one(related="term_id.company_id", store=True, index=True)
    term_type_id = fields.Many2one(related="term_id.term_type_id", store=True, index=True)
    term_kind = fields.Selection(related="term_id.term_kind")
    product_id = fields.Many2one(related="term_id.product_id", string="Equipment")
    serial_number = fields.Char(related="term_id.serial_number")
    is_evidence_required = fields.Boolean(related="term_type_id.is_evidence_required")
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        tracking=True,
    )
    planned_date = fields.Date(
        readonly=True,
        copy=False,
        help="The date the term's recurrence gave; it identifies the obligation when the "
        "schedule is planned again, even after its due date was moved.",
    )
    date_due = fields.Date(
        string="Due Date",
        compute="_compute_date_due",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
        tracking=True,
    )
    date_reminder = fields.Date(
        string="Reminder Date", compute="_compute_date_reminder", store=True, index=True
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        required=True,
        default="planned",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        store=True,
        index=True,
        help="Planned and past its due date (for a breakdown: past the response deadline). "
        "Kept current every hour by a scheduled action.",
    )
    date_done = fields.Date(string="Completion Date", copy=False, tracking=True)
    done_user_id = fields.Many2one("res.users", string="Done By", copy=False, tracking=True)
    result = fields.Text(copy=False)
    evidence_file = fields.Binary(string="Evidence", attachment=True, copy=False)
    evidence_filename = fields.Char(copy=False)
    cancel_reason = fields.Char(string="Cancellation Reason", copy=False, tracking=True)
    datetime_reported = fields.Datetime(
        string="Breakdown Reported", help="When the hospital called about the breakdown."
    )
    datetime_deadline = fields.Datetime(
        string="Response Deadline",
        compute="_compute_datetime_deadline",
        store=True,
        index="btree_not_null",
        precompute=True,
    )
    datetime_on_site = fields.Datetime(string="Engineer On Site", copy=False, tracking=True)
    is_late = fields.Boolean(string="Done Late", compute="_compute_is_late", store=True)
    days_late = fields.Integer(compute="_compute_is_late", store=True)
    compliance_status = fields.Selection(
        COMPLIANCE_STATUSES,
        compute="_compute_compliance_status",
        store=True,
        index=True,
        group_expand="_group_expand_compliance_status",
    )
    response_status = fields.Selection(
        [("open", "Open"), ("met", "Met"), ("missed", "Missed")],
        compute="_compute_response_status",
        store=True,
        help="For a breakdown call: whether the engineer was on site within the agreed time.",
    )
    is_reminder_scheduled = fields.Boolean(readonly=True, copy=False)
    # Notification rules (medcrm_notify): what was already reported, so that each event is
    # emitted once per obligation; the two timed ones are watched again when the due date moves
    # to the future.
    is_due_soon_notified = fields.Boolean(readonly=True, copy=False)
    is_overdue_notified = fields.Boolean(readonly=True, copy=False)
    is_late_notified = fields.Boolean(readonly=True, copy=False)

    _sql_constraints = [
        (
            "term_planned_date_uniq",
            "UNIQUE(term_id, planned_date)",
            "This contract term already has an obligation for that planned date.",
        ),
    ]

    def init(self):
        # The hourly notification scans read only what is not reported yet: partial indexes
        # keep their cost to the obligations due, not to years of missed or late history.
        for name, columns, where in (
            (
                "medcrm_contract_occurrence_notify_due_soon_idx",
                ["date_reminder"],
                "state = 'planned' AND is_due_soon_notified IS NOT TRUE",
            ),
            (
                "medcrm_contract_occurrence_notify_overdue_idx",
                ["id"],
                "is_overdue AND is_overdue_notified IS NOT TRUE",
            ),
            (
                "medcrm_contract_occurrence_notify_late_idx",
                ["date_done"],
                "compliance_status = 'late' AND is_late_notified IS NOT TRUE",
            ),
        ):
            create_index(self.env.cr, name, self._table, columns, where=where)

    @api.depends("term_id")
    def _compute_user_id(self):
        for occurrence in self:
            if not occurrence.user_id:
                occurrence.user_id = occurrence.term_id.user_id

    @api.depends("planned_date", "datetime_deadline")
    def _compute_date_due(self):
        for occurrence in self:
            if occurrence.datetime_deadline:
                occurrence.date_due = occurrence.datetime_deadline.date()
            elif not occurrence.date_due:
                occurrence.date_due = occurrence.planned_date or fields.Date.context_today(self)

    @api.depends("date_due", "term_id.reminder_days")
    def _compute_date_reminder(self):
        for occurrence in self:
            if occurrence.date_due:
                occurrence.date_reminder = occurrence.date_due - timedelta(
                    days=occurrence.term_id.reminder_days
                )
            else:
                occurrence.date_reminder = False

    @api.depends("state", "date_due", "datetime_deadline")
    def _compute_is_overdue(self):
        today = fields.Date.today()
        now = fields.Datetime.now()
        for occurrence in self:
            if occurrence.state != "planned":
                occurrence.is_overdue = False
            elif occurrence.datetime_deadline:
                occurrence.is_overdue = occurrence.datetime_deadline < now
            else:
                occurrence.is_overdue = bool(occurrence.date_due) and occurrence.date_due < today

    @api.depends("datetime_reported", "term_id.response_hours")
    def _compute_datetime_deadline(self):
        for occurrence in self:
            if occurrence.datetime_reported:
                occurrence.datetime_deadline = occurrence.datetime_reported + timedelta(
                    hours=occurrence.term_id.response_hours
                )
            else:
                occurrence.datetime_deadline = False

    @api.depends("state", "date_done", "date_due", "datetime_on_site", "datetime_deadline")
    def _compute_is_late(self):
        for occurrence in self:
            late = False
            days = 0
            if occurrence.state == "done":
                if occurrence.datetime_deadline and occurrence.datetime_on_site:
                    late = occurrence.datetime_on_site > occurrence.datetime_deadline
                elif occurrence.date_done and occurrence.date_due:
                    late = occurrence.date_done > occurrence.date_due
                if late and occurrence.date_done and occurrence.date_due:
                    days = max((occurrence.date_done - occurrence.date_due).days, 0)
            occurrence.is_late = late
            occurrence.days_late = days

    @api.depends("state", "is_overdue", "is_late")
    def _compute_compliance_status(self):
        for occurrence in self:
            if occurrence.state == "cancelled":
                occurrence.compliance_status = "cancelled"
            elif occurrence.state == "done":
                occurrence.compliance_status = "late" if occurrence.is_late else "on_time"
            elif occurrence.is_overdue:
                occurrence.compliance_status = "missed"
            else:
                occurrence.compliance_status = "upcoming"

    @api.depends("compliance_status", "datetime_reported")
    def _compute_response_status(self):
        for occurrence in self:
            if not occurrence.datetime_reported or occurrence.compliance_status == "cancelled":
                occurrence.response_status = False
            elif occurrence.compliance_status == "on_time":
                occurrence.response_status = "met"
            elif occurrence.compliance_status in ("late", "missed"):
                occurrence.response_status = "missed"
            else:
                occurrence.response_status = "open"

    @api.depends("name", "date_due")
    def _compute_display_name(self):
        for occurrence in self:
            if occurrence.date_due:
                occurrence.display_name = self.env._(
                    "%(name)s (due %(date)s)",
                    name=occurrence.name or "",
                    date=format_date(self.env, occurrence.date_due),
                )
            else:
                occurrence.display_name = occurrence.name or ""

    def _group_expand_compliance_status(self, statuses, domain):
        return [key for key, _label in COMPLIANCE_STATUSES]

    @api.constrains("date_done")
    def _check_date_done(self):
        today = fields.Date.context_today(self)
        for occurrence in self:
            if occurrence.date_done and occurrence.date_done > today:
                raise ValidationError(
                    self.env._(
                        "Obligation '%(obligation)s': the Completion Date %(date)s is in the "
                        "future. Enter the date the work was actually done.",
                        obligation=occurrence.display_name,
                        date=occurrence.date_done,
                    )
                )

    @api.constrains("datetime_reported", "datetime_on_site", "term_id")
    def _check_breakdown_times(self):
        now = fields.Datetime.now()
        for occurrence in self:
            if occurrence.term_kind == "response_time" and not occurrence.datetime_reported:
                raise ValidationError(
                    self.env._(
                        "Obligation '%(obligation)s' measures a response time: fill in when "
                        "the breakdown was reported.",
                        obligation=occurrence.display_name,
                    )
                )
            if not occurrence.datetime_on_site:
                continue
            if occurrence.datetime_on_site > now:
                raise ValidationError(
                    self.env._(
                        "Obligation '%(obligation)s': 'Engineer On Site' is in the future. "
                        "Enter when the engineer actually arrived.",
                        obligation=occurrence.display_name,
                    )
                )
            if occurrence.datetime_reported and (
                occurrence.datetime_on_site < occurrence.datetime_reported
            ):
                raise ValidationError(
                    self.env._(
                        "Obligation '%(obligation)s': the engineer cannot be on site before "
                        "the breakdown was reported; correct one of the two times.",
                        obligation=occurrence.display_name,
                    )
                )

    @api.constrains("state", "date_done", "evidence_file", "cancel_reason", "datetime_on_site")
    def _check_state_requirements(self):
        for occurrence in self:
            if occurrence.state == "done":
                if not occurrence.date_done:
                    raise ValidationError(
                        self.env._(
                            "Obligation '%(obligation)s' is done: fill in its Completion Date.",
                            obligation=occurrence.display_name,
                        )
                    )
                if occurrence.is_evidence_required and not occurrence.evidence_file:
                    raise ValidationError(
                        self.env._(
                            "Obligation '%(obligation)s' (%(type)s) can only be marked done with "
                            "its evidence: attach the signed act in the Evidence field.",
                            obligation=occurrence.display_name,
                            type=occurrence.term_type_id.name,
                        )
                    )
                if occurrence.term_kind == "response_time" and not occurrence.datetime_on_site:
                    raise ValidationError(
                        self.env._(
                            "Obligation '%(obligation)s' measures a response time: fill in when "
                            "the engineer was on site before marking it done.",
                            obligation=occurrence.display_name,
                        )
                    )
            if occurrence.state == "cancelled" and not occurrence.cancel_reason:
                raise ValidationError(
                    self.env._(
                        "Obligation '%(obligation)s' is cancelled: give the Cancellation "
                        "Reason (e.g. waived by the hospital).",
                        obligation=occurrence.display_name,
                    )
                )

    def write(self, vals):
        res = super().write(vals)
        if "date_due" in vals or "datetime_reported" in vals:
            today = fields.Date.today()
            soon = self.filtered(
                lambda o: o.is_due_soon_notified and o.date_reminder and o.date_reminder > today
            )
            if soon:
                soon.is_due_soon_notified = False
            overdue = self.filtered(lambda o: o.is_overdue_notified and not o.is_overdue)
            if overdue:
                overdue.is_overdue_notified = False
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if any(occurrence.state == "done" for occurrence in self):
            raise UserError(
                self.env._(
                    "Obligations already done are the contract's history and cannot be "
                    "deleted; cancel an obligation instead when it does not apply."
                )
            )

    def action_done(self):
        """Mark planned obligations done; the completion date defaults to today (or, for a
        breakdown, the day the engineer was on site)."""
        for occurrence in self.filtered(lambda o: o.state == "planned"):
            date_done = occurrence.date_done
            if not date_done and occurrence.datetime_on_site:
                date_done = fields.Date.context_today(self, occurrence.datetime_on_site)
            occurrence.write(
                {
                    "state": "done",
                    "date_done": date_done or fields.Date.context_today(self),
                    "done_user_id": occurrence.done_user_id.id or self.env.user.id,
                }
            )
        self.activity_unlink(["mail.mail_activity_data_todo"])
        # Reported at once rather than at the next hourly run (which would catch it anyway).
        late = self.filtered(lambda o: o.compliance_status == "late" and not o.is_late_notified)
        late._medcrm_notify_due_report("contract_obligation_completed_late")
        return True

    def action_mark_done(self):
        """The form's "Mark Done": an obligation whose type requires evidence and has none yet
        asks for it in a dialog (which then marks it done); any other is marked done at once."""
        self.ensure_one()
        if self.state == "planned" and self.is_evidence_required and not self.evidence_file:
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Mark Done"),
                "res_model": "medcrm.contract.occurrence.done.wizard",
                "view_mode": "form",
                "target": "new",
                "context": {"default_occurrence_id": self.id, "default_result": self.result},
            }
        return self.action_done()

    def action_cancel(self):
        """Waive planned obligations; the reason typed on the obligation is required."""
        self.filtered(lambda o: o.state == "planned").write({"state": "cancelled"})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def action_reset_to_planned(self):
        """Reopen done or cancelled obligations (a correction: service managers only)."""
        if not self.env.user.has_group("medcrm_service_contract.group_service_manager"):
            raise AccessError(
                self.env._("Only service managers can reopen a done or cancelled obligation.")
            )
        self.filtered(lambda o: o.state != "planned").write(
            {"state": "planned", "date_done": False, "done_user_id": False}
        )
        return True

    @api.model
    def _compliance_figures(self, group_field, ids):
        """Compliance of the obligations grouped by ``group_field`` (term_id, lead_id or
        partner_id), for the given ids: {id: {on_time, late, missed, upcoming, total, rate}}.
        One grouped query whatever the number of ids."""
        if not ids:
            return {}
        groups = self._read_group(
            [(group_field, "in", ids)],
            [group_field, "compliance_status"],
            ["__count"],
        )
        figures = {}
        for record, status, count in groups:
            stats = figures.setdefault(
                record.id,
                {"on_time": 0, "late": 0, "missed": 0, "upcoming": 0, "cancelled": 0},
            )
            stats[status] = stats.get(status, 0) + count
        for stats in figures.values():
            stats["total"] = sum(stats.values())
            stats["rate"] = self._compliance_rate(stats)
        return figures

    @api.model
    def _compliance_rate(self, stats):
        """Of the obligations that fell due (done on time, done late, missed), the share done
        on time, in % with one decimal; 0 when none fell due."""
        fell_due = stats.get("on_time", 0) + stats.get("late", 0) + stats.get("missed", 0)
        return round(100.0 * stats.get("on_time", 0) / fell_due, 1) if fell_due else 0.0

    @api.model
    def _assign_compliance(self, records, group_field, prefix=""):
        """Fill the compliance fields of ``records`` (contract terms by ``term_id``, deals by
        ``lead_id``): ``<prefix>occurrence_count``, ``<prefix>count_on_time`` (``_late``,
        ``_missed``, ``_upcoming``) and ``<prefix>compliance_rate``."""
        figures = self._compliance_figures(group_field, records.ids)
        for record in records:
            stats = figures.get(record.id, {})
            record[f"{prefix}occurrence_count"] = stats.get("total", 0)
            for status in ("on_time", "late", "missed", "upcoming"):
                record[f"{prefix}count_{status}"] = stats.get(status, 0)
            record[f"{prefix}compliance_rate"] = stats.get("rate", 0.0)

    @api.model
    def _cron_update_obligations(self, batch_size=500):
        """Hourly: flag obligations that fell overdue and remind the responsible people.

        One chunk per run: progress is reported to the cron runner, which commits and runs the
        job again at once while work remains (so it is resumable after a crash or a timeout and
        two workers never hold the same rows for long). Both steps select rows by their stored
        state only, so running it again does nothing more. Returns the number of rows left.
        """
        today = fields.Date.today()
        overdue = self.search(
            self._newly_overdue_domain(),
            limit=batch_size,
            order="id",
        )
        if overdue:
            # The stored state depends on today's date, which no write signals: mark both fields
            # to compute again (compliance_status reads is_overdue) and store the result.
            for fname in ("is_overdue", "compliance_status"):
                self.env.add_to_compute(self._fields[fname], overdue)
            overdue.flush_recordset(["is_overdue", "compliance_status"])
        remind = self.search(
            self._reminder_domain(today),
            limit=max(batch_size - len(overdue), 0),
            order="id",
        )
        remind._schedule_reminder_activities()
        remind.write({"is_reminder_scheduled": True})
        notified = self._medcrm_notify_batch(max(batch_size - len(overdue) - len(remind), 0))
        remaining = (
            self.search_count(self._newly_overdue_domain())
            + self.search_count(self._reminder_domain(today))
            + self._medcrm_notify_pending_count(today)
        )
        self.env["ir.cron"]._notify_progress(
            done=len(overdue) + len(remind) + notified, remaining=remaining
        )
        return remaining

    def _schedule_reminder_activities(self):
        """A To-Do for each obligation's responsible person, due on the obligation's due date,
        created in one batch. Odoo would email each assignee "assigned to you" (about 21
        queries per activity, one mail each): the context key below skips that email only
        (the activity, the follower and the systray counter stay); the notification rules of
        medcrm_notify tell people about obligations, once, on the channel each rule chooses."""
        if not self:
            return self.env["mail.activity"]
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        summary = self.env._("Service obligation due")
        return (
            self.env["mail.activity"]
            .with_context(mail_activity_quick_update=True)
            .create(
                [
                    {
                        "activity_type_id": todo.id,
                        "summary": summary,
                        "note": todo.default_note,
                        "automated": True,
                        "date_deadline": occurrence.date_due,
                        "res_model_id": model_id,
                        "res_id": occurrence.id,
                        "user_id": occurrence.user_id.id,
                    }
                    for occurrence in self
                ]
            )
        )

    @api.model
    def _newly_overdue_domain(self):
        """Planned obligations not flagged yet although their due date (or, for a breakdown,
        the response deadline) has passed: the same test as _compute_is_overdue."""
        return [
            ("state", "=", "planned"),
            ("is_overdue", "=", False),
            "|",
            ("date_due", "<", fields.Date.today()),
            ("datetime_deadline", "<", fields.Datetime.now()),
        ]

    @api.model
    def _reminder_domain(self, today):
        # Only people who may open the obligation get an activity on it: an activity assigned to
        # someone without access is refused, which would block the job on that row every day.
        salesman = self.env.ref("sales_team.group_sale_salesman")
        return [
            ("state", "=", "planned"),
            ("is_reminder_scheduled", "=", False),
            ("date_reminder", "<=", today),
            ("user_id", "!=", False),
            ("user_id.groups_id", "in", salesman.ids),
        ]

    # medcrm_notify's timed events (medcrm.notify.due.mixin): the hourly job emits them in
    # chunks and flags the obligations; the log's unique occurrence key stops a second
    # notification even if two runs overlap.

    @api.model
    def _medcrm_notify_due_events(self):
        return {**super()._medcrm_notify_due_events(), **NOTIFY_EVENTS}

    @api.model
    def _medcrm_notify_due_domain(self, event_code, today=None):
        """Due soon: planned obligations whose reminder date has come, not overdue. Overdue:
        flagged overdue by the hourly job. Completed late: done late in the last 7 days (older
        ones are history, not news, when a rule is created). Each not reported yet."""
        today = today or fields.Date.today()
        domain = {
            "contract_obligation_due_soon": [
                ("state", "=", "planned"),
                ("is_overdue", "=", False),
                ("date_reminder", "<=", today),
            ],
            "contract_obligation_overdue": [("is_overdue", "=", True)],
            "contract_obligation_completed_late": [
                ("compliance_status", "=", "late"),
                ("date_done", ">=", today - relativedelta(days=7)),
            ],
        }[event_code]
        return [*domain, (NOTIFY_EVENTS[event_code], "=", False)]

    @api.model
    def _medcrm_notify_batch(self, limit):
        """Report the timed events of up to ``limit`` obligations; return how many."""
        done = 0
        for code in NOTIFY_EVENTS:
            if done < limit:
                done += len(self._medcrm_notify_due_batch(code, limit=limit - done))
        return done

    @api.model
    def _medcrm_notify_pending_count(self, today):
        Event = self.env["medcrm.notify.event"]
        return sum(
            self.search_count(self._medcrm_notify_due_domain(code, today))
            for code in NOTIFY_EVENTS
            if Event._has_rules(code)
        )

    def _medcrm_notify_due_emissions(self, event_code, rules):
        flag = NOTIFY_EVENTS[event_code]
        return [
            (
                self,
                {o.id: f"{flag}:{o.date_due}" for o in self},
                {o.id: o._medcrm_notify_details(event_code) for o in self},
                None,
            )
        ]

    def _medcrm_notify_details(self, code):
        self.ensure_one()
        if code == "contract_obligation_completed_late":
            return self.env._(
                "%(obligation)s (%(customer)s): due %(due)s, done %(done)s by %(user)s; "
                "days late: %(days)s",
                obligation=self.name or "",
                customer=self.partner_id.display_name or "-",
                due=format_date(self.env, self.date_due),
                done=format_date(self.env, self.date_done),
                user=self.done_user_id.name or "-",
                days=self.days_late,
            )
        if code == "contract_obligation_overdue":
            return self.env._(
                "%(obligation)s (%(customer)s) was due on %(due)s; responsible: %(user)s",
                obligation=self.name or "",
                customer=self.partner_id.display_name or "-",
                due=format_date(self.env, self.date_due),
                user=self.user_id.name or "-",
            )
        return self.env._(
            "%(obligation)s (%(customer)s) is due on %(due)s; responsible: %(user)s",
            obligation=self.name or "",
            customer=self.partner_id.display_name or "-",
            due=format_date(self.env, self.date_due),
            user=self.user_id.name or "-",
        )
