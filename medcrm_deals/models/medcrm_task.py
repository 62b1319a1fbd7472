from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, create_index, format_date

from ..tools.rpc_args import field_label, to_record, to_text

OPEN_STATES = ("assigned", "accepted")
ACTIVE_STATES = ("assigned", "accepted", "done")
NEAR_DAYS_PARAM = "medcrm_deals.task_deadline_near_days"
NEAR_DAYS_DEFAULT = 2
CRON_CHUNK = 500
TRANSITION_CONTEXT_KEY = "medcrm_task_transition"
EDITABLE_FIELDS = {"name", "description", "priority", "date_deadline", "lead_id"}


class MedcrmTask(models.Model):
    _name = "medcrm.task"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Deal Task"
    _order = "priority desc, date_deadline asc, id desc"

    name = fields.Char("Title", required=True, tracking=True)
    description = fields.Html()
    priority = fields.Selection(
        [("0", "Normal"), ("1", "Urgent")], default="0", required=True, tracking=True
    )
    state = fields.Selection(
        [
            ("assigned", "Assigned"),
            ("accepted", "In Work"),
            ("done", "To Verify"),
            ("closed", "Verified"),
            ("cancelled", "Cancelled"),
        ],
        default="assigned",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        group_expand="_group_expand_states",
    )
    author_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        help="Who set the task: verifies, returns, reassigns or cancels it.",
    )
    user_id = fields.Many2one(
        "res.users",
        "Assignee",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        domain="[('share', '=', False)]",
        help="Who does the task: accepts it and marks it done. Change it with 'Reassign'.",
    )
    lead_id = fields.Many2one(
        "crm.lead",
        "Deal",
        index="btree_not_null",
        ondelete="cascade",
        tracking=True,
    )
    partner_id = fields.Many2one(related="lead_id.partner_id", string="Customer")
    lead_user_id = fields.Many2one(
        related="lead_id.user_id", string="Deal Salesperson", store=True, index="btree_not_null"
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, required=True, index=True
    )
    date_deadline = fields.Date(tracking=True, index="btree_not_null")
    date_set = fields.Datetime(
        "Set On", default=fields.Datetime.now, required=True, readonly=True, copy=False
    )
    date_accepted = fields.Datetime("Accepted On", readonly=True, copy=False)
    date_done = fields.Datetime("Done On", readonly=True, copy=False)
    date_closed = fields.Datetime("Verified On", readonly=True, copy=False)
    return_count = fields.Integer("Returns", readonly=True, copy=False)
    reassign_count = fields.Integer("Reassignments", readonly=True, copy=False)
    last_reason = fields.Text(readonly=True, copy=False)
    is_overdue = fields.Boolean(
        "Overdue",
        compute="_compute_deadline_flags",
        store=True,
        precompute=True,
        index=True,
        help="The deadline has passed and the task is not done yet.",
    )
    is_deadline_near = fields.Boolean(
        "Deadline Approaching",
        compute="_compute_deadline_flags",
        store=True,
        precompute=True,
        index=True,
        help="The task is open and its deadline falls within the configured window "
        "(system parameter medcrm_deals.task_deadline_near_days, in days).",
    )
    transition_ids = fields.One2many("medcrm.task.transition", "task_id", "Transitions")
    is_author = fields.Boolean(compute="_compute_is_author_assignee")
    is_assignee = fields.Boolean(compute="_compute_is_author_assignee")

    @api.depends("state", "date_deadline")
    def _compute_deadline_flags(self):
        for fname, domain in self._medcrm_deadline_flag_domains().items():
            flagged = self.filtered_domain(domain)
            flagged[fname] = True
            (self - flagged)[fname] = False

    @api.depends_context("uid")
    @api.depends("author_id", "user_id")
    def _compute_is_author_assignee(self):
        for task in self:
            task.is_author = task.author_id == self.env.user
            task.is_assignee = task.user_id == self.env.user

    @api.model
    def _group_expand_states(self, states, domain):
        return [key for key, _label in self._fields["state"].selection]

    @api.constrains("lead_id")
    def _check_lead_id_readable(self):
        self.lead_id._medcrm_check_linkable(
            self, self._fields["lead_id"]._description_string(self.env)
        )

    @api.constrains("date_deadline", "date_set")
    def _check_date_deadline(self):
        for task in self.filtered("date_deadline"):
            task._medcrm_check_deadline(task.date_deadline)

    @api.constrains("user_id")
    def _check_user_id(self):
        for task in self:
            task._medcrm_check_assignable(task.user_id)

    def init(self):
        # The daily refresh selects only tasks whose flags went stale with time, through these
        # partial indexes (one per branch of _medcrm_stale_flags_domain): its cost follows the
        # number of such tasks, not the size of the table.
        open_states = "state IN ('assigned', 'accepted')"
        for name, where in (
            ("overdue_due", f"{open_states} AND (is_overdue IS NULL OR NOT is_overdue)"),
            ("near_due", f"{open_states} AND (is_deadline_near IS NULL OR NOT is_deadline_near)"),
            ("overdue_flagged", "is_overdue"),
            ("near_flagged", "is_deadline_near"),
        ):
            create_index(
                self.env.cr,
                f"medcrm_task_flag_{name}_idx",
                self._table,
                ["date_deadline"],
                where=where,
            )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # the author is whoever sets the task, and a task starts assigned; only the system
            # (data imports, demo data) may set them otherwise
            if not self.env.su:
                vals["author_id"] = self.env.uid
                vals.pop("state", None)
                vals.pop("date_set", None)
        tasks = super().create(vals_list)
        for task in tasks:
            task.message_subscribe(partner_ids=(task.author_id | task.user_id).partner_id.ids)
            task._medcrm_log_transition(False, task.state, "create")
            if task.state in OPEN_STATES:
                task._medcrm_schedule_assignee_activity()
            elif task.state == "done":
                task._medcrm_schedule_verify_activity()
        return tasks

    def write(self, vals):
        if not self.env.context.get(TRANSITION_CONTEXT_KEY) and not self.env.su:
            protected = {"state", "user_id", "author_id"} & set(vals)
            if protected:
                raise UserError(
                    self.env._(
                        "The fields %(fields)s of a task change only through its buttons "
                        "(Accept, Done, Verify, Return, Reassign, Cancel).",
                        fields=", ".join(sorted(protected)),
                    )
                )
            if set(vals) & EDITABLE_FIELDS and self.filtered(
                lambda t: t.state in ("closed", "cancelled")
            ):
                raise UserError(
                    self.env._(
                        "Verified or cancelled tasks cannot be edited. Set a new task instead."
                    )
                )
        if vals.get("date_deadline"):
            # checked before writing, so that a refused deadline leaves nothing behind
            deadline = fields.Date.to_date(vals["date_deadline"])
            for task in self:
                task._medcrm_check_deadline(deadline)
        result = super().write(vals)
        if "date_deadline" in vals:
            for task in self:
                assignee = task.user_id
                task.activity_ids.filtered(lambda a, user=assignee: a.user_id == user).write(
                    {"date_deadline": task.date_deadline or fields.Date.context_today(task)}
                )
        return result

    # ------------------------------------------------------------
    # Actions (workflow)
    # ------------------------------------------------------------

    def action_accept(self):
        for task in self:
            task._medcrm_check_actor("assignee", "accept")
            task._medcrm_check_state(("assigned",), "accept")
            task._medcrm_transition("accepted", "accept", {"date_accepted": fields.Datetime.now()})
            task.message_post(
                body=self.env._("%s accepted the task.", self.env.user.name),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_done(self):
        for task in self:
            task._medcrm_check_actor("assignee", "done")
            task._medcrm_check_state(("accepted",), "done")
            task._medcrm_transition("done", "done", {"date_done": fields.Datetime.now()})
            task.activity_feedback(
                ["mail.mail_activity_data_todo"], user_id=task.user_id.id, feedback=task.name
            )
            task._medcrm_schedule_verify_activity()
            task.message_post(
                body=self.env._("%s finished the task and asks to verify it.", task.user_id.name),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_verify(self):
        for task in self:
            task._medcrm_check_actor("author", "verify")
            if task.state in OPEN_STATES:
                raise UserError(
                    self.env._(
                        "Task '%s' has not been done yet, so it cannot be verified and closed. "
                        "Wait until the assignee marks it done, or cancel it.",
                        task.name,
                    )
                )
            task._medcrm_check_state(("done",), "verify")
            task._medcrm_transition("closed", "verify", {"date_closed": fields.Datetime.now()})
            task.activity_feedback(["mail.mail_activity_data_todo"], feedback=task.name)
            task.message_post(
                body=self.env._("%s verified the task: it is closed.", self.env.user.name),
                partner_ids=task.user_id.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_return(self, reason):
        reason = to_text(self.env, reason, "reason", self._medcrm_reason_label())
        for task in self:
            task._medcrm_check_actor("author", "return")
            task._medcrm_check_state(("done",), "return")
            if not reason:
                raise UserError(
                    self.env._(
                        "Returning task '%s' needs a reason: tell the assignee what is missing.",
                        task.name,
                    )
                )
            task._medcrm_transition(
                "accepted",
                "return",
                {"return_count": task.return_count + 1, "date_done": False},
                reason=reason,
            )
            task.activity_unlink(["mail.mail_activity_data_todo"])
            task._medcrm_schedule_assignee_activity()
            task.message_post(
                body=self.env._("Task returned to work. Reason: %s", reason),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_reassign(self, user, reason):
        reason = to_text(self.env, reason, "reason", self._medcrm_reason_label())
        user = to_record(self.env, "res.users", user, "user", field_label(self, "user_id"))
        for task in self:
            task._medcrm_check_actor("author", "reassign")
            task._medcrm_check_state(ACTIVE_STATES, "reassign")
            if not reason:
                raise UserError(
                    self.env._(
                        "Reassigning task '%s' needs a reason, for the new assignee and "
                        "the report of reassignments.",
                        task.name,
                    )
                )
            if not user:
                raise UserError(
                    self.env._("Reassigning task '%s' needs the new assignee.", task.name)
                )
            task._medcrm_check_assignable(user)
            if user == task.user_id:
                raise UserError(
                    self.env._(
                        "%(user)s is already the assignee of task '%(task)s'. Choose another user.",
                        user=user.name,
                        task=task.name,
                    )
                )
            task.activity_unlink(["mail.mail_activity_data_todo"])
            task._medcrm_transition(
                "assigned",
                "reassign",
                {
                    "user_id": user.id,
                    "reassign_count": task.reassign_count + 1,
                    "date_accepted": False,
                    "date_done": False,
                },
                reason=reason,
            )
            task.message_subscribe(partner_ids=user.partner_id.ids)
            task._medcrm_schedule_assignee_activity()
            task.message_post(
                body=self.env._(
                    "Task reassigned to %(user)s. Reason: %(reason)s", user=user.name, reason=reason
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_cancel(self, reason=False):
        reason = to_text(self.env, reason, "reason", self._medcrm_reason_label())
        for task in self:
            task._medcrm_check_actor("author", "cancel")
            task._medcrm_check_state(ACTIVE_STATES, "cancel")
            task._medcrm_transition("cancelled", "cancel", {}, reason=reason or False)
            task.activity_unlink(["mail.mail_activity_data_todo"])
            task.message_post(
                body=self.env._("Task cancelled by %s.", self.env.user.name),
                partner_ids=task.user_id.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_open_return_wizard(self):
        return self._medcrm_wizard_action("return")

    def action_open_reassign_wizard(self):
        return self._medcrm_wizard_action("reassign")

    def action_open_cancel_wizard(self):
        return self._medcrm_wizard_action("cancel")

    # ------------------------------------------------------------
    # Cron
    # ------------------------------------------------------------

    @api.model
    def _cron_refresh_deadline_flags(self, chunk_size=CRON_CHUNK):
        """Set, one chunk per run, the overdue / approaching flags that went stale.

        Only tasks whose flags are wrong today are selected (through partial indexes), and one
        SQL UPDATE per chunk sets both flags from the same domains as their compute, so the
        job costs what is stale, not the table, and is idempotent and resumable: when a full
        chunk was processed the cron reports what remains and Odoo runs it again after
        committing. Returns the number of tasks still to process.
        """
        flag_domains = self._medcrm_deadline_flag_domains()
        flags = list(flag_domains)
        # the UPDATE below is plain SQL: what the ORM still holds must reach the database first
        self.flush_model(["state", "date_deadline", *flags])
        domain = self._medcrm_stale_flags_domain()
        stale = self.with_context(active_test=False)._search(domain, limit=chunk_size)
        values = SQL(", ").join(
            SQL(
                "%s = COALESCE(%s, FALSE)",
                SQL.identifier(fname),
                self._where_calc(flag_domain).where_clause,
            )
            for fname, flag_domain in flag_domains.items()
        )
        rows = self.env.execute_query(
            SQL(
                "UPDATE %s SET %s WHERE id IN %s RETURNING id",
                SQL.identifier(self._table),
                values,
                stale.subselect(),
            )
        )
        # keep the ORM cache consistent with the rows just written
        tasks = self.browse([row[0] for row in rows])
        tasks.invalidate_recordset(flags)
        remaining = self.search_count(domain) if len(tasks) == chunk_size else 0
        self.env["ir.cron"]._notify_progress(done=len(tasks), remaining=remaining)
        return remaining

    # ------------------------------------------------------------
    # Private helpers
    # ------------------------------------------------------------

    @api.model
    def _medcrm_near_days(self):
        value = self.env["ir.config_parameter"].sudo().get_param(NEAR_DAYS_PARAM)
        try:
            return max(int(value), 0) if value else NEAR_DAYS_DEFAULT
        except ValueError:
            return NEAR_DAYS_DEFAULT

    @api.model
    def _medcrm_deadline_flag_domains(self):
        """What each deadline flag means today, as a domain: the one definition that the
        compute, the stale-flags search and the cron's SQL update share."""
        today = fields.Date.context_today(self)
        near_limit = today + timedelta(days=self._medcrm_near_days())
        is_open = [("state", "in", OPEN_STATES), ("date_deadline", "!=", False)]
        return {
            "is_overdue": [*is_open, ("date_deadline", "<", today)],
            "is_deadline_near": [
                *is_open,
                ("date_deadline", ">=", today),
                ("date_deadline", "<=", near_limit),
            ],
        }

    @api.model
    def _medcrm_stale_flags_domain(self):
        """Tasks whose stored flags went stale with time: each branch is a range of deadlines
        read through a partial index (see init), so the search costs what it finds.

        Changes of state or deadline recompute the flags at once (the compute depends on
        them); what time alone makes wrong is a flag not set yet (the deadline passed or came
        near), or set for a deadline now outside its range (the window was shortened, or the
        flag was computed in a timezone ahead of this one)."""
        today = fields.Date.context_today(self)
        near_limit = today + timedelta(days=self._medcrm_near_days())
        flags = self._medcrm_deadline_flag_domains()
        return expression.OR(
            [
                [("is_overdue", "=", False), *flags["is_overdue"]],
                [("is_deadline_near", "=", False), *flags["is_deadline_near"]],
                [("is_overdue", "=", True), ("date_deadline", ">=", today)],
                [
                    ("is_deadline_near", "=", True),
                    "|",
                    ("date_deadline", "<", today),
                    ("date_deadline", ">", near_limit),
                ],
            ]
        )

    def _medcrm_check_actor(self, role, action):
        """Refuse ``action`` (accept, done, verify, return, reassign, cancel) to anyone but the
        task's assignee or author (``role``). Each sentence is whole: a verb translated alone
        cannot be fitted into another language's sentence."""
        self.ensure_one()
        person = self.user_id if role == "assignee" else self.author_id
        if person == self.env.user:
            return
        args = {"task": self.name, "person": person.name}
        messages = {
            "accept": lambda: self.env._(
                "Only the assignee of task '%(task)s' (%(person)s) can accept it; "
                "you are not the assignee.",
                **args,
            ),
            "done": lambda: self.env._(
                "Only the assignee of task '%(task)s' (%(person)s) can mark it as done; "
                "you are not the assignee.",
                **args,
            ),
            "verify": lambda: self.env._(
                "Only the author of task '%(task)s' (%(person)s) can verify it. "
                "Ask them, or mark it done if you are the assignee.",
                **args,
            ),
            "return": lambda: self.env._(
                "Only the author of task '%(task)s' (%(person)s) can return it. "
                "Ask them, or mark it done if you are the assignee.",
                **args,
            ),
            "reassign": lambda: self.env._(
                "Only the author of task '%(task)s' (%(person)s) can reassign it. "
                "Ask them, or mark it done if you are the assignee.",
                **args,
            ),
            "cancel": lambda: self.env._(
                "Only the author of task '%(task)s' (%(person)s) can cancel it. "
                "Ask them, or mark it done if you are the assignee.",
                **args,
            ),
        }
        raise UserError(messages[action]())

    def _medcrm_check_state(self, states, action):
        """Refuse ``action`` on a task in none of ``states``, in a whole sentence per action."""
        self.ensure_one()
        if self.state in states:
            return
        state_label = dict(self._fields["state"]._description_selection(self.env))[self.state]
        args = {"task": self.name, "state": state_label}
        messages = {
            "accept": lambda: self.env._(
                "Task '%(task)s' is '%(state)s' and cannot be accepted now.", **args
            ),
            "done": lambda: self.env._(
                "Task '%(task)s' is '%(state)s' and cannot be marked as done now.", **args
            ),
            "verify": lambda: self.env._(
                "Task '%(task)s' is '%(state)s' and cannot be verified now.", **args
            ),
            "return": lambda: self.env._(
                "Task '%(task)s' is '%(state)s' and cannot be returned now.", **args
            ),
            "reassign": lambda: self.env._(
                "Task '%(task)s' is '%(state)s' and cannot be reassigned now.", **args
            ),
            "cancel": lambda: self.env._(
                "Task '%(task)s' is '%(state)s' and cannot be cancelled now.", **args
            ),
        }
        raise UserError(messages[action]())

    def _medcrm_check_deadline(self, deadline):
        self.ensure_one()
        created = fields.Date.context_today(self, self.date_set or fields.Datetime.now())
        if deadline < created:
            raise ValidationError(
                self.env._(
                    "Task '%(task)s': the deadline %(deadline)s is before the day the task "
                    "was set (%(created)s). Choose a deadline on or after that day.",
                    task=self.name,
                    deadline=format_date(self.env, deadline),
                    created=format_date(self.env, created),
                )
            )

    def _medcrm_check_assignable(self, user):
        if not user.active or user.share:
            raise ValidationError(
                self.env._(
                    "%(user)s cannot be the assignee of a task: only active internal users can. "
                    "Choose a colleague with a user account.",
                    user=user.name,
                )
            )

    def _medcrm_transition(self, new_state, kind, extra_vals, reason=False):
        self.ensure_one()
        old_state, old_user = self.state, self.user_id
        vals = dict(extra_vals, state=new_state)
        if reason:
            vals["last_reason"] = reason
        self.with_context(**{TRANSITION_CONTEXT_KEY: True}).write(vals)
        self._medcrm_log_transition(old_state, new_state, kind, reason, old_user)

    def _medcrm_log_transition(self, state_from, state_to, kind, reason=False, user_from=None):
        self.ensure_one()
        now = fields.Datetime.now()
        previous = self.transition_ids[:1]
        hours = (now - previous.date).total_seconds() / 3600 if previous else 0.0
        # sudo: the transition log is written by the workflow only, users can never edit it
        self.env["medcrm.task.transition"].sudo().create(
            {
                "task_id": self.id,
                "kind": kind,
                "user_id": self.env.uid,
                "date": now,
                "state_from": state_from or False,
                "state_to": state_to,
                "assignee_from_id": (user_from or self.env["res.users"]).id,
                "assignee_to_id": self.user_id.id,
                "reason": reason or False,
                "hours_since_previous": hours,
            }
        )

    def _medcrm_schedule_assignee_activity(self):
        self.ensure_one()
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=self.date_deadline or fields.Date.context_today(self),
            summary=self.name,
            user_id=self.user_id.id,
        )

    def _medcrm_schedule_verify_activity(self):
        self.ensure_one()
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=fields.Date.context_today(self),
            summary=self.env._("Verify: %s", self.name),
            user_id=self.author_id.id,
        )

    def _medcrm_reason_label(self):
        """How the reason of a return, reassignment or cancellation is labelled on screen."""
        return field_label(self.env["medcrm.task.transition"], "reason")

    def _medcrm_wizard_action(self, mode):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "medcrm_deals.medcrm_task_transition_wizard_action"
        )
        action["context"] = {"default_task_id": self.id, "default_mode": mode}
        return action
