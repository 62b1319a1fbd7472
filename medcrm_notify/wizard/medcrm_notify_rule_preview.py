from collections import Counter
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

PREVIEW_LIMIT = 200


class MedcrmNotifyRulePreview(models.TransientModel):
    _name = "medcrm.notify.rule.preview"
    _description = "Notification Rule Preview"

    rule_id = fields.Many2one("medcrm.notify.rule", required=True, ondelete="cascade")
    days = fields.Integer(string="Last Days", default=7, required=True)
    record_count = fields.Integer(string="Matching Records", compute="_compute_result")
    recipient_count = fields.Integer(string="Recipients", compute="_compute_result")
    message_count = fields.Integer(string="Messages", compute="_compute_result")
    skipped_count = fields.Integer(string="Skipped", compute="_compute_result")
    result_html = fields.Html(string="Result", compute="_compute_result", sanitize=False)

    @api.constrains("days")
    def _check_days(self):
        for wizard in self:
            if not 1 <= wizard.days <= 366:
                raise ValidationError(
                    self.env._("Last Days must be between 1 and 366 (you entered %s).", wizard.days)
                )

    @api.depends("rule_id", "days")
    def _compute_result(self):
        for wizard in self:
            result = wizard._simulate() if wizard.rule_id and wizard.days > 0 else {}
            wizard.record_count = result.get("record_count", 0)
            wizard.recipient_count = result.get("recipient_count", 0)
            wizard.message_count = result.get("message_count", 0)
            wizard.skipped_count = result.get("skipped_count", 0)
            wizard.result_html = result.get("html", False)

    # ------------------------------------------------------------------
    # private helpers
    # ------------------------------------------------------------------

    def _get_candidates(self):
        """Records of the last days that the rule would have matched (as the current user sees
        them: the preview never shows what its user may not read)."""
        rule = self.rule_id
        spec = self.env["medcrm.notify.event"]._get_event_spec(rule.event_code) or {}
        model = spec.get("model")
        if not model or model not in self.env:
            return None
        Model = self.env[model].with_context(active_test=False)
        since = fields.Datetime.now() - timedelta(days=self.days)
        domain = rule._get_match_domain(Model)
        domain = expression.AND([[(spec.get("date_field") or "create_date", ">=", since)], domain])
        records = Model.search(domain, limit=PREVIEW_LIMIT, order="id desc")
        if rule.event_code == "lead_stage_changed" and rule.stage_to_ids:
            records = records.filtered(lambda r: r.stage_id in rule.stage_to_ids)
        return records

    def _simulate(self):
        self.ensure_one()
        records = self._get_candidates()
        if not records:
            return {
                "html": Markup("<p>%s</p>")
                % self.env._(
                    "No record matches this rule in the period searched (days back: %s).",
                    self.days,
                )
            }
        recipients = self.rule_id._get_recipients(records)
        users = self.env["res.users"].with_context(active_test=False)
        partners = self.env["res.partner"]
        reached, messages, skipped = set(), 0, Counter()
        rows = Markup()
        for record in records:
            names = []
            for partner_id, user_id in recipients[record.id].items():
                partner = partners.browse(partner_id)
                reason, label, sent = self._get_recipient_outcome(
                    record, partner, users.browse(user_id)
                )
                if reason:
                    skipped[reason] += 1
                    names.append(Markup("<s>%s</s> (%s)") % (partner.display_name, label))
                    continue
                reached.add(partner_id)
                messages += sent
                names.append(
                    Markup("%s (%s)") % (partner.display_name, label)
                    if label
                    else partner.display_name
                )
            rows += Markup("<tr><td>%s</td><td>%s</td></tr>") % (
                record.display_name,
                Markup(", ").join(names),
            )
        html = Markup(
            '<table class="table table-sm"><thead><tr><th>%s</th><th>%s</th></tr></thead>'
            "<tbody>%s</tbody></table>"
        ) % (self.env._("Record"), self.env._("Would be notified"), rows)
        if not reached:
            why = self._explain_no_recipient(records, skipped)
            html = (
                Markup("<p><strong>%s</strong></p><ul>%s</ul>")
                % (
                    self.env._("Why no one would be notified:"),
                    Markup().join(Markup("<li>%s</li>") % line for line in why),
                )
                + html
            )
        if len(records) >= PREVIEW_LIMIT:
            html += Markup("<p>%s</p>") % self.env._(
                "Only the latest %s records are shown.", PREVIEW_LIMIT
            )
        return {
            "record_count": len(records),
            "recipient_count": len(reached),
            "message_count": messages,
            "skipped_count": sum(skipped.values()),
            "html": html,
        }

    def _get_recipient_outcome(self, record, partner, user):
        """What the rule would do for one recipient of ``record``: (the reason they would get
        nothing or False, the note shown after their name or False, the messages sent)."""
        rule = self.rule_id
        if (
            not user
            and rule.is_channel_email
            and partner in rule._get_participant_partners(rule._get_deal(record))
        ):
            # a deal participant without a user: the email only
            if not partner.email:
                return "no_email", self.env._("no email address"), 0
            return False, self.env._("email only"), 1
        if not user or user.share or not user.active:
            return "no_user", self.env._("not an active internal user"), 0
        if not record.with_user(user).has_access("read"):
            return "no_access", self.env._("cannot read the record"), 0
        # an email needs an address; the inbox does not
        sent = int(rule.is_channel_inbox) + int(rule.is_channel_email and bool(partner.email))
        if not sent:
            return "no_email", self.env._("no email address"), 0
        return False, False, sent

    def _explain_no_recipient(self, records, skipped_by_reason):
        """Sentences saying why ``records`` notify no one: which of the rule's recipients the
        records lack, and who was left out and why. Counts follow a colon, so that no language
        needs plural forms."""
        rule = self.rule_id
        is_task = records._name == "medcrm.task"
        deals = {record: rule._get_deal(record) for record in records}

        def target(record):
            # a task's salesperson and team are those of its deal
            return deals[record] if is_task else record

        fields_ = records._fields
        # (the rule names this recipient, a record lacks one, the sentence with the count)
        sources = [
            (
                rule.is_to_salesperson and (is_task or "user_id" in fields_),
                lambda r: not target(r).user_id,
                lambda n: self.env._(
                    "The rule notifies the salesperson. Records without a salesperson: %s.", n
                ),
            ),
            (
                rule.is_to_team_leader and (is_task or "team_id" in fields_),
                lambda r: not target(r).team_id.user_id,
                lambda n: self.env._(
                    "The rule notifies the sales team's leader. Records whose team has no "
                    "leader: %s.",
                    n,
                ),
            ),
            (
                rule.is_to_task_assignee and is_task,
                lambda r: not r.user_id,
                lambda n: self.env._(
                    "The rule notifies the task's assignee. Tasks without an assignee: %s.", n
                ),
            ),
            (
                rule.is_to_followers and "message_partner_ids" in fields_,
                lambda r: not r.message_partner_ids,
                lambda n: self.env._(
                    "The rule notifies the followers. Records without followers: %s.", n
                ),
            ),
            (
                rule.has_participant_roles,
                lambda r: not rule._get_participant_partners(deals[r]),
                lambda n: self.env._(
                    "The rule notifies the deal's participants with its roles. Records "
                    "without such a participant: %s.",
                    n,
                ),
            ),
        ]
        skips = {
            "no_user": lambda n: self.env._(
                "Recipients left out because they are not active internal users: %s.", n
            ),
            "no_access": lambda n: self.env._(
                "Recipients left out because they cannot read the record: %s.", n
            ),
            "no_email": lambda n: self.env._(
                "Recipients left out because they have no email address and the rule sends "
                "nothing else to them: %s.",
                n,
            ),
        }
        lines = []
        if (rule.user_ids or rule.group_ids) and not (
            rule.user_ids | rule.group_ids.users
        ).filtered(lambda user: not user.share):
            lines.append(self.env._("The rule's users and groups include no internal user."))
        for applies, lacks, sentence in sources:
            missing = applies and sum(1 for record in records if lacks(record))
            if missing:
                lines.append(sentence(missing))
        lines += [skips[reason](n) for reason, n in skipped_by_reason.items()]
        if not lines:
            lines.append(
                self.env._(
                    "None of the recipients the rule names (section Who) applies to these records."
                )
            )
        return lines
