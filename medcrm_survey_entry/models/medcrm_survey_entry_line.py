import re

from odoo import api, fields, models

CHOICE_TYPES = ("simple_choice", "multiple_choice", "matrix")


class MedcrmSurveyEntryLine(models.Model):
    """One row of a paper sheet: the answer to one question (or one matrix row)."""

    _name = "medcrm.survey.entry.line"
    _description = "Questionnaire Entry Answer"
    _order = "entry_id, sequence, id"

    entry_id = fields.Many2one("medcrm.survey.entry", required=True, index=True, ondelete="cascade")
    question_id = fields.Many2one("survey.question", required=True, index=True, ondelete="cascade")
    matrix_row_id = fields.Many2one("survey.question.answer", ondelete="cascade")
    sequence = fields.Integer(default=10)
    question_number = fields.Integer(
        "No.",
        compute="_compute_question_number",
        store=True,
        readonly=False,
        precompute=True,
        help="Position of the question in the questionnaire, as printed on the sheet.",
    )
    is_question_start = fields.Boolean(
        "First Row of the Question",
        help="For a matrix, only the first row carries the question's comment.",
    )
    question_type = fields.Selection(related="question_id.question_type")
    is_mandatory = fields.Boolean(related="question_id.constr_mandatory", string="Mandatory")
    comments_allowed = fields.Boolean(related="question_id.comments_allowed")
    partner_id = fields.Many2one(related="entry_id.partner_id", store=True, string="Respondent")
    survey_id = fields.Many2one(related="entry_id.survey_id", store=True)
    entry_state = fields.Selection(related="entry_id.state", string="Entry Status")
    label = fields.Char("Question Text", compute="_compute_label")
    hint = fields.Char("Expected", compute="_compute_hint")
    # values, one per kind of input
    value_char = fields.Char(
        "Answer", help="Text, number or scale value, typed as on the sheet (3,5 or 3.5)."
    )
    value_text = fields.Text("Long Answer")
    value_date = fields.Date("Date")
    value_datetime = fields.Datetime("Date and Time")
    answer_ids = fields.Many2many(
        "survey.question.answer",
        "medcrm_survey_entry_line_answer_rel",
        "line_id",
        "answer_id",
        string="Choices",
        domain="[('question_id', '=', question_id)]",
    )
    comment = fields.Char("Other / Comment")
    value_number = fields.Float(
        "Numeric Value",
        compute="_compute_value_number",
        store=True,
        aggregator="avg",
        help="The number or scale value as a number, for averages by customer.",
    )
    answer_display = fields.Char("First Entry", compute="_compute_answer_display")
    error_message = fields.Char("Problem", compute="_compute_error_message")
    guidance = fields.Char(
        "Expected / Problem",
        compute="_compute_guidance",
        help="What the answer must be, or what is wrong with the answer typed.",
    )
    # double entry
    verification_display = fields.Char("Second Entry", readonly=True)
    is_mismatch = fields.Boolean("Mismatch", readonly=True)

    @api.depends("question_id")
    def _compute_question_number(self):
        # The entry form shows the number read-only, so it never sends it: a line typed there
        # takes its number from the question's place in its survey.
        for survey, lines in self.grouped(lambda line: line.question_id.survey_id).items():
            numbers = {question.id: n for n, question in enumerate(survey.question_ids, 1)}
            for line in lines:
                line.question_number = numbers.get(line.question_id.id, 0)

    @api.depends("question_id.title", "matrix_row_id.value")
    def _compute_label(self):
        for line in self:
            title = line.question_id.title or ""
            if line.matrix_row_id:
                title = f"{title} / {line.matrix_row_id.value}"
            line.label = title

    @api.depends(
        "question_id.question_type",
        "question_id.constr_mandatory",
        "question_id.validation_required",
        "question_id.scale_min",
        "question_id.scale_max",
        "question_id.matrix_subtype",
    )
    def _compute_hint(self):
        for line in self:
            line.hint = line._get_hint()

    @api.depends("value_char", "question_id.question_type")
    def _compute_value_number(self):
        for line in self:
            number = False
            if line.question_type in ("numerical_box", "scale"):
                number = self._parse_number(line.value_char)
            line.value_number = number or 0.0

    @api.depends(
        "value_char", "value_text", "value_date", "value_datetime", "answer_ids", "comment"
    )
    def _compute_answer_display(self):
        for line in self:
            line.answer_display = line._get_answer_display()

    @api.depends(
        "value_char",
        "value_text",
        "value_date",
        "value_datetime",
        "answer_ids",
        "comment",
        "entry_id.line_ids.answer_ids",
    )
    def _compute_error_message(self):
        for entry, lines in self.grouped("entry_id").items():
            errors = entry._get_errors_by_question()
            for line in lines:
                line.error_message = errors.get(line.question_id.id, False)

    @api.depends("error_message", "hint")
    def _compute_guidance(self):
        for line in self:
            line.guidance = line.error_message or line.hint

    # ------------------------------------------------------------
    # CRUD GUARDS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if not self.env.su:
            lines.entry_id._check_editable({"line_ids"})
        return lines

    def write(self, vals):
        if not self.env.su:
            self.entry_id._check_editable({"line_ids"})
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        if not self.env.su:
            self.entry_id._check_editable({"line_ids"})

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    @api.model
    def _parse_number(self, text):
        """Number typed on a sheet: spaces ignored, comma or dot as decimal separator.

        :return: float, or None when the text is empty or not a number
        """
        if not text or not text.strip():
            return None
        cleaned = re.sub(r"[\s\u00a0]", "", text).replace(",", ".")
        try:
            return float(cleaned)
        except ValueError:
            return None

    @api.model
    def _format_number(self, number):
        """3.0 -> "3", 2.5 -> "2.5": bounds as people write them."""
        return format(number, ".10g")

    def _get_hint(self):
        self.ensure_one()
        question = self.question_id
        qtype = question.question_type
        parts = []
        if qtype == "numerical_box":
            if question.validation_required:
                parts.append(
                    self.env._(
                        "number %(min)s to %(max)s",
                        min=self._format_number(question.validation_min_float_value),
                        max=self._format_number(question.validation_max_float_value),
                    )
                )
            else:
                parts.append(self.env._("number"))
        elif qtype == "scale":
            parts.append(
                self.env._(
                    "whole number %(min)s to %(max)s",
                    min=question.scale_min,
                    max=question.scale_max,
                )
            )
        elif qtype == "simple_choice":
            parts.append(self.env._("one choice"))
        elif qtype == "multiple_choice":
            parts.append(self.env._("one or more choices"))
        elif qtype == "matrix":
            if question.matrix_subtype == "simple":
                parts.append(self.env._("one choice in this row"))
            else:
                parts.append(self.env._("choices in this row"))
        elif qtype == "date":
            parts.append(self.env._("date"))
        elif qtype == "datetime":
            parts.append(self.env._("date and time"))
        elif qtype == "char_box" and question.validation_email:
            parts.append(self.env._("email"))
        else:
            parts.append(self.env._("text"))
        if question.constr_mandatory:
            parts.append(self.env._("required"))
        return ", ".join(parts)

    def _answer_value_is_empty(self):
        self.ensure_one()
        qtype = self.question_type
        if qtype in ("char_box", "numerical_box", "scale"):
            return not (self.value_char or "").strip()
        if qtype == "text_box":
            return not (self.value_text or "").strip()
        if qtype == "date":
            return not self.value_date
        if qtype == "datetime":
            return not self.value_datetime
        return not self.answer_ids

    def _get_answer_display(self):
        """The answer as text: what the double entry compares and the chatter shows."""
        self.ensure_one()
        qtype = self.question_type
        if qtype in ("char_box", "numerical_box", "scale"):
            value = (self.value_char or "").strip()
            number = self._parse_number(value) if qtype != "char_box" else None
            value = self._format_number(number) if number is not None else value
        elif qtype == "text_box":
            value = " ".join((self.value_text or "").split())
        elif qtype == "date":
            value = fields.Date.to_string(self.value_date) if self.value_date else ""
        elif qtype == "datetime":
            value = fields.Datetime.to_string(self.value_datetime) if self.value_datetime else ""
        else:
            value = ", ".join(self.answer_ids.sorted(lambda a: (a.sequence, a.id)).mapped("value"))
        comment = (self.comment or "").strip()
        if comment:
            value = f"{value} ({comment})" if value else f"({comment})"
        return value
