import threading
import time

from psycopg2 import errors

from odoo import SUPERUSER_ID, Command, api
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestEntryConcurrentSubmit(TransactionCase):
    """Two real transactions (two database connections) submit the same committed entry.

    The data is committed in its own cursor, as a running server would have it; each submit runs
    in its own cursor, the second one in a thread, and the first one commits only once the second
    one waits on the entry's row lock. Cleaned up (committed) afterwards.
    """

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partner = env["res.partner"].create(
                {"name": "Regional Hospital (concurrency)", "is_company": True}
            )
            survey = env["survey.survey"].create(
                {
                    "title": "Concurrent submit check",
                    "access_mode": "public",
                    "question_and_page_ids": [
                        Command.create(
                            {
                                "title": "Contact name",
                                "question_type": "char_box",
                                "constr_mandatory": True,
                            }
                        )
                    ],
                }
            )
            entry = env["medcrm.survey.entry"].create(
                {"survey_id": survey.id, "partner_id": partner.id}
            )
            entry.line_ids.value_char = "Anna Petrova"
            self.ids = {"partner": partner.id, "survey": survey.id, "entry": entry.id}
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            # a submitted entry refuses deletion: make it a draft again to remove the test data
            cr.execute(
                "UPDATE medcrm_survey_entry SET state = 'draft', user_input_id = NULL "
                "WHERE id = %s",
                [self.ids["entry"]],
            )
            env["medcrm.survey.entry"].browse(self.ids["entry"]).unlink()
            env["survey.user_input"].search([("survey_id", "=", self.ids["survey"])]).unlink()
            env["survey.survey"].browse(self.ids["survey"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _answer_count(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            return env["survey.user_input"].search_count([("survey_id", "=", self.ids["survey"])])

    def _wait_until_blocked_on_lock(self, timeout=20):
        """Until a connection of this database waits on a lock (the second submit)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
                if cr.fetchone()[0]:
                    return True
            time.sleep(0.05)
        return False

    def _run_concurrently(self, second_submit):
        """Submit in transaction A, run ``second_submit(env_b)`` in a thread while A holds the
        lock, then commit A. Returns what the thread returned or raised."""
        outcome = {}

        def target():
            with self.registry.cursor() as cr_b:
                env_b = api.Environment(cr_b, SUPERUSER_ID, {})
                try:
                    outcome["result"] = second_submit(env_b)
                except Exception as exc:  # reported to the test thread
                    outcome["error"] = exc
                    cr_b.rollback()

        # the loser's failed row lock is logged by odoo.sql_db ("bad query"): expected here
        with mute_logger("odoo.sql_db"), self.registry.cursor() as cr_a:
            env_a = api.Environment(cr_a, SUPERUSER_ID, {})
            env_a["medcrm.survey.entry"].browse(self.ids["entry"]).action_submit()
            env_a.flush_all()
            thread = threading.Thread(target=target)
            thread.start()
            self.assertTrue(
                self._wait_until_blocked_on_lock(), "the second submit waits on the row lock"
            )
            # transaction A commits: the first submit wins; the second one goes on
            cr_a.commit()
            thread.join(60)
        self.assertFalse(thread.is_alive(), "the second submit finished")
        return outcome

    def test_concurrent_submit_retried_like_a_request_is_a_no_op(self):
        def submit(env_b):
            entry = env_b["medcrm.survey.entry"].browse(self.ids["entry"])
            # what the server does with an RPC / HTTP request: retry on a serialization failure
            retrying(entry.action_submit, env_b)
            return entry.state, entry.user_input_id.id

        outcome = self._run_concurrently(submit)
        self.assertNotIn("error", outcome)
        state, user_input_id = outcome["result"]
        self.assertEqual(state, "submitted")
        self.assertTrue(user_input_id)
        self.assertEqual(self._answer_count(), 1, "one survey answer, never two")

    def test_concurrent_submit_loser_gets_a_concurrency_error_not_a_second_answer(self):
        def submit(env_b):
            entry = env_b["medcrm.survey.entry"].browse(self.ids["entry"])
            entry.action_submit()
            env_b.flush_all()
            env_b.cr.commit()

        outcome = self._run_concurrently(submit)
        self.assertIsInstance(outcome.get("error"), errors.SerializationFailure)
        self.assertEqual(self._answer_count(), 1, "one survey answer, never two")
