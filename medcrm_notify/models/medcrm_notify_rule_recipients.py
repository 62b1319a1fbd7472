import pytz

from odoo import api, fields, models


class MedcrmNotifyRule(models.Model):
    """Who a rule notifies for the records of an event, and the log rows it queues for them:
    one per recipient and channel."""

    _inherit = "medcrm.notify.rule"

    def _get_recipients(self, records):
        """Return ``{record id: {partner id: user id or False}}``: who this rule notifies for
        each record. Users are the internal users behind the partners."""
        self.ensure_one()
        static = (self.user_ids | self.group_ids.users).filtered(lambda u: not u.share)
        static_map = {user.partner_id.id: user.id for user in static}
        fields_ = records._fields
        is_task = records._name == "medcrm.task"
        has_user = "user_id" in fields_ and fields_["user_id"].comodel_name == "res.users"
        has_team = "team_id" in fields_ and fields_["team_id"].comodel_name == "crm.team"
        has_followers = "message_partner_ids" in fields_
        result = {}
        for record in records:
            recipients = dict(static_map)
            dynamic = self.env["res.users"]
            # a task's salesperson and team are those of its deal (its user is the assignee)
            deal = self._get_deal(record)
            if self.is_to_salesperson and is_task:
                dynamic |= deal.user_id
            elif self.is_to_salesperson and has_user:
                dynamic |= record.user_id
            if self.is_to_team_leader and is_task:
                dynamic |= deal.team_id.user_id
            elif self.is_to_team_leader and has_team:
                dynamic |= record.team_id.user_id
            if self.is_to_task_assignee and is_task:
                dynamic |= record.user_id
            if self.is_to_task_author and is_task:
                dynamic |= record.author_id
            for user in dynamic:
                recipients[user.partner_id.id] = user.id
            for partner in self._get_participant_partners(deal):
                users = partner.with_context(active_test=False).user_ids
                internal = users.filtered(lambda u: not u.share)[:1]
                recipients.setdefault(partner.id, internal.id or False)
            if self.is_to_followers and has_followers:
                for partner in record.message_partner_ids:
                    users = partner.with_context(active_test=False).user_ids
                    internal = users.filtered(lambda u: not u.share)[:1]
                    recipients.setdefault(partner.id, internal.id or False)
            result[record.id] = recipients
        return result

    @api.model
    def _get_deal(self, record):
        """The deal an event's record belongs to: the deal itself, a task's deal, or none."""
        if record._name == "crm.lead":
            return record
        field = record._fields.get("lead_id")
        if field is not None and field.comodel_name == "crm.lead":
            return record.lead_id
        return self.env["crm.lead"]

    def _get_participant_partners(self, deal):
        """The partners of ``deal``'s participants having one of this rule's roles."""
        self.ensure_one()
        if not self.has_participant_roles or not deal:
            return self.env["res.partner"]
        return deal.participant_ids.filtered(
            lambda p: p.role_id in self.participant_role_ids
        ).partner_id

    @api.model
    def _get_recipient_tz(self, partner, company):
        """The time zone a recipient lives by: their own (a user's preference is their
        contact's), else their company's, else UTC."""
        for name in (partner.tz, company.partner_id.tz):
            if name and name in pytz.all_timezones_set:
                return name
        return "UTC"

    def _prepare_log_rows(self, event_code, records, occurrence_keys, details):
        """The log rows (see ``medcrm.notify.log._prepare_row``) of this rule for the event's
        ``records``: one per recipient and channel."""
        self.ensure_one()
        now = fields.Datetime.now()
        Log = self.env["medcrm.notify.log"]
        channels = [
            channel
            for channel, enabled in (
                ("inbox", self.is_channel_inbox),
                ("email", self.is_channel_email),
            )
            if enabled
        ]
        has_company = "company_id" in records._fields
        recipients = self._get_recipients(records)
        # one record per recipient, read together when their time zones are needed
        partners = self.env["res.partner"].browse(
            {partner_id for per_record in recipients.values() for partner_id in per_record}
        )
        partners = {partner.id: partner for partner in partners}
        rows = []
        for record in records:
            company = (record.company_id if has_company else None) or self.company_id
            occurrence = {
                "rule_id": self.id,
                "event_code": event_code,
                "occurrence_key": f"{event_code}:{record._name}:{record.id}:"
                f"{occurrence_keys[record.id]}",
                "res_model": record._name,
                "res_id": record.id,
                "record_name": (record.display_name or "")[:500],
                "details": details.get(record.id) or None,
                "company_id": company.id,
            }
            for partner_id, user_id in recipients[record.id].items():
                is_author = user_id == self.env.uid and not self.is_notify_author
                digest_at = self.digest_mode != "none" and self._get_digest_end(
                    now,
                    self._get_recipient_tz(partners[partner_id], company or self.env.company),
                )
                rows += [
                    Log._prepare_row(
                        dict(occurrence, partner_id=partner_id, user_id=user_id, channel=channel),
                        now,
                        skip_reason="author" if is_author else None,
                        digest_at=digest_at,
                    )
                    for channel in channels
                ]
        return rows
