from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import ServiceContractCase


@tagged("post_install", "-at_install")
class TestGeneration(ServiceContractCase):
    def test_monthly_term_from_31st_keeps_month_ends(self):
        term = self._term(date_start="2027-01-31", date_end="2027-05-31")
        term._activate()
        self.assertEqual(
            self._due_dates(term),
            ["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31"],
        )

    def test_monthly_term_in_leap_year_falls_on_february_29(self):
        term = self._term(date_start="2028-01-31", date_end="2028-03-31")
        term._activate()
        self.assertEqual(self._due_dates(term), ["2028-01-31", "2028-02-29", "2028-03-31"])

    def test_yearly_term_from_february_29_uses_february_28_in_common_years(self):
        term = self._term(date_start="2028-02-29", date_end="2032-03-01", interval=12)
        term._activate()
        self.assertEqual(
            self._due_dates(term),
            ["2028-02-29", "2029-02-28", "2030-02-28", "2031-02-28", "2032-02-29"],
        )

    def test_quarterly_weekly_once_and_fixed_recurrences(self):
        quarterly = self._term(interval=3)
        weekly = self._term(
            recurrence="weeks", interval=2, date_start="2026-03-02", date_end="2026-03-31"
        )
        once = self._term(recurrence="once", date_start="2026-05-15")
        fixed = self._term(
            recurrence="fixed",
            fixed_date_ids=[(0, 0, {"date": "2026-09-01"}), (0, 0, {"date": "2026-03-01"})],
        )
        (quarterly | weekly | once | fixed)._activate()
        self.assertEqual(
            self._due_dates(quarterly), ["2026-01-01", "2026-04-01", "2026-07-01", "2026-10-01"]
        )
        self.assertEqual(self._due_dates(weekly), ["2026-03-02", "2026-03-16", "2026-03-30"])
        self.assertEqual(self._due_dates(once), ["2026-05-15"])
        self.assertEqual(self._due_dates(fixed), ["2026-03-01", "2026-09-01"])
        self.assertEqual(quarterly.recurrence_summary, "Interval in months: 3")

    def test_regeneration_twice_creates_nothing_more(self):
        term = self._term(interval=3)
        term._activate()
        first = term.occurrence_ids
        term._activate()
        term._generate_occurrences()
        self.assertEqual(term.occurrence_ids, first)
        self.assertEqual(len(first), 4)

    def test_duplicate_planned_date_is_refused_by_the_database(self):
        term = self._term(recurrence="once")
        term._activate()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["medcrm.contract.occurrence"].create(
                {"term_id": term.id, "planned_date": "2026-01-01", "date_due": "2026-01-01"}
            )

    def test_schedule_change_replans_only_planned_obligations(self):
        term = self._term(interval=3)
        term._activate()
        first = term.occurrence_ids.sorted("date_due")[0]
        first.write({"date_done": "2026-01-02"})
        first.action_done()
        moved = term.occurrence_ids.sorted("date_due")[1]
        moved.date_due = "2026-04-15"
        term.write({"date_end": "2026-06-30"})
        self.assertEqual(self._due_dates(term), ["2026-01-01", "2026-04-15"])
        term.write({"interval": 1, "date_start": "2026-02-01"})
        # The done obligation is history: it stays although the schedule no longer gives it.
        self.assertIn(first, term.occurrence_ids)
        self.assertEqual(first.state, "done")
        self.assertEqual(
            self._due_dates(term),
            ["2026-01-01", "2026-02-01", "2026-03-01", "2026-04-15", "2026-05-01", "2026-06-01"],
        )

    def test_draft_term_plans_nothing(self):
        term = self._term()
        self.assertFalse(term.occurrence_ids)
        self.assertEqual(term.state, "draft")

    def test_period_end_before_start_is_rejected(self):
        with self.assertRaisesRegex(ValidationError, "Period End .* before the Period Start"):
            self._term(date_start="2026-05-01", date_end="2026-04-30")

    def test_recurrence_without_interval_is_rejected(self):
        with self.assertRaisesRegex(ValidationError, "Interval of at least 1"):
            self._term(interval=0)

    def test_fixed_recurrence_without_dates_is_rejected(self):
        with self.assertRaisesRegex(ValidationError, "add at least one date"):
            self._term(recurrence="fixed")

    def test_fixed_date_outside_period_is_rejected(self):
        with self.assertRaisesRegex(ValidationError, "outside the contract period"):
            self._term(recurrence="fixed", fixed_date_ids=[(0, 0, {"date": "2027-02-01"})])

    def test_negative_reminder_is_rejected(self):
        with self.assertRaisesRegex(ValidationError, "Reminder .* cannot be negative"):
            self._term(reminder_days=-3)

    def test_runaway_schedule_is_rejected(self):
        with self.assertRaisesRegex(ValidationError, "more than 500 obligations"):
            self._term(recurrence="weeks", date_start="2000-01-01", date_end="2099-12-31")

    def test_response_term_needs_hours(self):
        with self.assertRaisesRegex(ValidationError, "Response Time"):
            self._term(term_type_id=self.type_response.id, response_hours=0)

    def test_term_type_gives_defaults_in_the_form(self):
        self.type_visit.default_reminder_days = 21
        with Form(self.env["medcrm.contract.term"].with_user(self.user_engineer)) as form:
            form.lead_id = self.lead
            form.term_type_id = self.type_visit
            self.assertEqual(form.name, "Maintenance visit (test)")
            self.assertEqual(form.reminder_days, 21)
            self.assertEqual(form.user_id, self.user_engineer)
        term = form.record
        self.assertEqual(term.recurrence, "months")
        with Form(term.with_user(self.user_engineer)) as form:
            form.term_type_id = self.type_training
            self.assertEqual(form.name, "Training (test)", "a type's name follows the type")
            form.name = "Training of two radiographers"
            form.term_type_id = self.type_visit
            self.assertEqual(form.name, "Training of two radiographers", "typed text stays")
