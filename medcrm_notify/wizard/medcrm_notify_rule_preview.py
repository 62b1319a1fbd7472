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
        rule = self.rule_id
        channels = int(rule.is_channel_inbox) + int(rule.is_channel_email)
        recipients = rule._get_recipients(records)
        users = self.env["res.users"].with_context(active_test=False)
        partners = self.env["res.partner"]
        all_partners, messages, skipped = set(), 0, 0
        rows = Markup()

        def external_of(record):
            return rule._get_participant_partners(rule._get_deal(record))

        for record in records:
            names = []
            for partner_id, user_id in recipients[record.id].items():
                user = users.browse(user_id)
                partner = partners.browse(partner_id)
                if not user and rule.is_channel_email and partner in external_of(record):
                    # a deal participant without a user: the email only
                    all_partners.add(partner_id)
                    messages += 1
                    names.append(
                        Markup("%s (%s)") % (partner.display_name, self.env._("email only"))
                    )
                    continue
                if not user or user.share or not user.active:
                    reason = self.env._("not an active internal user")
                elif not record.with_user(user).has_access("read"):
                    reason = self.env._("cannot read the record")
                else:
                    reason = False
                if reason:
                    skipped += 1
                    names.append(Markup("<s>%s</s> (%s)") % (partner.display_name, reason))
                else:
                    all_partners.add(partner_id)
                    messages += channels
                    names.append(partner.display_name)
            rows += Markup("<tr><td>%s</td><td>%s</td></tr>") % (
                record.display_name,
                Markup(", ").join(names),
            )
        html = Markup(
            '<table class="table table-sm"><thead><tr><th>%s</th><th>%s</th></tr></thead>'
            "<tbody>%s</tbody></table>"
        ) % (self.env._("Record"), self.env._("Would be notified"), rows)
        if len(records) >= PREVIEW_LIMIT:
            html += Markup("<p>%s</p>") % self.env._(
                "Only the latest %s records are shown.", PREVIEW_LIMIT
            )
        return {
            "record_count": len(records),
            "recipient_count": len(all_partners),
            "message_count": messages,
            "skipped_count": skipped,
            "html": html,
        }
