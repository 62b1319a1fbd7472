from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_task import MedcrmTaskCase


@tagged("post_install", "-at_install")
class TestTaskSecurity(MedcrmTaskCase):
    def test_task_visible_to_assignee_author_deal_salesperson_and_managers(self):
        task = self._create_task()
        for user in (self.author, self.assignee, self.deal_owner, self.user_manager):
            self.assertEqual(
                self.env["medcrm.task"].with_user(user).search([("id", "=", task.id)]),
                task,
                f"{user.name} sees the task",
            )
            self.assertTrue(
                self.env["medcrm.task.transition"]
                .with_user(user)
                .search([("task_id", "=", task.id)])
            )
        for user in (self.outsider, self.user_all_leads):
            self.assertFalse(
                self.env["medcrm.task"].with_user(user).search([("id", "=", task.id)]),
                f"{user.name} does not see the task",
            )
            with self.assertRaises(AccessError):
                self._as(user, task).read(["name"])

    def test_transition_log_cannot_be_written_by_users(self):
        task = self._create_task()
        log = task.transition_ids
        with self.assertRaises(AccessError):
            log.with_user(self.author).write({"reason": "rewritten"})
        with self.assertRaises(AccessError):
            self.env["medcrm.task.transition"].with_user(self.author).create(
                {
                    "task_id": task.id,
                    "kind": "verify",
                    "user_id": self.author.id,
                    "date": "2026-01-01 00:00:00",
                    "state_to": "closed",
                }
            )

    def test_private_notes_are_readable_by_their_author_only(self):
        Note = self.env["medcrm.private.note"]
        note = Note.with_user(self.deal_owner).create(
            {"lead_id": self.deal.id, "body": "T The chief physician prefers brand X"}
        )
        self.assertEqual(note.user_id, self.deal_owner)
        self.assertEqual(
            self.deal.with_user(self.deal_owner).medcrm_private_note_ids,
            note.with_user(self.deal_owner),
        )
        admin = self.env.ref("base.user_admin")
        for user in (self.user_manager, self.user_all_leads, admin):
            self.env.invalidate_all()  # each user reads in a request of their own
            self.assertFalse(
                Note.with_user(user).search([("lead_id", "=", self.deal.id)]),
                f"{user.name} cannot find the note",
            )
            self.assertFalse(self.deal.with_user(user).medcrm_private_note_ids)
            with self.assertRaises(AccessError):
                note.with_user(user).read(["body"])
            with self.assertRaises(AccessError):
                note.with_user(user).write({"body": "changed"})

    def test_a_private_note_is_always_written_in_your_own_name(self):
        note = (
            self.env["medcrm.private.note"]
            .with_user(self.deal_owner)
            .create({"lead_id": self.deal.id, "body": "T Mine", "user_id": self.user_manager.id})
        )
        self.assertEqual(note.user_id, self.deal_owner)

    def test_merging_deals_keeps_their_tasks_interactions_and_notes(self):
        task = self._create_task()
        other = self._create_deal(name="T MRI duplicate", user_id=self.deal_owner.id)
        other_task = self._create_task(name="T Duplicate task")
        other_task.sudo().lead_id = other
        interaction = (
            self.env["medcrm.interaction"]
            .with_user(self.deal_owner)
            .create(
                {
                    "name": "T Call",
                    "type_id": self.type_call.id,
                    "lead_id": other.id,
                    "date_planned": "2026-03-02 10:00:00",
                }
            )
        )
        note = (
            self.env["medcrm.private.note"]
            .with_user(self.user_all_leads)
            .create({"lead_id": other.id, "body": "T A colleague's own note"})
        )
        merged = (
            (self.deal | other).with_user(self.user_manager)._merge_opportunity(auto_unlink=True)
        )
        self.assertEqual(merged, self.deal)
        self.assertFalse(other.exists())
        self.assertEqual((task | other_task).lead_id, self.deal)
        self.assertEqual(interaction.lead_id, self.deal)
        self.assertEqual(note.sudo().lead_id, self.deal)
        self.assertEqual(note.sudo().user_id, self.user_all_leads, "still its author's note")
