from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.tools import SQL, create_index, format_date

OPEN_STATES = ("assigned", "accepted")
WATCHED_FIELDS = ("user_id", "state", "date_deadline")
# event code -> the column remembering the deadline that event was last reported for
TIMED_EVENTS = {
    "task_overdue": "medcrm_notify_overdue_deadline",
    "task_deadline_near": "medcrm_notify_near_deadline",
}


class MedcrmTask(models.Model):
    _name = "medcrm.task"
    _inherit = ["medcrm.task", "medcrm.notify.due.mixin"]

    medcrm_notify_overdue_deadline = fields.Date(
        string="Overdue Reported For",
        readonly=True,
        copy=False,
        help="Technical: the deadline for which the notification rules reported this task as "
        "overdue. A new deadline makes the task due for reporting again.",
    )
    medcrm_notify_near_deadline = fields.Date(
        string="Approaching Deadline Reported For",
        readonly=True,
        copy=False,
        help="Technical: the deadline for which every 'deadline approaching' rule has reported "
        "this task.",
    )

    def init(self):
        result = super().init()  # medcrm_deals makes its deadline-flag indexes there
        # The timed scans read only open tasks whose current deadline has not been reported
        # yet, in deadline order: their cost follows the number of due tasks, not the table.
        for event_code, column in TIMED_EVENTS.items():
            create_index(
                self.env.cr,
                f"medcrm_task_notify_{event_code}_due_idx",
                self._table,
                ["date_deadline", "id"],
                where=f"state IN ('assigned', 'accepted') AND {column} IS DISTINCT FROM "
                "date_deadline",
            )
        return result

    @api.model_create_multi
    def create(self, vals_list):
        tasks = super().create(vals_list)
        Event = self.env["medcrm.notify.event"]
        if Event._has_rules("task_created"):
            Event._emit(
                "task_created",
                tasks,
                occurrence_keys=dict.fromkeys(tasks.ids, "created"),
                details={task.id: task._medcrm_notify_summary() for task in tasks},
            )
        return tasks

    def write(self, vals):
        Event = self.env["medcrm.notify.event"]
        if not set(WATCHED_FIELDS) & set(vals) or not Event._has_rules("task_changed"):
            return super().write(vals)
        before = {task.id: {name: task[name] for name in WATCHED_FIELDS} for task in self}
        result = super().write(vals)
        self._medcrm_notify_emit_changes(before)
        return result

    # ------------------------------------------------------------------
    # private helpers
    # ------------------------------------------------------------------

    def _medcrm_notify_summary(self):
        self.ensure_one()
        return self.env._(
            "Assignee: %(user)s. Deadline: %(deadline)s. Set by %(author)s.",
            user=self.user_id.name or "-",
            deadline=format_date(self.env, self.date_deadline) or "-",
            author=self.author_id.name or "-",
        )

    def _medcrm_notify_emit_changes(self, before):
        states = dict(self._fields["state"]._description_selection(self.env))
        labels = {
            "user_id": self.env._("Assignee"),
            "state": self.env._("State"),
            "date_deadline": self.env._("Deadline"),
        }

        def show(name, value):
            if name == "user_id":
                return value.name or "-"
            if name == "state":
                return states.get(value, value or "-")
            return format_date(self.env, value) or "-"

        changed, keys, values, details = self.browse(), {}, {}, {}
        for task in self:
            old = before[task.id]
            names = [name for name in WATCHED_FIELDS if task[name] != old[name]]
            if not names:
                continue
            changed |= task
            values[task.id] = {"task_changes": names}
            # the new values identify the change: the same change written twice in a
            # transaction notifies once, another change of the same task notifies again
            keys[task.id] = ",".join(
                f"{name}={task[name].id if name == 'user_id' else task[name]}" for name in names
            )
            details[task.id] = "; ".join(
                f"{labels[name]}: {show(name, old[name])} → {show(name, task[name])}"
                for name in names
            )
        if changed:
            self.env["medcrm.notify.event"]._emit(
                "task_changed",
                changed,
                occurrence_keys=keys,
                details=details,
                values=values,
                per_transaction=True,
            )

    @api.model
    def _medcrm_notify_due_events(self):
        return {**super()._medcrm_notify_due_events(), **TIMED_EVENTS}

    @api.model
    def _medcrm_notify_due_query(self, event_code, last_deadline, after, limit):
        """Open tasks of deals not paused, with a deadline up to ``last_deadline`` that was not
        reported yet for ``event_code``; locked, skipping those a concurrent scan holds."""
        return SQL(
            "SELECT t.id FROM medcrm_task t "
            "WHERE t.state IN ('assigned', 'accepted') "
            "AND %(column)s IS DISTINCT FROM t.date_deadline "
            "AND t.date_deadline <= %(last)s %(after)s "
            "AND NOT EXISTS (SELECT 1 FROM crm_lead l WHERE l.id = t.lead_id AND l.is_paused) "
            "ORDER BY t.date_deadline, t.id LIMIT %(limit)s FOR UPDATE OF t SKIP LOCKED",
            column=SQL.identifier("t", TIMED_EVENTS[event_code]),
            last=last_deadline,
            after=SQL("AND (t.date_deadline, t.id) > (%s, %s)", *after) if after else SQL(),
            limit=limit,
        )

    @api.model
    def _medcrm_notify_deadline_moment(self, deadline):
        """A task is due by the end of its deadline day, midnight UTC: the day medcrm_deals'
        overdue flag counts in its hourly refresh (a job without a time zone), whatever the
        assignee's zone. Follow the assignee's zone here only when that flag does, so that
        "overdue" in a notification and in the task list never disagree."""
        return datetime.combine(deadline + timedelta(days=1), time.min)

    def _medcrm_notify_hours_left(self):
        """``{task: hours until the end of its deadline day}``."""
        now = fields.Datetime.now()
        return {
            task: (self._medcrm_notify_deadline_moment(task.date_deadline) - now).total_seconds()
            / 3600
            for task in self
        }

    @api.model
    def _cron_medcrm_notify_deadlines(self, batch_size=500, max_batches=20):
        # the cron record's entry point (its code is kept on update)
        return self._cron_medcrm_notify_due(batch_size=batch_size, max_batches=max_batches)

    @api.model
    def _medcrm_notify_due_search(self, event_code, rules, limit, after=None):
        """Open tasks whose current deadline was not reported yet (read through a partial
        index; a deadline moved back to a value already reported does not notify twice).
        Tasks of paused deals wait until the deal is resumed. Tasks whose approaching deadline
        is due for some rules only stay unmarked: ``after`` (the last task of the previous
        batch) continues the run after them."""
        now = fields.Datetime.now()
        if event_code == "task_overdue":
            last_deadline = now.date() - timedelta(days=1)
        else:
            hours = max(rules.mapped("deadline_hours") or [0])
            last_deadline = (now + timedelta(hours=hours) - timedelta(days=1)).date()
        # the query below is plain SQL: what the ORM still holds must reach the database first
        self.flush_model(["state", "date_deadline", "lead_id", TIMED_EVENTS[event_code]])
        self.env["crm.lead"].flush_model(["is_paused"])
        after = after and (after.date_deadline, after.id)
        query = self._medcrm_notify_due_query(event_code, last_deadline, after, limit)
        # sudo: the scan runs for the system; recipients' access is checked at delivery.
        return self.sudo().browse([row[0] for row in self.env.execute_query(query)])

    def _medcrm_notify_due_emissions(self, event_code, rules):
        overdue = event_code == "task_overdue"
        # an approaching deadline that passed before the scan reached it (downtime): the
        # overdue event tells it now, a reminder before the deadline would be wrong
        hours_left = self._medcrm_notify_hours_left()
        due = self if overdue else self.filtered(lambda task: hours_left[task] > 0)
        keys, details, values = {}, {}, {}
        for task in due:
            deadline = format_date(self.env, task.date_deadline)
            user = task.user_id.name
            keys[task.id] = "{}{}".format(
                "overdue" if overdue else "near", fields.Date.to_string(task.date_deadline)
            )
            if overdue:
                details[task.id] = self.env._(
                    "The deadline %(deadline)s has passed; assignee: %(user)s.",
                    deadline=deadline,
                    user=user,
                )
                continue
            details[task.id] = self.env._(
                "Deadline %(deadline)s, in %(hours)s h; assignee: %(user)s.",
                deadline=deadline,
                hours=int(hours_left[task]),
                user=user,
            )
            values[task.id] = {"deadline_hours_left": hours_left[task]}
        return [(due, keys, details, values)] if due else []

    def _medcrm_notify_due_mark(self, event_code, rules):
        """Remember the deadline reported; an approaching deadline only once every rule has
        reported it (the rule reminding the latest decides)."""
        if event_code != "task_overdue":
            min_hours = min(rules.mapped("deadline_hours") or [0])
            hours_left = self._medcrm_notify_hours_left()
            tasks = self.filtered(lambda task: hours_left[task] <= min_hours)
        else:
            tasks = self
        column = TIMED_EVENTS[event_code]
        if tasks:
            self.env.cr.execute(
                SQL(
                    "UPDATE medcrm_task SET %(column)s = date_deadline WHERE id IN %(ids)s",
                    column=SQL.identifier(column),
                    ids=tuple(tasks.ids),
                )
            )
            tasks.invalidate_recordset([column])
