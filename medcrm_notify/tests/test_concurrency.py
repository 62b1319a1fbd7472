# This test needs committed data on separate connections: commits are its point.
from collections import Counter
from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from .common import free_port, real_smtp, start_sink

ADMIN_EMAIL = "notify-admin@example.com"


@tagged("post_install", "-at_install")
class TestConcurrentDispatch(TransactionCase):
    """Two workers dispatching at the same time, each on its own database connection, and a
    worker that dies in the middle of sending.

    The data must be committed for the second connection to see it, so this test does not use
    the shared fixtures (they live in the test's uncommitted transaction) and removes what it
    committed afterwards."""

    def _cursor(self):
        cr = self.registry.cursor()
        # Fail instead of hanging if something unexpected waits for a lock.
        cr.execute("SET lock_timeout = '20s'")
        return cr

    def _commit_rule_and_record(self, event_code, model, record_vals, **rule_vals):
        """Commit a rule of ``event_code`` notifying the admin (the event's other rules, e.g. of
        the demo data, archived meanwhile) and a record of ``model`` that the rule matches; all
        removed when the test ends. Return (rule id, record id, log ids of the record)."""
        with self.registry.cursor() as cr:  # committed: visible to the other connections
            env = api.Environment(cr, SUPERUSER_ID, {})
            others = env["medcrm.notify.rule"].search([("event_code", "=", event_code)])
            others.action_archive()
            rule = env["medcrm.notify.rule"].create(
                {
                    "name": f"Concurrency check: {record_vals['name']}",
                    "event_code": event_code,
                    "domain": repr([("name", "=", record_vals["name"])]),
                    "user_ids": [(4, env.ref("base.user_admin").id)],
                    "company_id": False,
                    **rule_vals,
                }
            )
            record = env[model].create(record_vals)
            logs = env["medcrm.notify.log"].search([("rule_id", "=", rule.id)])
            ids = rule.id, record.id, logs.ids
            self.addCleanup(self._cleanup, model, *ids[:2], others.ids)
        return ids

    def _cleanup(self, model, rule_id, record_id, other_rule_ids):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["medcrm.notify.rule"].browse(other_rule_ids).action_unarchive()
            # the record's messages, and with them the emails sent about it
            env["mail.message"].search([("model", "=", model), ("res_id", "=", record_id)]).unlink()
            env["medcrm.notify.log"].search([("rule_id", "=", rule_id)]).unlink()
            env[model].browse(record_id).unlink()
            env["medcrm.notify.rule"].browse(rule_id).unlink()

    def _commit_smtp_sink(self):
        """Commit an outgoing server on a loopback SMTP sink (the only active one) and an email
        address for the admin, deliver what was due before (the demo data's notifications), and
        restore all of it when the test ends. Return the sink."""
        sink, controller = start_sink(free_port())
        self.addCleanup(controller.stop)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            others = env["ir.mail_server"].search([])
            others.active = False
            server = env["ir.mail_server"].create(
                {
                    "name": "Loopback sink (committed)",
                    "smtp_host": "127.0.0.1",
                    "smtp_port": controller.port,
                    "smtp_encryption": "none",
                }
            )
            admin_partner = env.ref("base.user_admin").partner_id
            old_email = admin_partner.email
            admin_partner.email = ADMIN_EMAIL
            cr.commit()  # pylint: disable=invalid-commit
            with real_smtp():
                env["medcrm.notify.log"]._cron_dispatch()
            self.addCleanup(self._restore_smtp, server.id, others.ids, admin_partner.id, old_email)
        return sink

    def _commit_email_case(self, name, **rule_vals):
        """A committed email rule, a record it matches and the loopback SMTP sink: return the
        sink, the number of messages it had before, the record's id and its log row's id."""
        sink = self._commit_smtp_sink()
        _rule_id, partner_id, [log_id] = self._commit_rule_and_record(
            "partner_created",
            "res.partner",
            {"name": name, "is_company": True},
            is_channel_inbox=False,
            is_channel_email=True,
            **rule_vals,
        )
        return sink, len(sink.received), partner_id, log_id

    def _restore_smtp(self, server_id, other_ids, admin_partner_id, old_email):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["ir.mail_server"].browse(server_id).unlink()
            env["ir.mail_server"].browse(other_ids).active = True
            env["res.partner"].browse(admin_partner_id).email = old_email

    def test_two_cursors_dispatching_at_once_send_once(self):
        _rule_id, partner_id, [log_id] = self._commit_rule_and_record(
            "partner_created", "res.partner", {"name": "Concurrency Clinic", "is_company": True}
        )

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
                    ("partner_ids", "in", log.partner_id.ids),
                ]
            )
            self.assertEqual(len(messages), 1)

    def test_cron_commits_and_rolled_back_emission_leaves_nothing(self):
        rule_id, _partner_id, _logs = self._commit_rule_and_record(
            "partner_created",
            "res.partner",
            {"name": "Cron Clinic", "is_company": True},
            domain="[('name', 'like', 'Cron Clinic')]",
        )
        cr = self._cursor()
        try:
            env = api.Environment(cr, SUPERUSER_ID, {})
            # A transaction that emits and then rolls back (e.g. a serialization failure).
            env["res.partner"].create({"name": "Cron Clinic (rolled back)", "is_company": True})
            cr.rollback()
            env["medcrm.notify.log"]._cron_dispatch()
            logs = env["medcrm.notify.log"].search([("rule_id", "=", rule_id)])
            self.assertEqual(logs.mapped("record_name"), ["Cron Clinic"])
            self.assertEqual(logs.state, "sent")
        finally:
            cr.close()

    def test_email_interrupted_after_smtp_accepted_it_is_resent_with_same_message_id(self):
        sink, before, partner_id, log_id = self._commit_email_case("Interrupted Clinic")
        # Worker A commits the email and the row "sending" before SMTP, then dies.
        first_copy = self._send_then_die(
            log_id, lambda log: log._deliver(commit_before_smtp=True), sink, before
        )

        # The next run finds the row "sending" and resends the same email.
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            log = env["medcrm.notify.log"].browse(log_id)
            self.assertEqual(log.state, "sending")
            mail = log.mail_id
            self.assertEqual(mail.message_id, first_copy)
            with real_smtp():
                env["medcrm.notify.log"]._cron_dispatch()
            log.invalidate_recordset()
            self.assertEqual((log.state, log.attempt_count), ("sent", 2))
            self.assertEqual(log.mail_id, mail, "the same mail.mail, not a new one")
            self.assertEqual(mail.state, "sent")
            self.assertIn("Interrupted while being sent", log.note)
            self.assertIn(first_copy, log.note)
            # Another run sends nothing more.
            with real_smtp():
                env["medcrm.notify.log"]._cron_dispatch()
            mails = env["mail.mail"].search(
                [("model", "=", "res.partner"), ("res_id", "=", partner_id)]
            )
            self.assertEqual(mails, mail)
        self.assertSentTwiceOthersOnce(sink, before, first_copy)

    def test_digest_interrupted_after_smtp_accepted_it_is_resent_with_same_message_id(self):
        sink, before, _partner_id, log_id = self._commit_email_case(
            "Digest Clinic", digest_mode="hourly"
        )
        with self.registry.cursor() as cr:  # the hour is over: the digest is due
            cr.execute(
                "UPDATE medcrm_notify_log SET date_next_try = date_next_try - interval '2 hours' "
                "WHERE id = %s",
                [log_id],
            )
        # Worker A commits the summary email before SMTP, then dies.
        first_copy = self._send_then_die(
            log_id,
            lambda log: log._deliver_digest(fields.Datetime.now(), commit_before_smtp=True),
            sink,
            before,
        )

        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            log = env["medcrm.notify.log"].browse(log_id)
            self.assertEqual((log.state, log.mail_id.message_id), ("digest", first_copy))
            with real_smtp():
                env["medcrm.notify.log"]._cron_digest()
                env["medcrm.notify.log"]._cron_digest()
            log.invalidate_recordset()
            self.assertEqual((log.state, log.mail_id.message_id), ("sent", first_copy))
            self.assertIn("Interrupted while being sent", log.note)
        self.assertSentTwiceOthersOnce(sink, before, first_copy)

    def _send_then_die(self, log_id, send, sink, before):
        """Worker A: ``send(log)`` commits the email (its Message-ID) before SMTP, the server
        accepts the message, then A dies before committing the outcome. Return the Message-ID
        the server got."""
        cr_a = self._cursor()
        try:
            log_a = api.Environment(cr_a, SUPERUSER_ID, {})["medcrm.notify.log"].browse(log_id)
            with real_smtp():
                send(log_a)
            self.assertEqual(log_a.state, "sent", "sent in A's transaction, never committed")
            cr_a.rollback()
        finally:
            cr_a.close()
        self.assertEqual(len(sink.received), before + 1, "the SMTP server got the message")
        return sink.message_ids()[-1]

    def assertSentTwiceOthersOnce(self, sink, before, message_id):
        """Since ``before``, the SMTP server got ``message_id`` twice (one Message-ID: the
        receiving side drops the copy) and every other message once."""
        received = Counter(sink.message_ids()[before:])
        self.assertEqual(received.pop(message_id), 2, "two copies, one Message-ID")
        self.assertLessEqual(max(received.values(), default=1), 1, "nothing else twice")

    def test_email_being_sent_is_not_taken_by_another_worker(self):
        sink, before, _partner_id, log_id = self._commit_email_case("Busy Clinic")
        cr_a, cr_b = self._cursor(), self._cursor()
        try:
            env_a = api.Environment(cr_a, SUPERUSER_ID, {})
            env_b = api.Environment(cr_b, SUPERUSER_ID, {})
            log_a = env_a["medcrm.notify.log"].browse(log_id)
            # A's first step, as in the cron: the email committed, the row "sending" and locked.
            self.assertFalse(log_a._prepare_email(fields.Datetime.now()))
            cr_a.commit()  # pylint: disable=invalid-commit
            self.assertTrue(log_a._lock_rows(SQL("state = 'sending'")))
            # B runs while A talks to the SMTP server: it leaves A's row alone.
            with real_smtp():
                self.assertNotIn(log_id, env_b["medcrm.notify.log"]._dispatch_batch().ids)
            cr_b.rollback()
            with real_smtp():
                self.assertFalse(log_a._send_prepared_email())
            log_a.write({"state": "sent", "date_done": fields.Datetime.now()})
            cr_a.commit()  # pylint: disable=invalid-commit
            with real_smtp():
                self.assertNotIn(log_id, env_b["medcrm.notify.log"]._dispatch_batch().ids)
            cr_b.commit()  # pylint: disable=invalid-commit
        finally:
            cr_a.close()
            cr_b.close()
        self.assertEqual(len(sink.received), before + 1, "sent once")

    def test_two_cursors_scanning_overdue_tasks_at_once_report_once(self):
        today = fields.Date.today()
        admin_id = self.env.ref("base.user_admin").id
        rule_id, task_id, _logs = self._commit_rule_and_record(
            "task_overdue",
            "medcrm.task",
            {
                "name": "Concurrency task",
                "user_id": admin_id,
                "author_id": admin_id,
                "date_set": fields.Datetime.now() - timedelta(days=10),
                "date_deadline": today - timedelta(days=5),
            },
        )

        cr_a, cr_b = self._cursor(), self._cursor()
        try:
            env_a = api.Environment(cr_a, SUPERUSER_ID, {})
            env_b = api.Environment(cr_b, SUPERUSER_ID, {})
            env_a["medcrm.task"]._medcrm_notify_due_batch("task_overdue")
            # Scan A has reported the task but not committed; scan B skips the locked task.
            env_b["medcrm.task"]._medcrm_notify_due_batch("task_overdue")
            cr_a.commit()  # pylint: disable=invalid-commit
            cr_b.commit()  # pylint: disable=invalid-commit
            # B again, after A committed: the task's deadline is reported already.
            env_b["medcrm.task"]._medcrm_notify_due_batch("task_overdue")
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
