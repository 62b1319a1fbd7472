from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL, format_date

from .common import NotifyCase

FREEZE_IGNORE = ["asyncio", "aiosmtpd", "concurrent"]


class TaskCase(NotifyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Task = cls.env["medcrm.task"]
        # Tasks already in the database (demo data) count as reported: the scans of these
        # tests see only their own tasks.
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE medcrm_task SET medcrm_notify_overdue_deadline = date_deadline, "
            "medcrm_notify_near_deadline = date_deadline"
        )
        cls.env.invalidate_all()

    def make_task(self, lead=None, deadline=None, assignee=None, author=None, **vals):
        deadline = deadline or fields.Date.today() + timedelta(days=5)
        values = {
            "name": "Prepare the service offer for the CT",
            "user_id": (assignee or self.other_seller).id,
            "lead_id": lead.id if lead else False,
            "date_deadline": deadline,
        }
        values.update(vals)
        return self.Task.with_user(author or self.seller).create(values)

    def scan(self, event_code, limit=500):
        total = 0
        after = None
        while True:
            tasks = self.Task._medcrm_notify_due_batch(event_code, limit=limit, after=after)
            total += len(tasks)
            if len(tasks) < limit:
                return total
            after = tasks[-1:]


@tagged("post_install", "-at_install")
class TestTaskEvents(TaskCase):
    def test_task_created_notifies_assignee_not_author(self):
        rule = self.make_rule(
            event_code="task_created",
            user_ids=[(5,)],
            is_to_task_assignee=True,
            is_to_task_author=True,
        )
        task = self.make_task(lead=self.make_lead())
        logs = self.logs(rule)
        self.assertEqual(set(logs.mapped("res_model")), {"medcrm.task"})
        assignee = logs.filtered(lambda log: log.partner_id == self.other_seller.partner_id)
        author = logs.filtered(lambda log: log.partner_id == self.seller.partner_id)
        self.assertEqual((author.state, author.skip_reason), ("skipped", "author"))
        self.assertIn(format_date(self.env, task.date_deadline), assignee.details)
        self.dispatch()
        self.assertEqual(assignee.state, "sent")
        self.assertIn(assignee.message_id, self.inbox_messages(task, self.other_seller.partner_id))
        self.assertIn(rule.name, assignee.message_id.body)

    def test_task_salesperson_is_the_deals(self):
        rule = self.make_rule(
            event_code="task_created",
            user_ids=[(5,)],
            is_to_salesperson=True,
            is_to_team_leader=True,
        )
        lead = self.make_lead(user_id=self.director.id)
        # set by someone who reads the director's deal (a task goes only on a readable deal)
        author = new_test_user(
            self.env,
            login="nt_all_leads",
            groups="sales_team.group_sale_salesman_all_leads,base.group_user",
        )
        self.make_task(lead=lead, author=author)
        self.assertEqual(
            set(self.logs(rule).partner_id.ids),
            {self.director.partner_id.id, self.manager.partner_id.id},
        )

    def test_task_changed_only_the_chosen_changes(self):
        deadline_rule = self.make_rule(
            event_code="task_changed",
            user_ids=[(5,)],
            is_to_task_author=True,
            is_task_change_deadline=True,
        )
        state_rule = self.make_rule(
            event_code="task_changed",
            user_ids=[(5,)],
            is_to_task_author=True,
            is_task_change_state=True,
        )
        any_rule = self.make_rule(event_code="task_changed")
        task = self.make_task()
        task.with_user(self.other_seller).action_accept()
        self.assertFalse(self.logs(deadline_rule))
        state_log = self.logs(state_rule)
        self.assertEqual(len(state_log), 1)
        self.assertEqual(state_log.partner_id, self.seller.partner_id)
        self.assertEqual(state_log.details, "State: Assigned → In Work")
        old, new = task.date_deadline, task.date_deadline + timedelta(days=3)
        task.with_user(self.seller).date_deadline = new
        task.with_user(self.seller).date_deadline = new  # same value: no change
        log = self.logs(deadline_rule)
        self.assertEqual(len(log), 1)
        self.assertEqual(
            log.details,
            f"Deadline: {format_date(self.env, old)} → {format_date(self.env, new)}",
        )
        self.assertEqual(len(self.logs(state_rule)), 1)
        self.assertEqual(len(self.logs(any_rule)), 2)

    def test_reassign_notifies_new_assignee_with_both_names(self):
        rule = self.make_rule(
            event_code="task_changed",
            user_ids=[(5,)],
            is_to_task_assignee=True,
            is_task_change_assignee=True,
        )
        task = self.make_task(lead=self.make_lead())
        task.with_user(self.other_seller).action_accept()
        task.with_user(self.seller).action_reassign(self.director, "Olga is on leave")
        log = self.logs(rule)
        self.assertEqual(log.partner_id, self.director.partner_id)
        self.assertIn(f"Assignee: {self.other_seller.name} → {self.director.name}", log.details)
        self.assertIn("State: In Work → Assigned", log.details, "reassigned: to accept again")

    def test_recipient_who_cannot_read_the_task_gets_nothing(self):
        # the director may read every deal but not this task (not involved, not a CRM manager)
        rule = self.make_rule(event_code="task_created", user_ids=[(4, self.director.id)])
        self.make_task()
        log = self.logs(rule)
        self.dispatch()
        self.assertEqual((log.state, log.skip_reason), ("skipped", "no_access"))


