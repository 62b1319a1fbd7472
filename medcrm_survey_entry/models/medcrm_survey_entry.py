from odoo import Command, api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from .medcrm_survey_entry_line import CHOICE_TYPES

# Fields that only the workflow (submit, double entry, correction) may change.
WORKFLOW_FIELDS = {"state", "user_input_id", "verification_of_id", "is_verified"}


class MedcrmSurveyEntry(models.Model):
    """A questionnaire typed in by staff on behalf of a respondent (paper, phone, email)."""

    _name = "medcrm.survey.entry"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Questionnaire Entry"
    _order = "date_sheet desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    survey_id = fields.Many2one(
        "survey.survey",
        required=True,
        index=True,
        tracking=True,
        domain="[('active', '=', True)]",
        ondelete="restrict",
    )
    lead_id = fields.Many2one(
        "crm.lead", string="Deal", index="btree_not_null", tracking=True, ondelete="set null"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Respondent",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        help="The customer (hospital) who answered the questionnaire.",
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, string="Customer", index=True
    )
    deal_participant_id = fields.Many2one(
        "medcrm.deal.participant",
        compute="_compute_deal_participant_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        tracking=True,
        ondelete="set null",
        domain="[('lead_id', '=', lead_id)]",
        help="For a deal's questionnaire: which of the deal's participants answered.",
    )
    participant_id = fields.Many2one(
        "res.partner",
        string="Answered by",
        compute="_compute_participant_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        tracking=True,
        domain="[('id', 'child_of', commercial_partner_id)]",
        help="The person who filled in the sheet, when known; the survey answer is recorded in "
        "this person's name. For a deal, one of the deal's participants.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Entered by",
        default=lambda self: self.env.user,
        required=True,
        tracking=True,
    )
    source = fields.Selection(
        [("paper", "Paper sheet"), ("phone", "Phone call"), ("email", "Email")],
        required=True,
        default="paper",
        tracking=True,
    )
    date_sheet = fields.Date(
        "Sheet Date",
        default=fields.Date.context_today,
        tracking=True,
        help="Date written on the paper sheet, or date of the call / email.",
    )
    sheet_file = fields.Binary("Scanned Sheet", attachment=True)
    sheet_filename = fields.Char("Scanned Sheet Name")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_verify", "Waiting for Second Entry"),
            ("correction", "Correction"),
            ("submitted", "Submitted"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    user_input_id = fields.Many2one(
        "survey.user_input",
        string="Survey Answer",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )
    line_ids = fields.One2many(
        "medcrm.survey.entry.line",
        "entry_id",
        string="Answers",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
        precompute=True,
        copy=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    is_double_entry = fields.Boolean(
        "Double Entry",
        compute="_compute_is_double_entry",
        store=True,
        readonly=False,
        precompute=True,
        help="A second operator types the same sheet blind; mismatches are listed before "
        "the answers are accepted.",
    )
    verification_of_id = fields.Many2one(
        "medcrm.survey.entry",
        string="Second Entry of",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="cascade",
    )
    verification_ids = fields.One2many(
        "medcrm.survey.entry", "verification_of_id", string="Second Entries", readonly=True
    )
    is_verified = fields.Boolean("Compared", readonly=True, copy=False)
    mismatch_line_ids = fields.One2many(
        "medcrm.survey.entry.line",
        "entry_id",
        string="Mismatches",
        domain=[("is_mismatch", "=", True)],
        readonly=True,
    )
    mismatch_count = fields.Integer(compute="_compute_mismatch_count")
    error_count = fields.Integer("Questions to Fix", compute="_compute_error_count")
    # which answer columns the survey needs: the form hides the others
    has_char_questions = fields.Boolean(compute="_compute_question_kinds")
    has_text_questions = fields.Boolean(compute="_compute_question_kinds")
    has_date_questions = fields.Boolean(compute="_compute_question_kinds")
    has_datetime_questions = fields.Boolean(compute="_compute_question_kinds")
    has_choice_questions = fields.Boolean(compute="_compute_question_kinds")
    has_comment_questions = fields.Boolean(compute="_compute_question_kinds")

    _sql_constraints = [
        (
            "user_input_uniq",
            "UNIQUE(user_input_id)",
            "A survey answer belongs to one questionnaire entry only.",
        ),
    ]

    @api.depends("survey_id.title", "partner_id.name", "date_sheet", "verification_of_id")
    def _compute_name(self):
        for entry in self:
            parts = [entry.survey_id.title or self.env._("New entry")]
            if entry.partner_id:
                parts.append(entry.partner_id.name)
            if entry.date_sheet:
                parts.append(tools.format_date(self.env, entry.date_sheet))
            name = " / ".join(parts)
            if entry.verification_of_id:
                name = self.env._("%(name)s (second entry)", name=name)
            entry.name = name

    @api.depends("lead_id")
    def _compute_partner_id(self):
        for entry in self:
            if entry.lead_id.partner_id and not entry.partner_id:
                entry.partner_id = entry.lead_id.partner_id

    @api.depends("lead_id")
    def _compute_deal_participant_id(self):
        for entry in self:
            if entry.deal_participant_id.lead_id != entry.lead_id:
                entry.deal_participant_id = False

    @api.depends("deal_participant_id", "lead_id")
    def _compute_participant_id(self):
        for entry in self:
            if entry.deal_participant_id:
                entry.participant_id = entry.deal_participant_id.partner_id
            elif entry.lead_id and entry.participant_id:
                # for a deal, the person who answered is one of its participants
                entry.participant_id = entry._get_deal_participant(entry.participant_id).partner_id

    @api.depends("survey_id")
    def _compute_line_ids(self):
        for entry in self:
            if entry.state not in ("draft", False):
                continue
            commands = [Command.clear()]
            if entry.survey_id:
                commands += [Command.create(vals) for vals in entry._prepare_line_values()]
            entry.line_ids = commands

    @api.depends("survey_id")
    def _compute_is_double_entry(self):
        for entry in self:
            entry.is_double_entry = (
                entry.survey_id.medcrm_double_entry and not entry.verification_of_id
            )

    @api.depends("mismatch_line_ids")
    def _compute_mismatch_count(self):
        for entry in self:
            entry.mismatch_count = len(entry.mismatch_line_ids)

    @api.depends(
        "line_ids.value_char",
        "line_ids.value_text",
        "line_ids.value_date",
        "line_ids.value_datetime",
        "line_ids.answer_ids",
        "line_ids.comment",
    )
    def _compute_error_count(self):
        for entry in self:
            entry.error_count = len(entry._get_errors_by_question()) if entry.survey_id else 0

    @api.depends("survey_id.question_and_page_ids.question_type")
    def _compute_question_kinds(self):
        for entry in self:
            questions = entry.survey_id.question_ids
            kinds = set(questions.mapped("question_type"))
            entry.has_char_questions = bool(kinds & {"char_box", "numerical_box", "scale"})
            entry.has_text_questions = "text_box" in kinds
            entry.has_date_questions = "date" in kinds
            entry.has_datetime_questions = "datetime" in kinds
            entry.has_choice_questions = bool(kinds & set(CHOICE_TYPES))
            entry.has_comment_questions = any(questions.mapped("comments_allowed"))

    @api.constrains("lead_id")
    def _check_lead_id_readable(self):
        self.lead_id._medcrm_check_linkable(
            self, self._fields["lead_id"]._description_string(self.env)
        )

    @api.constrains("lead_id", "deal_participant_id", "participant_id")
    def _check_deal_participant(self):
        for entry in self.filtered("lead_id"):
            # sudo: the line may be of a deal the operator cannot read (an RPC client's choice)
            participant = entry.deal_participant_id.sudo()
            if participant and participant.lead_id != entry.lead_id:
                raise ValidationError(
                    self.env._(
                        "“%(name)s”: the chosen Deal Participant is a participant of another "
                        "deal. Choose the Deal Participant among the participants of “%(deal)s”.",
                        name=entry.name,
                        deal=entry.lead_id.name,
                    )
                )
            # A rule of data entry: sheets submitted before the rule existed (or corrected by
            # a manager later) keep the person who really answered, even if the deal's
            # participants have changed since.
            if (
                entry.state == "draft"
                and entry.participant_id
                and not entry._get_deal_participant(entry.participant_id)
            ):
                raise ValidationError(
                    self.env._(
                        "“%(name)s”: %(person)s (Answered by) is not a participant of the deal "
                        "“%(deal)s”. Choose the Deal Participant among its participants, or add "
                        "the person to the deal's Participants tab first.",
                        name=entry.name,
                        person=entry.participant_id.display_name,
                        deal=entry.lead_id.name,
                    )
                )

    @api.constrains("survey_id")
    def _check_survey_open(self):
        for entry in self.filtered(lambda e: e.state == "draft"):
            entry._check_survey_usable()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if WORKFLOW_FIELDS.intersection(vals) and not self.env.su:
                self._raise_workflow_fields(vals)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            if WORKFLOW_FIELDS.intersection(vals):
                self._raise_workflow_fields(vals)
            self._check_editable(set(vals))
        return super().write(vals)

    def _raise_workflow_fields(self, vals):
        """Refuse a direct create/write of the status fields, naming them (an integrator sees
        which of its values is not accepted)."""
        names = ", ".join(
            f"{self._fields[name]._description_string(self.env)} (“{name}”)"
            for name in sorted(WORKFLOW_FIELDS.intersection(vals))
        )
        raise UserError(
            self.env._(
                "%(fields)s: the status of a questionnaire entry changes only through its "
                "buttons (Submit, Second Entry, Correct), not by writing these fields.",
                fields=names,
            )
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        for entry in self:
            if entry.state == "submitted" or entry.user_input_id:
                raise UserError(
                    self.env._(
                        "The questionnaire entry “%(name)s” is submitted: its answers count in the "
                        "survey results. Delete the survey answer first, or correct the entry.",
                        name=entry.name,
                    )
                )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_submit(self):
        """Validate every answer and record them as a completed survey answer.

        Submitting an entry that is already submitted does nothing: a double click or a retried
        request never creates a second survey answer.
        """
        self._lock_for_update()
        for entry in self:
            if entry.state == "submitted":
                continue
            if entry.state == "to_verify":
                raise UserError(
                    self.env._(
                        "“%(name)s” waits for its second entry: let another operator type the "
                        "sheet again (button Second Entry), then accept the answers.",
                        name=entry.name,
                    )
                )
            if entry.verification_of_id:
                entry._compare_with_verification()
                continue
            entry._check_submittable()
            if entry.is_double_entry and entry.state == "draft":
                entry._set_workflow({"state": "to_verify"})
                continue
            entry._submit_answers()
        return True

    def action_submit_and_next(self):
        """Submit this sheet and open an empty one for the same survey: typing a stack of sheets."""
        self.ensure_one()
        self.action_submit()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_survey_id": self.survey_id.id,
                "default_source": self.source,
                "default_date_sheet": fields.Date.to_string(self.date_sheet),
            },
        }

    def action_start_verification(self):
        """Open a blank copy of the sheet for a second operator (double entry)."""
        self.ensure_one()
        if self.state != "to_verify":
            raise UserError(
                self.env._("Only an entry waiting for its second entry can be typed again.")
            )
        if self.user_id == self.env.user:
            raise UserError(
                self.env._(
                    "You typed “%(name)s” yourself: the second entry must be typed by another "
                    "operator.",
                    name=self.name,
                )
            )
        verification = self.verification_ids.filtered(lambda v: v.state == "draft")[:1]
        if not verification:
            verification = self.create(
                {
                    "survey_id": self.survey_id.id,
                    "partner_id": self.partner_id.id,
                    "participant_id": self.participant_id.id,
                    "lead_id": self.lead_id.id,
                    "deal_participant_id": self.deal_participant_id.id,
                    "source": self.source,
                    "date_sheet": self.date_sheet,
                    "company_id": self.company_id.id,
                    "is_double_entry": False,
                }
            )
            verification._set_workflow({"verification_of_id": self.id})
        return verification._get_form_action()

    def action_accept(self):
        """After the comparison, accept the (corrected) first entry as the survey answer."""
        self._lock_for_update()
        for entry in self:
            if entry.state == "submitted":
                continue
            if entry.state != "to_verify" or not entry.is_verified:
                raise UserError(
                    self.env._(
                        "“%(name)s” must first be typed a second time and compared.",
                        name=entry.name,
                    )
                )
            entry._check_submittable()
            entry._submit_answers()
        return True

    def action_start_correction(self):
        """Reopen a submitted entry; only survey managers may change submitted answers."""
        self._check_manager()
        self._lock_for_update()
        for entry in self.filtered(lambda e: e.state == "submitted"):
            entry._set_workflow({"state": "correction"})
        return True

    def action_reload_questions(self):
        """The survey changed: add its new questions, keep every answer already typed."""
        for entry in self:
            if entry.state not in ("draft", "correction"):
                raise UserError(
                    self.env._(
                        "“%(name)s” is not being typed: its questions cannot be reloaded.",
                        name=entry.name,
                    )
                )
            existing = {
                (line.question_id.id, line.matrix_row_id.id): line for line in entry.line_ids
            }
            commands = []
            for vals in entry._prepare_line_values():
                line = existing.get((vals["question_id"], vals["matrix_row_id"] or False))
                if line:
                    commands.append(Command.update(line.id, vals))
                else:
                    commands.append(Command.create(vals))
            entry.line_ids = commands
        return True

    def action_open_user_input(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "survey.user_input",
            "res_id": self.user_input_id.id,
            "views": [(False, "form")],
        }

    def action_open_results(self):
        self.ensure_one()
        return self.survey_id.action_result_survey()

    # ------------------------------------------------------------
    # VALIDATION
    # ------------------------------------------------------------

    def _check_survey_usable(self):
        self.ensure_one()
        survey = self.survey_id
        if not survey.active:
            raise ValidationError(
                self.env._(
                    "The survey “%(survey)s” is closed: reopen it before entering answers.",
                    survey=survey.title,
                )
            )
        if not survey.question_ids:
            raise ValidationError(
                self.env._(
                    "The survey “%(survey)s” has no questions: add its questions first.",
                    survey=survey.title,
                )
            )

    def _check_submittable(self):
        self.ensure_one()
        self._check_survey_usable()
        if not self.partner_id:
            raise ValidationError(
                self.env._(
                    "“%(name)s”: choose the Respondent (the customer who answered).", name=self.name
                )
            )
        missing = self.survey_id.question_ids - self.line_ids.question_id
        if missing:
            raise ValidationError(
                self.env._(
                    "The survey “%(survey)s” changed since this entry was opened; these "
                    "questions are missing: %(questions)s. Click Reload Questions to add them.",
                    survey=self.survey_id.title,
                    questions=", ".join(missing.mapped("title")),
                )
            )
        if not self.user_input_id:
            respondent = self.participant_id or self.partner_id
            survey_sudo = self.survey_id.sudo()  # counts answers the operator may not read
            if not survey_sudo._has_attempts_left(respondent, respondent.email, False):
                raise ValidationError(
                    self.env._(
                        "%(partner)s has already used every attempt allowed by the survey "
                        "“%(survey)s”.",
                        partner=respondent.display_name,
                        survey=self.survey_id.title,
                    )
                )
        errors = self._get_errors_by_question()
        if errors:
            numbers = {line.question_id.id: line.question_number for line in self.line_ids}
            questions = self.env["survey.question"].browse(errors)
            details = "\n".join(
                self.env._(
                    "Q%(number)s “%(question)s”: %(error)s",
                    number=numbers.get(question.id),
                    question=question.title,
                    error=errors[question.id],
                )
                for question in questions.sorted(lambda q: numbers.get(q.id, 0))
            )
            raise ValidationError(
                self.env._(
                    "Questions of “%(name)s” to fix before submitting: %(count)s.\n%(details)s",
                    count=len(errors),
                    name=self.name,
                    details=details,
                )
            )

    def _get_errors_by_question(self):
        """Check the answers as the public survey page does.

        :return: {question id: message} for every active question whose answer is wrong
        """
        self.ensure_one()
        errors = {}
        selected = self.line_ids.answer_ids
        for question, lines in self.line_ids.sorted("sequence").grouped("question_id").items():
            if not self._is_question_active(question, selected):
                continue
            message = self._get_question_error(question, lines)
            if message:
                errors[question.id] = message
        return errors

    @api.model
    def _is_question_active(self, question, selected_answers):
        """A conditional question counts only when one of its triggering answers is chosen."""
        triggers = question.triggering_answer_ids
        return not triggers or bool(triggers & selected_answers)

    @api.model
    def _get_question_error(self, question, lines):
        qtype = question.question_type
        first = lines[:1]
        required = question.constr_error_msg or self.env._("An answer is required.")
        comment = (first.comment or "").strip()
        if (lines - first).filtered("comment"):
            return self.env._("Write the comment on the first row of the question.")
        if comment and not question.comments_allowed:
            return self.env._("This question takes no comment: clear the Other / Comment cell.")
        if qtype in CHOICE_TYPES:
            foreign = lines.answer_ids.filtered(lambda a: a.question_id != question)
            if foreign:
                return self.env._(
                    "%(answers)s is not a choice of this question: choose among %(choices)s.",
                    answers=", ".join(foreign.mapped("value")),
                    choices=", ".join(question.suggested_answer_ids.mapped("value")),
                )
        if qtype == "matrix":
            if question.matrix_subtype == "simple":
                several = lines.filtered(lambda line: len(line.answer_ids) > 1)
                if several:
                    return self.env._(
                        "Only one choice per row; keep one in: %(rows)s.",
                        rows=", ".join(several.matrix_row_id.mapped("value")),
                    )
            unanswered = lines.filtered(lambda line: not line.answer_ids)
            if question.constr_mandatory and unanswered:
                return self.env._(
                    "%(required)s Rows without a choice: %(rows)s.",
                    required=required,
                    rows=", ".join(unanswered.matrix_row_id.mapped("value")),
                )
            return False
        if qtype in ("simple_choice", "multiple_choice"):
            answers = first.answer_ids
            if qtype == "simple_choice" and len(answers) > 1:
                return self.env._(
                    "Only one answer is allowed; answers entered: %(count)s (%(answers)s). "
                    "Keep one.",
                    count=len(answers),
                    answers=", ".join(answers.mapped("value")),
                )
            comment_answers = question.comments_allowed and question.comment_count_as_answer
            if question.constr_mandatory and not answers and not (comment_answers and comment):
                return required
            return False
        if first._answer_value_is_empty():
            return required if question.constr_mandatory else False
        return self._get_value_error(question, first)

    @api.model
    def _get_value_error(self, question, line):
        qtype = question.question_type
        custom = question.validation_error_msg
        if qtype == "char_box":
            value = line.value_char.strip()
            if question.validation_email and not tools.email_normalize(value):
                return self.env._("“%(value)s” is not an email address.", value=value)
            if question.validation_required and not (
                question.validation_length_min <= len(value) <= question.validation_length_max
            ):
                return custom or self.env._(
                    "The answer must have %(min)s to %(max)s characters (it has %(count)s).",
                    min=question.validation_length_min,
                    max=question.validation_length_max,
                    count=len(value),
                )
        elif qtype in ("numerical_box", "scale"):
            number = line._parse_number(line.value_char)
            if qtype == "scale":
                low, high = question.scale_min, question.scale_max
                if number is None or not number.is_integer() or not low <= number <= high:
                    return self.env._(
                        "“%(value)s”: enter a whole number from %(min)s to %(max)s.",
                        value=line.value_char,
                        min=low,
                        max=high,
                    )
            elif number is None:
                return self.env._("“%(value)s” is not a number.", value=line.value_char)
            elif question.validation_required and not (
                question.validation_min_float_value <= number <= question.validation_max_float_value
            ):
                return custom or self.env._(
                    "%(value)s is out of bounds: enter a number from %(min)s to %(max)s.",
                    value=line.value_char,
                    min=line._format_number(question.validation_min_float_value),
                    max=line._format_number(question.validation_max_float_value),
                )
        elif qtype in ("date", "datetime") and question.validation_required:
            if qtype == "date":
                value, low, high = (
                    line.value_date,
                    question.validation_min_date,
                    question.validation_max_date,
                )
            else:
                value, low, high = (
                    line.value_datetime,
                    question.validation_min_datetime,
                    question.validation_max_datetime,
                )
            if (low and value < low) or (high and value > high):
                return custom or self.env._(
                    "The date must be between %(min)s and %(max)s.",
                    min=low or "…",
                    max=high or "…",
                )
        return False

    # ------------------------------------------------------------
    # PRIVATE HELPERS
    # ------------------------------------------------------------

    def _prepare_line_values(self):
        self.ensure_one()
        vals_list = []
        sequence = 0
        for number, question in enumerate(self.survey_id.question_ids, start=1):
            rows = question.matrix_row_ids if question.question_type == "matrix" else [False]
            for index, row in enumerate(rows):
                sequence += 1
                vals_list.append(
                    {
                        "question_id": question.id,
                        "matrix_row_id": row and row.id,
                        "sequence": sequence,
                        "question_number": number,
                        "is_question_start": index == 0,
                    }
                )
        return vals_list

    def _get_deal_participant(self, partner):
        """The participant line of this entry's deal for ``partner`` (primary first)."""
        self.ensure_one()
        # sudo: the deal's participant lines, read to check the operator's choice
        return (
            self.lead_id.sudo()
            .participant_ids.filtered(lambda line: line.partner_id == partner)[:1]
            .sudo(False)
        )

    def _check_editable(self, fnames):
        """Submitted answers are frozen; a correction is for survey managers only."""
        header_only = fnames <= {"sheet_file", "sheet_filename"} | {
            fname for fname in fnames if fname.startswith(("message_", "activity_"))
        }
        for entry in self:
            if entry.state == "submitted" and not header_only:
                raise UserError(
                    self.env._(
                        "“%(name)s” is submitted and can no longer be changed; a survey manager "
                        "can correct it (button Correct).",
                        name=entry.name,
                    )
                )
            if entry.state == "correction":
                entry._check_manager()

    def _check_manager(self):
        if not self.env.user.has_group("survey.group_survey_manager"):
            raise AccessError(
                self.env._("Only a survey manager (Surveys: Administrator) can correct answers.")
            )

    def _lock_for_update(self):
        """Lock the rows so that a concurrent double click waits, then sees the first result."""
        if not self.ids:
            return
        self.flush_recordset()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE id IN %s FOR UPDATE",
                SQL.identifier(self._table),
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(list(WORKFLOW_FIELDS))

    def _set_workflow(self, vals):
        # sudo: status fields are written only here, after the action checked the user's rights
        # on this entry; write() refuses them from anyone else (an RPC client included).
        self.check_access("write")
        self.sudo().write(vals)

    def _get_form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "views": [(False, "form")],
            "target": "current",
        }

    @api.model
    def _get_new_entry_action(self, context):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Enter Answers"),
            "res_model": self._name,
            "views": [(False, "form")],
            "target": "current",
            "context": context,
        }

    @api.model
    def _get_list_action(self, domain, context):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "medcrm_survey_entry.medcrm_survey_entry_action"
        )
        action["domain"] = domain + [("verification_of_id", "=", False)]
        action["context"] = context
        return action

    def _get_survey_answer(self, question, lines):
        """The answer of a question in the structure survey.user_input._save_lines() expects."""
        first = lines[:1]
        qtype = question.question_type
        comment = (first.comment or "").strip() or None
        if qtype == "char_box":
            answer = (first.value_char or "").strip()
        elif qtype == "text_box":
            answer = (first.value_text or "").strip()
        elif qtype in ("numerical_box", "scale"):
            number = first._parse_number(first.value_char)
            # a string, so that 0 is an answer and not a skipped question
            answer = "" if number is None else repr(int(number) if qtype == "scale" else number)
        elif qtype == "date":
            answer = fields.Date.to_string(first.value_date) if first.value_date else ""
        elif qtype == "datetime":
            answer = fields.Datetime.to_string(first.value_datetime) if first.value_datetime else ""
        elif qtype == "simple_choice":
            answer = first.answer_ids[:1].id
        elif qtype == "multiple_choice":
            answer = first.answer_ids.ids
        else:
            answer = {
                line.matrix_row_id.id: line.answer_ids.ids for line in lines if line.answer_ids
            }
        return answer, comment

    def _submit_answers(self):
        self.ensure_one()
        before = self._get_user_input_display() if self.user_input_id else None
        user_input = self._save_user_input_sudo()
        self._set_workflow({"state": "submitted", "user_input_id": user_input.id})
        if before is not None:
            self._post_correction(before)

    def _save_user_input_sudo(self):
        """Create (or rewrite, for a correction) the completed survey answer of this entry.

        sudo: operators (sales and service users) have no rights on survey answers, which Odoo
        only lets the public survey page create. The caller validated every answer and the
        operator's write access to this entry is checked here first.
        """
        self.ensure_one()
        self.check_access("write")
        respondent = self.participant_id or self.partner_id
        user_input = self.user_input_id.sudo()
        is_new = not user_input
        if is_new:
            user_input = (
                self.env["survey.user_input"]
                .sudo()
                .create(
                    {
                        "survey_id": self.survey_id.id,
                        "partner_id": respondent.id,
                        "email": respondent.email,
                        "predefined_question_ids": [Command.set(self.survey_id.question_ids.ids)],
                        "start_datetime": fields.Datetime.now(),
                        "state": "in_progress",
                    }
                )
            )
        else:
            user_input.user_input_line_ids.unlink()
            user_input.write({"partner_id": respondent.id, "email": respondent.email})
        selected = self.line_ids.answer_ids
        for question, lines in self.line_ids.sorted("sequence").grouped("question_id").items():
            if not self._is_question_active(question, selected):
                continue
            answer, comment = self._get_survey_answer(question, lines)
            user_input._save_lines(question, answer, comment)
        if is_new:
            user_input._mark_done()
        return user_input

    def _get_user_input_display(self):
        """{question id: answer text} of the recorded survey answer, to track corrections."""
        self.ensure_one()
        result = {}
        # sudo: the manager correcting may lack rights on the answers of a restricted survey
        for line in self.user_input_id.sudo().user_input_line_ids:
            if line.skipped:
                continue
            text = line.display_name
            result.setdefault(line.question_id.id, []).append(text)
        return {qid: ", ".join(sorted(texts)) for qid, texts in result.items()}

    def _post_correction(self, before):
        after = self._get_user_input_display()
        changes = []
        for question in self.survey_id.question_ids:
            old, new = before.get(question.id, ""), after.get(question.id, "")
            if old != new:
                changes.append((question.title, old or "—", new or "—"))
        if not changes:
            return
        body = tools.html_sanitize(
            "<p>{}</p><ul>{}</ul>".format(
                tools.html_escape(self.env._("Answers corrected:")),
                "".join(
                    "<li>{}: {} → {}</li>".format(*(tools.html_escape(part) for part in change))
                    for change in changes
                ),
            )
        )
        self.message_post(body=body, subtype_xmlid="mail.mt_note")

    def _compare_with_verification(self):
        """Second entry submitted: list the mismatches on the first entry, question by question."""
        self.ensure_one()
        original = self.verification_of_id
        if original.state != "to_verify":
            raise UserError(
                self.env._("“%(name)s” no longer waits for a second entry.", name=original.name)
            )
        second = {(line.question_id, line.matrix_row_id): line for line in self.line_ids}
        mismatches = []
        # sudo: the second operator records the comparison on the first entry's lines, which
        # the write() guard allows only while it waits for verification (checked above).
        for line in original.line_ids.sudo():
            other = second.get((line.question_id, line.matrix_row_id))
            other_text = other._get_answer_display() if other else ""
            is_mismatch = line._get_answer_display() != other_text
            line.write({"verification_display": other_text, "is_mismatch": is_mismatch})
            if is_mismatch:
                mismatches.append(line)
        self._set_workflow({"state": "submitted"})
        original._set_workflow({"is_verified": True})
        if not mismatches:
            original.message_post(
                body=self.env._("The second entry matches: the answers are accepted."),
                subtype_xmlid="mail.mt_note",
            )
            original._check_submittable()
            original._submit_answers()
        else:
            original.message_post(
                body=self.env._(
                    "Answers where the second entry differs: %(count)s. Check the sheet, correct "
                    "the first entry if needed, then accept.",
                    count=len(mismatches),
                ),
                subtype_xmlid="mail.mt_note",
            )
