# This test needs committed data on separate connections: commits are its point.
from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestConcurrentDispatch(TransactionCase):
    """Two workers dispatching at the same time, each on its own database connection.

    The data must be committed for the second connection to see it, so this test does not use
    the shared fixtures (they live in the test's uncommitted transaction) and removes what it
    committed afterwards."""

    def _cursor(self):
        cr = self.registry.cursor()
        # Fail instead of hanging if something unexpected waits for a lock.
        cr.execute("SET lock_timeout = '20s'")
        return cr

    def _cleanup(self, rule_id, partner_id):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["mail.message"].search(
                [("model", "=", "res.partner"), ("res_id", "=", partner_id)]
            ).unlink()
            env["medcrm.notify.log"].search([("rule_id", "=", rule_id)]).unlink()
            env["medcrm.notify.rule"].browse(rule_id).unlink()
            env["res.partner"].browse(partner_id).unlink()

    def test_two_cursors_dispatching_at_once_send_once(self):
        with self.registry.cursor() as cr:  # committed: visible to the other connections
            env = api.Environment(cr, SUPERUSER_ID, {})
            admin = env.ref("base.user_admin")
            rule = env["medcrm.notify.rule"].create(
                {
                    "name": "Concurrency check",
                    "event_code": "partner_created",
                    "domain": "[('name', '=', 'Concurrency Clinic')]",
                    "user_ids": [(4, admin.id)],
                    "company_id": False,
                }
            )
            partner = env["res.partner"].create({"name": "Concurrency Clinic", "is_company": True})
            log_id = env["medcrm.notify.log"].search([("rule_id", "=", rule.id)]).id
            rule_id, partner_id, admin_partner = rule.id, partner.id, admin.partner_id.id
        self.addCleanup(self._cleanup, rule_id, partner_id)
        self.assertTrue(log_id)

        cr_a, cr_b = self._cursor(), self._cursor()
        try:
            env_a = api.Environment(cr_a, SUPERUSER_ID, {})
            env_b = api.Environment(cr_b, SUPERUSER_ID, {})
            sent_a = env_a["medcrm.notify.log"]._dispatch_batch()
            # Worker A has sent but not committed yet; worker B runs now and must skip the row.
            sent_b = env_b["medcrm.notify.log"]._dispatch_batch()
            self.assertIn(log_id, sent_a.ids)
            self.assertNotIn(log_id, sent_b.ids)
            cr_a.commit()  # pylint: disable=invalid-commit
            cr_b.commit()  # pylint: disable=invalid-commit
            # B again, after A committed: the row is done.
            self.assertNotIn(log_id, env_b["medcrm.notify.log"]._dispatch_batch().ids)
            cr_b.commit()  # pylint: disable=invalid-commit
        finally:
            cr_a.close()
            cr_b.close()

        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            log = env["medcrm.notify.log"].browse(log_id)
            self.assertEqual((log.state, log.attempt_count), ("sent", 1))
            messages = env["mail.message"].search(
                [
                    ("model", "=", "res.partner"),
                    ("res_id", "=", partner_id),
                    ("message_type", "=", "user_notification"),
                    ("partner_ids", "in", [admin_partner]),
                ]
            )
            self.assertEqual(len(messages), 1)

    def test_cron_commits_and_rolled_back_emission_leaves_nothing(self):
        cr = self._cursor()
        try:
            env = api.Environment(cr, SUPERUSER_ID, {})
            rule = env["medcrm.notify.rule"].create(
                {
                    "name": "Cron check",
                    "event_code": "partner_created",
                    "domain": "[('name', 'like', 'Cron Clinic')]",
                    "user_ids": [(4, env.ref("base.user_admin").id)],
                    "company_id": False,
                }
            )
            partner = env["res.partner"].create({"name": "Cron Clinic", "is_company": True})
            cr.commit()  # pylint: disable=invalid-commit
            rule_id, partner_id = rule.id, partner.id
            self.addCleanup(self._cleanup, rule_id, partner_id)
            # A transaction that emits and then rolls back (e.g. a serialization failure).
            env["res.partner"].create({"name": "Cron Clinic (rolled back)", "is_company": True})
            cr.rollback()
            env["medcrm.notify.log"]._cron_dispatch()
            logs = env["medcrm.notify.log"].search([("rule_id", "=", rule_id)])
            self.assertEqual(logs.mapped("record_name"), ["Cron Clinic"])
            self.assertEqual(logs.state, "sent")
        finally:
            cr.close()

    def test_two_cursors_scanning_overdue_tasks_at_once_report_once(self):
        today = fields.Date.today()
        with self.registry.cursor() as cr:  # committed: visible to the other connections
            env = api.Environment(cr, SUPERUSER_ID, {})
            admin = env.ref("base.user_admin")
            # other rules of the event (demo data) stay out of this committed scan
            others = env["medcrm.notify.rule"].search([("event_code", "=", "task_overdue")])
            others.action_archive()
            other_ids = others.ids
            rule = env["medcrm.notify.rule"].create(
                {
                    "name": "Concurrent overdue scan",
                    "event_code": "task_overdue",
                    "domain": "[('name', '=', 'Concurrency task')]",
                    "user_ids": [(4, admin.id)],
                    "company_id": False,
                }
            )
            task = env["medcrm.task"].create(
                {
                    "name": "Concurrency task",
                    "user_id": admin.id,
                    "author_id": admin.id,
                    "date_set": fields.Datetime.now() - timedelta(days=10),
                    "date_deadline": today - timedelta(days=5),
                }
            )
            rule_id, task_id = rule.id, task.id
        self.addCleanup(self._cleanup_task, rule_id, task_id, other_ids)

        cr_a, cr_b = self._cursor(), self._cursor()
        try:
            env_a = api.Environment(cr_a, SUPERUSER_ID, {})
            env_b = api.Environment(cr_b, SUPERUSER_ID, {})
            env_a["medcrm.task"]._medcrm_notify_deadline_batch("task_overdue")
            # Scan A has reported the task but not committed; scan B skips the locked task.
            env_b["medcrm.task"]._medcrm_notify_deadline_batch("task_overdue")
            cr_a.commit()  # pylint: disable=invalid-commit
            cr_b.commit()  # pylint: disable=invalid-commit
            # B again, after A committed: the task's deadline is reported already.
            env_b["medcrm.task"]._medcrm_notify_deadline_batch("task_overdue")
            cr_b.commit()  # pylint: disable=invalid-commit
        finally:
            cr_a.close()
            cr_b.close()

        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            logs = env["medcrm.notify.log"].search([("rule_id", "=", rule_id)])
            self.assertEqual(len(logs), 1)
            self.assertEqual(logs.res_id, task_id)
            task = env["medcrm.task"].browse(task_id)
            self.assertEqual(task.medcrm_notify_overdue_deadline, task.date_deadline)

    def _cleanup_task(self, rule_id, task_id, other_rule_ids):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["medcrm.notify.rule"].browse(other_rule_ids).action_unarchive()
            env["mail.message"].search(
                [("model", "=", "medcrm.task"), ("res_id", "=", task_id)]
            ).unlink()
            env["medcrm.notify.log"].search([("rule_id", "=", rule_id)]).unlink()
            env["medcrm.task"].browse(task_id).unlink()
            env["medcrm.notify.rule"].browse(rule_id).unlink()