@tagged("post_install", "-at_install")
class TestTaskDeadlines(TaskCase):
    def test_overdue_reported_once_per_deadline_even_when_moved(self):
        rule = self.make_rule(event_code="task_overdue", user_ids=[(5,)], is_to_task_assignee=True)
        with freeze_time("2030-01-10 08:00", ignore=FREEZE_IGNORE):
            task = self.make_task(deadline="2030-01-12")
        with freeze_time("2030-01-12 23:00", ignore=FREEZE_IGNORE):
            self.scan("task_overdue")
            self.assertFalse(self.logs(rule), "due today: not overdue yet")
        # the scan did not run for days (downtime): still reported, once
        with freeze_time("2030-01-16 08:00", ignore=FREEZE_IGNORE):
            self.scan("task_overdue")
            self.scan("task_overdue")
            log = self.logs(rule)
            self.assertEqual(len(log), 1)
            self.assertEqual(log.partner_id, self.other_seller.partner_id)
            self.assertIn("01/12/2030", log.details)  # the reader's format
            self.assertEqual(task.medcrm_notify_overdue_deadline.isoformat(), "2030-01-12")
            # a new deadline is a new occurrence ...
            task.with_user(self.seller).date_deadline = "2030-01-18"
        with freeze_time("2030-01-19 08:00", ignore=FREEZE_IGNORE):
            self.scan("task_overdue")
            self.assertEqual(len(self.logs(rule)), 2)
            # ... but moved back to a deadline already reported it is not sent again
            task.with_user(self.seller).date_deadline = "2030-01-12"
            self.scan("task_overdue")
        self.assertEqual(len(self.logs(rule)), 2)
        self.assertEqual(task.medcrm_notify_overdue_deadline.isoformat(), "2030-01-12")

    def test_overdue_turns_at_midnight_utc_for_every_assignee_with_the_flag(self):
        """A deadline is a date: its day ends at midnight UTC for an assignee in Moscow and one
        in Los Angeles alike, the moment the task's overdue flag turns (medcrm_deals refreshes
        it in a job run by OdooBot, whose days are UTC), so both always say the same."""
        self.env.ref("base.user_root").tz = False  # OdooBot as installed: no zone of its own
        self.other_seller.tz = "Europe/Moscow"  # UTC+3
        self.manager.tz = "America/Los_Angeles"  # UTC-8
        rule = self.make_rule(event_code="task_overdue", user_ids=[(5,)], is_to_task_assignee=True)
        with freeze_time("2030-01-10 08:00", ignore=FREEZE_IGNORE):
            tasks = self.make_task(deadline="2030-01-12") | self.make_task(
                deadline="2030-01-12", assignee=self.manager, name="Confirm the CT delivery date"
            )
        # 02:30 on the 13th in Moscow, 15:30 on the 12th in Los Angeles
        with freeze_time("2030-01-12 23:30", ignore=FREEZE_IGNORE):
            self.Task._cron_refresh_deadline_flags()
            self.scan("task_overdue")
            self.assertEqual(tasks.mapped("is_overdue"), [False, False])
            self.assertFalse(self.logs(rule))
        with freeze_time("2030-01-13 00:30", ignore=FREEZE_IGNORE):
            self.Task._cron_refresh_deadline_flags()
            self.scan("task_overdue")
            self.assertEqual(tasks.mapped("is_overdue"), [True, True])
        self.assertEqual(self.logs(rule).partner_id, (self.other_seller | self.manager).partner_id)

    def test_done_and_paused_tasks_are_not_reported(self):
        rule = self.make_rule(event_code="task_overdue")
        lead = self.make_lead()
        with freeze_time("2030-01-10 08:00", ignore=FREEZE_IGNORE):
            done = self.make_task(deadline="2030-01-12", name="Send the offer")
            done.with_user(self.other_seller).action_accept()
            done.with_user(self.other_seller).action_done()
            on_paused = self.make_task(
                deadline="2030-01-12", lead=lead, name="Call the chief engineer"
            )
            lead._medcrm_pause("2030-02-01", "Hospital budget frozen")
        with freeze_time("2030-01-20 08:00", ignore=FREEZE_IGNORE):
            self.scan("task_overdue")
            self.assertFalse(self.logs(rule))
            lead.action_medcrm_resume()
            self.scan("task_overdue")
        self.assertEqual(self.logs(rule).res_id, on_paused.id)

    def test_deadline_near_each_rule_at_its_own_hours(self):
        day = self.make_rule(event_code="task_deadline_near", deadline_hours=24)
        three_days = self.make_rule(
            event_code="task_deadline_near",
            deadline_hours=72,
            user_ids=[(5,)],
            is_to_task_assignee=True,
        )
        with freeze_time("2030-01-10 08:00", ignore=FREEZE_IGNORE):
            # due by the end of 2030-01-12 (UTC): 64 hours from now
            task = self.make_task(deadline="2030-01-12")
            self.scan("task_deadline_near")
            self.scan("task_deadline_near")
            self.assertFalse(self.logs(day))
            log = self.logs(three_days)
            self.assertEqual(len(log), 1)
            self.assertIn("in 64 h", log.details)
            self.assertFalse(task.medcrm_notify_near_deadline, "the 24-hour rule is still due")
        with freeze_time("2030-01-12 06:00", ignore=FREEZE_IGNORE):
            self.scan("task_deadline_near")
            self.scan("task_deadline_near")
        self.assertEqual(len(self.logs(day)), 1)
        self.assertEqual(len(self.logs(three_days)), 1)
        self.assertEqual(task.medcrm_notify_near_deadline.isoformat(), "2030-01-12")

    def test_deadline_near_not_sent_after_the_deadline(self):
        rule = self.make_rule(event_code="task_deadline_near", deadline_hours=24)
        with freeze_time("2030-01-10 08:00", ignore=FREEZE_IGNORE):
            task = self.make_task(deadline="2030-01-12")
        with freeze_time("2030-01-14 08:00", ignore=FREEZE_IGNORE):
            self.scan("task_deadline_near")
        self.assertFalse(self.logs(rule))
        self.assertEqual(task.medcrm_notify_near_deadline.isoformat(), "2030-01-12")

    def test_scan_in_batches_reads_each_task_once(self):
        rule = self.make_rule(event_code="task_overdue")
        with freeze_time("2030-01-10 08:00", ignore=FREEZE_IGNORE):
            tasks = self.make_task(deadline="2030-01-12", name="Task A") | self.make_task(
                deadline="2030-01-12", name="Task B"
            )
            tasks |= self.make_task(deadline="2030-01-12", name="Task C")
        with freeze_time("2030-01-20 08:00", ignore=FREEZE_IGNORE):
            count = len(self.Task._medcrm_notify_due_batch("task_overdue", limit=2))
            self.assertEqual(count, 2)
            self.assertEqual(len(self.logs(rule)), 2)
            # interrupted here: the next run continues with what is left
            count = len(self.Task._medcrm_notify_due_batch("task_overdue", limit=2))
            self.assertEqual(count, 1)
            count = len(self.Task._medcrm_notify_due_batch("task_overdue", limit=2))
            self.assertEqual(count, 0)
        self.assertEqual(set(self.logs(rule).mapped("res_id")), set(tasks.ids))

    def test_no_rule_no_scan(self):
        with freeze_time("2030-01-10 08:00", ignore=FREEZE_IGNORE):
            task = self.make_task(deadline="2030-01-12")
        with freeze_time("2030-01-20 08:00", ignore=FREEZE_IGNORE):
            self.assertEqual(self.scan("task_overdue"), 0)
        self.assertFalse(task.medcrm_notify_overdue_deadline)

    def test_scan_never_reads_the_whole_task_table(self):
        self.make_rule(event_code="task_overdue")
        self.env.flush_all()
        for event_code in ("task_overdue", "task_deadline_near"):
            query = self.Task._medcrm_notify_due_query(event_code, "2030-01-20", None, 500)
            self.cr.execute("SET LOCAL enable_seqscan = off")
            plan = "\n".join(row[0] for row in self.env.execute_query(SQL("EXPLAIN %s", query)))
            # an index bounds the scan (ours, or the deadline index; never the whole table)
            self.assertNotIn("Seq Scan on medcrm_task", plan)
            self.assertIn("Index", plan)
