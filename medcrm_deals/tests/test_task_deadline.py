from freezegun import freeze_time

from odoo.tests import tagged

from .common_task import MedcrmTaskCase


@tagged("post_install", "-at_install")
class TestTaskDeadline(MedcrmTaskCase):
    def _set_tasks(self, count, deadline):
        with freeze_time("2026-03-02 09:00:00"):
            tasks = (
                self.env["medcrm.task"]
                .with_user(self.author)
                .create(
                    [
                        {
                            "name": f"T Task {index}",
                            "user_id": self.assignee.id,
                            "date_deadline": deadline,
                        }
                        for index in range(count)
                    ]
                )
            )
            tasks.flush_recordset()
            return tasks

    def test_flags_follow_the_deadline_and_the_configured_window(self):
        with freeze_time("2026-03-02 09:00:00"):
            soon = self._create_task(date_deadline="2026-03-03")
            later = self._create_task(date_deadline="2026-03-10")
            no_deadline = self._create_task()
            self.assertTrue(soon.is_deadline_near)
            self.assertFalse(soon.is_overdue)
            self.assertFalse(later.is_deadline_near)
            self.assertFalse(no_deadline.is_deadline_near or no_deadline.is_overdue)
        self.env["ir.config_parameter"].set_param("medcrm_deals.task_deadline_near_days", "10")
        with freeze_time("2026-03-02 10:00:00"):
            self.env["medcrm.task"]._cron_refresh_deadline_flags()
            self.assertTrue(later.is_deadline_near, "within the 10-day window now")
        with freeze_time("2026-03-04 08:00:00"):
            self.env["medcrm.task"]._cron_refresh_deadline_flags()
            self.assertTrue(soon.is_overdue)
            self.assertFalse(soon.is_deadline_near)
            overdue = self.env["medcrm.task"].search([("is_overdue", "=", True)])
            self.assertIn(soon, overdue)
            self.assertNotIn(later, overdue)
            # done tasks are not overdue any more
            self._as(self.assignee, soon).action_accept()
            self._as(self.assignee, soon).action_done()
            self.assertFalse(soon.is_overdue)

    def test_cron_processes_a_batch_larger_than_its_chunk(self):
        tasks = self._set_tasks(7, "2026-03-05")
        self.assertFalse(any(tasks.mapped("is_overdue")))
        Task = self.env["medcrm.task"]
        with freeze_time("2026-03-09 08:00:00"):
            # Odoo reruns the cron while it reports work remaining (after a commit)
            self.assertEqual(Task._cron_refresh_deadline_flags(chunk_size=3), 4)
            self.assertEqual(Task._cron_refresh_deadline_flags(chunk_size=3), 1)
            self.assertEqual(Task._cron_refresh_deadline_flags(chunk_size=3), 0)
            tasks.invalidate_recordset()
            self.assertTrue(all(tasks.mapped("is_overdue")))
            # idempotent: nothing stale is left, a rerun changes nothing
            self.assertEqual(Task._cron_refresh_deadline_flags(chunk_size=3), 0)
            self.assertFalse(Task.search(Task._medcrm_stale_flags_domain()))

    def test_cron_query_budget_per_chunk(self):
        self._set_tasks(20, "2026-03-05")
        Task = self.env["medcrm.task"]
        with freeze_time("2026-03-09 08:00:00"):
            Task._medcrm_near_days()  # warm the parameter cache
            self.env.flush_all()
            with self.assertQueryCount(3):  # search, update of the flags, count of what remains
                Task._cron_refresh_deadline_flags(chunk_size=10)

    def test_my_tasks_query_budget(self):
        self._set_tasks(15, "2026-03-20")
        Task = self.env["medcrm.task"].with_user(self.assignee)
        fields_list = [
            "priority",
            "name",
            "lead_id",
            "author_id",
            "user_id",
            "date_deadline",
            "state",
            "is_overdue",
        ]
        domain = [("user_id", "=", self.assignee.id), ("state", "in", ("assigned", "accepted"))]
        Task.search_read(domain, fields_list, limit=80)  # warm caches
        self.env.invalidate_all()
        with self.assertQueryCount(3):  # search, read, names of the links
            records = Task.search_read(domain, fields_list, limit=80)
        self.assertEqual(len(records), 15)

    def test_cron_clears_flags_that_time_or_settings_made_wrong(self):
        self.env["ir.config_parameter"].set_param("medcrm_deals.task_deadline_near_days", "10")
        with freeze_time("2026-03-02 09:00:00"):
            near = self._create_task(date_deadline="2026-03-09")
            self.assertTrue(near.is_deadline_near)
        # a shorter window: the approaching flag of a deadline now outside it is cleared
        self.env["ir.config_parameter"].set_param("medcrm_deals.task_deadline_near_days", "2")
        Task = self.env["medcrm.task"]
        with freeze_time("2026-03-02 10:00:00"):
            self.assertIn(near, Task.search(Task._medcrm_stale_flags_domain()))
            self.assertEqual(Task._cron_refresh_deadline_flags(), 0)
            self.assertFalse(near.is_deadline_near, "the ORM cache follows the SQL update")
        # a flag set on a later day (a timezone ahead) is taken back on the deadline day
        with freeze_time("2026-03-10 09:00:00"):
            Task._cron_refresh_deadline_flags()
            self.assertTrue(near.is_overdue)
        with freeze_time("2026-03-09 09:00:00"):
            Task._cron_refresh_deadline_flags()
            self.assertFalse(near.is_overdue)
            self.assertTrue(near.is_deadline_near)
            self.assertFalse(Task.search(Task._medcrm_stale_flags_domain()))
