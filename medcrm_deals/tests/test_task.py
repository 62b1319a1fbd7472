from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common_task import MedcrmTaskCase


@tagged("post_install", "-at_install")
class TestTaskWorkflow(MedcrmTaskCase):
    def _todo_activities(self, task, user):
        return task.activity_ids.filtered(lambda a: a.user_id == user)

    def test_full_workflow_accept_done_verify(self):
        task = self._create_task()
        self.assertEqual(task.state, "assigned")
        self.assertEqual(task.author_id, self.author)
        self.assertTrue(self._todo_activities(task, self.assignee), "assignee gets an activity")
        self.assertIn(self.assignee.partner_id, task.message_partner_ids)

        self._as(self.assignee, task).action_accept()
        self.assertEqual(task.state, "accepted")
        self.assertTrue(task.date_accepted)
        self._as(self.assignee, task).action_done()
        self.assertEqual(task.state, "done")
        self.assertTrue(task.date_done)
        self.assertFalse(self._todo_activities(task, self.assignee))
        verify_activity = self._todo_activities(task, self.author)
        self.assertEqual(len(verify_activity), 1, "the author is asked to verify")
        self.assertIn("Verify", verify_activity.summary)

        self._as(self.author, task).action_verify()
        self.assertEqual(task.state, "closed")
        self.assertTrue(task.date_closed)
        self.assertFalse(task.activity_ids)
        self.assertIn(self.assignee.partner_id, task.message_ids[0].partner_ids)

        log = task.transition_ids.sorted("id")
        self.assertEqual(log.mapped("kind"), ["create", "accept", "done", "verify"])
        self.assertEqual(
            log.mapped("state_to"), ["assigned", "accepted", "done", "closed"], "from/to kept"
        )
        self.assertEqual(log.mapped("user_id"), self.author | self.assignee | self.assignee)
        self.assertEqual(log[1].state_from, "assigned")

    def test_return_with_a_reason_sends_the_task_back_to_work(self):
        task = self._create_task()
        self._as(self.assignee, task).action_accept()
        self._as(self.assignee, task).action_done()
        wizard = Form(
            self.env["medcrm.task.transition.wizard"]
            .with_user(self.author)
            .with_context(default_task_id=task.id, default_mode="return")
        )
        wizard.reason = "The offer lacks the service terms"
        wizard.save().action_confirm()
        self.assertEqual(task.state, "accepted")
        self.assertEqual(task.return_count, 1)
        self.assertFalse(task.date_done)
        self.assertEqual(task.last_reason, "The offer lacks the service terms")
        self.assertTrue(self._todo_activities(task, self.assignee), "back on the assignee's list")
        self.assertFalse(self._todo_activities(task, self.author))
        last = task.transition_ids.sorted("id")[-1]
        self.assertEqual(
            (last.kind, last.state_from, last.state_to), ("return", "done", "accepted")
        )
        self.assertEqual(last.reason, "The offer lacks the service terms")
        # finish and verify
        self._as(self.assignee, task).action_done()
        self._as(self.author, task).action_verify()
        self.assertEqual(task.state, "closed")

    def test_return_without_reason_is_refused(self):
        task = self._create_task()
        self._as(self.assignee, task).action_accept()
        self._as(self.assignee, task).action_done()
        with self.assertRaisesRegex(UserError, "needs a reason"):
            self._as(self.author, task).action_return("   ")
        self.assertEqual(task.state, "done")
        self.assertEqual(task.return_count, 0)

    def test_accepting_a_task_not_yours_is_refused(self):
        task = self._create_task()
        for user in (self.author, self.deal_owner, self.user_manager):
            with self.assertRaisesRegex(UserError, "Only the assignee .* can accept"):
                self._as(user, task).action_accept()
        self.assertEqual(task.state, "assigned")
        self.assertEqual(len(task.transition_ids), 1)

    def test_only_the_assignee_marks_done_and_only_once_accepted(self):
        task = self._create_task()
        with self.assertRaisesRegex(UserError, "cannot be marked as done now"):
            self._as(self.assignee, task).action_done()
        self._as(self.assignee, task).action_accept()
        with self.assertRaisesRegex(UserError, "Only the assignee"):
            self._as(self.author, task).action_done()
        self.assertEqual(task.state, "accepted")

    def test_verifying_your_own_task_as_assignee_is_refused(self):
        task = self._create_task()
        self._as(self.assignee, task).action_accept()
        self._as(self.assignee, task).action_done()
        with self.assertRaisesRegex(UserError, "Only the author .* can verify"):
            self._as(self.assignee, task).action_verify()
        with self.assertRaisesRegex(UserError, "Only the author .* can return"):
            self._as(self.assignee, task).action_return("Done, really")
        with self.assertRaisesRegex(UserError, "Only the author .* can reassign"):
            self._as(self.assignee, task).action_reassign(self.colleague, "Busy")
        with self.assertRaisesRegex(UserError, "Only the author .* can cancel"):
            self._as(self.assignee, task).action_cancel()
        self.assertEqual(task.state, "done")

    def test_a_task_set_to_yourself_goes_through_the_same_steps(self):
        task = self._create_task(assignee=self.author)
        me = self._as(self.author, task)
        me.action_accept()
        me.action_done()
        me.action_verify()
        self.assertEqual(task.state, "closed")

    def test_closing_a_task_never_done_is_refused(self):
        task = self._create_task()
        with self.assertRaisesRegex(UserError, "has not been done yet"):
            self._as(self.author, task).action_verify()
        self._as(self.assignee, task).action_accept()
        with self.assertRaisesRegex(UserError, "has not been done yet"):
            self._as(self.author, task).action_verify()
        with self.assertRaisesRegex(UserError, "cannot be returned now"):
            self._as(self.author, task).action_return("Not yet done")
        self.assertEqual(task.state, "accepted")

    @freeze_time("2026-03-10 09:00:00")
    def test_deadline_before_creation_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "deadline 03/09/2026 is before the day"):
            self._create_task(date_deadline="2026-03-09")
        task = self._create_task(date_deadline="2026-03-10")
        with self.assertRaisesRegex(ValidationError, "Choose a deadline on or after"):
            self._as(self.author, task).date_deadline = "2026-03-01"
        task.invalidate_recordset()
        self.assertEqual(str(task.date_deadline), "2026-03-10")

    def test_reassign_needs_an_active_internal_user_and_a_reason(self):
        task = self._create_task()
        as_author = self._as(self.author, task)
        with self.assertRaisesRegex(ValidationError, "Arkady Archived cannot be the assignee"):
            as_author.action_reassign(self.archived_user, "On leave")
        with self.assertRaisesRegex(ValidationError, "Pavel Portal cannot be the assignee"):
            as_author.action_reassign(self.portal_user, "Customer does it")
        with self.assertRaisesRegex(UserError, "needs a reason"):
            as_author.action_reassign(self.colleague, "")
        with self.assertRaisesRegex(UserError, "already the assignee"):
            as_author.action_reassign(self.assignee, "Same")
        with self.assertRaisesRegex(UserError, "needs the new assignee"):
            as_author.action_reassign(self.env["res.users"], "Nobody")
        self.assertEqual(task.user_id, self.assignee)
        self.assertEqual(task.reassign_count, 0)

    def test_reassigned_task_must_be_accepted_by_the_new_assignee(self):
        task = self._create_task()
        self._as(self.assignee, task).action_accept()
        wizard = Form(
            self.env["medcrm.task.transition.wizard"]
            .with_user(self.author)
            .with_context(default_task_id=task.id, default_mode="reassign")
        )
        wizard.user_id = self.colleague
        wizard.reason = "Olga is on a business trip"
        wizard.save().action_confirm()
        self.assertEqual(task.state, "assigned")
        self.assertEqual(task.user_id, self.colleague)
        self.assertEqual(task.reassign_count, 1)
        self.assertFalse(task.date_accepted)
        self.assertFalse(self._todo_activities(task, self.assignee))
        self.assertTrue(self._todo_activities(task, self.colleague))
        last = task.transition_ids.sorted("id")[-1]
        self.assertEqual(last.kind, "reassign")
        self.assertEqual(last.assignee_from_id, self.assignee)
        self.assertEqual(last.assignee_to_id, self.colleague)
        self.assertEqual(last.reason, "Olga is on a business trip")
        with self.assertRaisesRegex(UserError, "Only the assignee"):
            self._as(self.assignee, task).action_accept()
        self._as(self.colleague, task).action_accept()
        self.assertEqual(task.state, "accepted")

    def test_cancel_by_the_author_only_and_cancelled_tasks_are_frozen(self):
        task = self._create_task()
        with self.assertRaisesRegex(UserError, "Only the author"):
            self._as(self.assignee, task).action_cancel()
        self._as(self.author, task).action_cancel("The customer postponed the tender")
        self.assertEqual(task.state, "cancelled")
        self.assertFalse(task.activity_ids)
        with self.assertRaisesRegex(UserError, "cannot be cancelled now"):
            self._as(self.author, task).action_cancel()
        with self.assertRaisesRegex(UserError, "cannot be accepted now"):
            self._as(self.assignee, task).action_accept()
        with self.assertRaisesRegex(UserError, "cannot be edited"):
            self._as(self.author, task).name = "Renamed"

    def test_state_and_people_change_only_through_the_buttons(self):
        task = self._create_task()
        with self.assertRaisesRegex(UserError, "change only through its buttons"):
            self._as(self.assignee, task).write({"state": "closed"})
        with self.assertRaisesRegex(UserError, "change only through its buttons"):
            self._as(self.author, task).write({"user_id": self.colleague.id})
        self.assertEqual(task.state, "assigned")
        task_by_other = (
            self.env["medcrm.task"]
            .with_user(self.assignee)
            .create(
                {
                    "name": "T Forged author",
                    "user_id": self.colleague.id,
                    "author_id": self.user_manager.id,
                    "state": "closed",
                }
            )
        )
        self.assertEqual(task_by_other.author_id, self.assignee, "the author is the creator")
        self.assertEqual(task_by_other.state, "assigned")

    def test_a_portal_or_archived_assignee_is_refused_at_creation(self):
        with self.assertRaisesRegex(ValidationError, "only active internal users"):
            self._create_task(assignee=self.portal_user)
        with self.assertRaisesRegex(ValidationError, "only active internal users"):
            self._create_task(assignee=self.archived_user)

    def test_deal_card_counts_open_tasks_and_opens_them(self):
        first = self._create_task()
        self._create_task(name="T Second")
        self._as(self.author, first).action_cancel()
        self.assertEqual(self.deal.medcrm_task_count, 1)
        action = self.deal.action_medcrm_open_tasks()
        self.assertEqual(action["res_model"], "medcrm.task")
        self.assertEqual(action["context"]["default_lead_id"], self.deal.id)
        self.assertEqual(len(self.env["medcrm.task"].search(action["domain"])), 2)

    @freeze_time("2026-03-02 09:00:00")
    def test_moving_the_deadline_moves_the_assignee_activity(self):
        task = self._create_task(date_deadline="2026-03-10")
        activity = self._todo_activities(task, self.assignee)
        self.assertEqual(str(activity.date_deadline), "2026-03-10")
        self._as(self.author, task).date_deadline = "2026-03-12"
        self.assertEqual(str(activity.date_deadline), "2026-03-12")

    def test_task_and_interaction_views_open_for_a_salesperson(self):
        for model, action_xmlid in (
            ("medcrm.task", "medcrm_deals.medcrm_task_action_my"),
            ("medcrm.task", "medcrm_deals.medcrm_task_action_set"),
            ("medcrm.task", "medcrm_deals.medcrm_task_action_verify"),
            ("medcrm.task.transition", "medcrm_deals.medcrm_task_transition_action"),
            ("medcrm.interaction", "medcrm_deals.medcrm_interaction_action"),
        ):
            action = self.env.ref(action_xmlid)
            view_types = action.view_mode.split(",") + ["search"]
            views = (
                self.env[model]
                .with_user(self.assignee)
                .get_views([(False, view_type) for view_type in view_types])
            )
            self.assertEqual(set(views["views"]), set(view_types), action_xmlid)
        deal_form = self.deal.with_user(self.deal_owner).get_views([(False, "form")])
        arch = deal_form["views"]["form"]["arch"]
        for name in ("action_medcrm_log_call", "medcrm_task_ids", "medcrm_private_note_ids"):
            self.assertIn(name, arch)
