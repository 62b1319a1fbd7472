from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import SurveyEntryCase


@tagged("post_install", "-at_install")
class TestEntryParticipant(SurveyEntryCase):
    """For a deal, the person who answered is one of the deal's participants."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.role = cls.env["medcrm.participant.role"].create({"name": "Head nurse"})
        Participant = cls.env["medcrm.deal.participant"]
        cls.participant_nurse = Participant.create(
            {"lead_id": cls.deal.id, "partner_id": cls.head_nurse.id, "role_id": cls.role.id}
        )
        cls.other_deal = cls._create_deal(name="CT installation")
        cls.participant_other_deal = Participant.create(
            {"lead_id": cls.other_deal.id, "partner_id": cls.engineer.id, "role_id": cls.role.id}
        )

    def test_deal_participant_sets_who_answered_and_the_survey_answer_follows(self):
        entry = self._new_entry(
            user=self.user_salesman,
            lead_id=self.deal.id,
            deal_participant_id=self.participant_nurse.id,
        )
        self.assertEqual(entry.participant_id, self.head_nurse)
        self._fill_valid(entry)
        entry.action_submit()
        self.assertEqual(entry.user_input_id.partner_id, self.head_nurse)
        self.assertEqual(entry.user_input_id.email, "anna@hospital7.test")

    def test_form_offers_the_deal_participants_and_fills_answered_by(self):
        form = Form(self.env["medcrm.survey.entry"].with_user(self.user_salesman))
        form.survey_id = self.survey
        form.lead_id = self.deal
        self.assertEqual(form.partner_id, self.hospital, "the respondent follows the deal")
        form.deal_participant_id = self.participant_nurse
        self.assertEqual(form.participant_id, self.head_nurse)
        entry = form.save()
        self.assertEqual(entry.deal_participant_id, self.participant_nurse)
        # the field's domain: the participants of the entry's deal only
        self.assertEqual(entry._fields["deal_participant_id"].domain, "[('lead_id', '=', lead_id)]")

    def test_changing_the_deal_drops_a_participant_of_the_former_deal(self):
        entry = self._new_entry(lead_id=self.deal.id, deal_participant_id=self.participant_nurse.id)
        entry.lead_id = self.other_deal
        self.assertFalse(entry.deal_participant_id)
        self.assertFalse(entry.participant_id)

    def test_participant_of_another_deal_is_refused(self):
        with self.assertRaisesRegex(
            ValidationError, "participant of another deal.*participants of “MRI service contract”"
        ):
            self._new_entry(
                user=self.user_salesman,
                lead_id=self.deal.id,
                deal_participant_id=self.participant_other_deal.id,
            )

    def test_answered_by_outside_the_deal_participants_is_refused(self):
        # an RPC client writing the person directly: checked like the form's choice
        entry = self._new_entry(user=self.user_salesman, lead_id=self.deal.id)
        with self.assertRaisesRegex(
            ValidationError,
            "T Petrov, engineer.*not a participant of the deal “MRI service contract”",
        ):
            entry.write({"participant_id": self.engineer.id})
        entry.write({"participant_id": self.head_nurse.id})
        self.assertEqual(entry.participant_id, self.head_nurse)

    def test_submitted_sheet_keeps_its_respondent_outside_the_participants(self):
        # The rule guards data entry. Sheets submitted before it existed (found by updating a
        # database of the previous version) keep the person who really answered when their
        # fields are recomputed or written by the system.
        entry = self._new_entry(lead_id=self.deal.id, deal_participant_id=self.participant_nurse.id)
        self._fill_valid(entry)
        entry.action_submit()
        self.assertEqual(entry.state, "submitted")
        entry.sudo().write({"deal_participant_id": False, "participant_id": self.engineer.id})
        self.assertEqual(entry.participant_id, self.engineer)
        draft = self._new_entry(lead_id=self.deal.id)
        with self.assertRaisesRegex(ValidationError, "not a participant of the deal"):
            draft.sudo().write({"participant_id": self.engineer.id})

    def test_without_a_deal_any_contact_of_the_customer_may_answer(self):
        entry = self._new_entry(participant_id=self.engineer.id)
        self.assertEqual(entry.participant_id, self.engineer)
        self.assertFalse(entry.deal_participant_id)

    def test_answers_show_on_the_participant_and_the_person(self):
        entry = self._new_entry(lead_id=self.deal.id, deal_participant_id=self.participant_nurse.id)
        self._fill_valid(entry)
        entry.action_submit()
        self._new_entry(participant_id=self.head_nurse.id)  # a sheet without a deal
        self.assertEqual(self.participant_nurse.medcrm_survey_entry_count, 1)
        self.assertEqual(self.participant_other_deal.medcrm_survey_entry_count, 0)
        action = self.participant_nurse.action_medcrm_view_survey_entries()
        self.assertEqual(self.env["medcrm.survey.entry"].search(action["domain"]), entry)
        self.assertEqual(self.head_nurse.medcrm_survey_entry_count, 2)
        action = self.head_nurse.action_medcrm_view_survey_entries()
        self.assertEqual(len(self.env["medcrm.survey.entry"].search(action["domain"])), 2)
        self.assertEqual(self.hospital.medcrm_survey_entry_count, 2)
