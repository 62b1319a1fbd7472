"""Wrong types in public methods and over-long codes get a refusal that names the argument.

An integrator's script calls these methods over RPC with whatever its language sends; what it
gets back must say which argument is wrong and what is expected, and nothing is written.
tests/test_fuzz_rpc.py sends such junk to every public method over real XML-RPC; these tests
pin the methods it found broken.
"""

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common_task import MedcrmTaskCase


@tagged("post_install", "-at_install")
class TestRpcArguments(MedcrmTaskCase):
    def test_reassign_to_a_user_given_by_name_is_refused_naming_the_argument(self):
        task = self._create_task()
        as_author = self._as(self.author, task)
        for junk in ("Kira Colleague", 0, -5, {"id": self.colleague.id}, [1, 2], 10**9):
            with self.assertRaisesRegex(UserError, "Assignee \\(“user”\\)"):
                as_author.action_reassign(junk, "Busy")
        self.assertEqual(task.user_id, self.assignee)
        # what integrators do send: an id, or the one-id list a many2one reads back as
        as_author.action_reassign([self.colleague.id], "Busy")
        self.assertEqual(task.user_id, self.colleague)

    def test_task_reasons_must_be_text(self):
        task = self._create_task()
        with self.assertRaisesRegex(UserError, "Reason \\(“reason”\\): expected text"):
            self._as(self.author, task).action_reassign(self.colleague.id, {"why": "busy"})
        with self.assertRaisesRegex(UserError, "“reason”.*at most 10000 characters"):
            self._as(self.author, task).action_cancel("x" * 100_000)
        self.assertEqual(task.state, "assigned")

    @freeze_time("2026-03-02 10:00:00")
    def test_pause_with_a_date_or_reason_of_the_wrong_type_is_refused(self):
        lead = self._create_deal()
        for junk in ("next week", "31/02/2026", 20260401, [2026, 4, 1], "x" * 100_000):
            with self.assertRaisesRegex(UserError, "Paused Until \\(“date_until”\\)"):
                lead.action_medcrm_pause(junk, "Budget in spring")
        for junk in (42, {"text": "budget"}, ["budget"]):
            with self.assertRaisesRegex(UserError, "Pause Reason \\(“reason”\\)"):
                lead.action_medcrm_pause("2026-04-01", junk)
        self.assertFalse(lead.is_paused)
        self.assertFalse(lead.pause_ids)
        lead.action_medcrm_pause("2026-04-01", "  Budget in spring ")
        self.assertEqual(lead.pause_reason, "Budget in spring")

    @freeze_time("2026-03-02 10:00:00")
    def test_pause_fields_are_written_only_by_the_pause_actions(self):
        lead = self._create_deal(user_id=self.user_salesman.id)
        as_owner = lead.with_user(self.user_salesman)
        for vals in ({"is_paused": True}, {"paused_until": "2026-04-01"}, {"pause_count": 7}):
            with self.assertRaisesRegex(UserError, "only with its Pause and Resume actions"):
                as_owner.write(vals)
        with self.assertRaisesRegex(UserError, "is_paused, paused_until: a deal is paused"):
            self.env["crm.lead"].with_user(self.user_salesman).create(
                {"name": "T Forged pause", "is_paused": True, "paused_until": "2000-01-01"}
            )
        self.assertFalse(lead.is_paused)
        as_owner.action_medcrm_pause("2026-04-01", "Budget in spring")
        self.assertTrue(lead.is_paused)
        as_owner.action_medcrm_resume()
        self.assertFalse(lead.is_paused)
        self.assertEqual(lead.pause_count, 1)

    def test_codes_and_names_are_bounded_with_a_clear_message(self):
        for model in (
            "medcrm.deal.kind",
            "medcrm.sales.channel",
            "medcrm.participant.role",
            "medcrm.document.type",
            "medcrm.interaction.type",
        ):
            Model = self.env[model]
            with self.subTest(model=model):
                with self.assertRaisesRegex(ValidationError, "Code: at most 32 characters"):
                    Model.create({"name": "T Long code", "code": "C" * 100_000})
                record = Model.create({"name": "N" * 128, "code": "C" * 32})
                with self.assertRaisesRegex(ValidationError, "Name: at most 128 characters"):
                    record.write({"name": "N" * 129})
                self.assertEqual(record.name, "N" * 128)
