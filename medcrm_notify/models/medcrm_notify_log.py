import logging
from datetime import timedelta

from markupsafe import Markup
from werkzeug.urls import url_encode

from odoo import api, fields, models
from odoo.tools import SQL, create_index

_logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
RETRY_BASE_MINUTES = 5
LOG_COLUMNS = [
    "rule_id",
    "event_code",
    "occurrence_key",
    "res_model",
    "res_id",
    "record_name",
    "details",
    "partner_id",
    "user_id",
    "channel",
    "state",
    "skip_reason",
    "company_id",
    "date_next_try",
    "date_done",
    "attempt_count",
    "create_uid",
    "create_date",
    "write_uid",
    "write_date",
]


class MedcrmNotifyLog(models.Model):
    _name = "medcrm.notify.log"
    _description = "Notification Log"
    _order = "id desc"
    _rec_name = "record_name"

    rule_id = fields.Many2one("medcrm.notify.rule", required=True, index=True, readonly=True)
    event_code = fields.Selection(
        selection="_selection_event_code", string="Event", required=True, readonly=True
    )
    occurrence_key = fields.Char(
        required=True,
        readonly=True,
        help="Identifies one occurrence of the event on the record; the same occurrence never "
        "notifies the same recipient twice on the same channel.",
    )
    res_model = fields.Char(string="Record Model", required=True, readonly=True, index=True)
    res_id = fields.Integer(string="Record ID", required=True, readonly=True, index=True)
    record_name = fields.Char(string="Record", readonly=True)
    record_ref = fields.Reference(
        selection="_selection_record_ref", string="Record Link", compute="_compute_record_ref"
    )
    details = fields.Text(readonly=True, help="What happened, e.g. the stages of a stage change.")
    partner_id = fields.Many2one(
        "res.partner", string="Recipient", required=True, readonly=True, index=True
    )
    user_id = fields.Many2one(
        "res.users", string="Recipient User", readonly=True, index="btree_not_null"
    )
    channel = fields.Selection(
        [("inbox", "Inbox"), ("email", "Email")], required=True, readonly=True
    )
    state = fields.Selection(
        [
            ("queued", "Queued"),
            ("digest", "Waiting for the digest"),
            ("retry", "Failed, will retry"),
            ("sent", "Sent"),
            ("failed", "Failed"),
            ("skipped", "Skipped"),
        ],
        required=True,
        default="queued",
        readonly=True,
    )
    skip_reason = fields.Selection(
        [
            ("author", "Recipient caused the event"),
            ("no_access", "Recipient cannot read the record"),
            ("no_user", "Recipient is not an internal user"),
            ("inactive_user", "Recipient's user is archived"),
            ("no_email", "Recipient has no email address"),
            ("rule_inactive", "Rule archived before sending"),
            ("record_deleted", "Record deleted before sending"),
        ],
        readonly=True,
    )
    error = fields.Text(readonly=True)
    note = fields.Char(readonly=True, help="Why the delivery was held, e.g. quiet hours.")
    attempt_count = fields.Integer(string="Attempts", readonly=True)
    date_next_try = fields.Datetime(string="Next Try", readonly=True)
    date_done = fields.Datetime(string="Done On", readonly=True)
    message_id = fields.Many2one("mail.message", readonly=True, index="btree_not_null")
    mail_id = fields.Many2one(
        "mail.mail", string="Email", readonly=True, index="btree_not_null", ondelete="set null"
    )
    company_id = fields.Many2one("res.company", readonly=True, index=True)

    _sql_constraints = [
        (
            "occurrence_recipient_channel_uniq",
            "unique(rule_id, occurrence_key, partner_id, channel)",
            "A recipient is notified once per rule, event occurrence and channel.",
        ),
    ]

    def init(self):
        # The dispatcher selects "due" rows only: a partial index keeps that scan small however
        # long the log grows.
        create_index(
            self.env.cr,
            "medcrm_notify_log_due_idx",
            self._table,
            ["date_next_try", "id"],
            where="state IN ('queued', 'retry')",
        )
        create_index(
            self.env.cr,
            "medcrm_notify_log_digest_due_idx",
            self._table,
            ["date_next_try", "partner_id", "channel"],
            where="state = 'digest'",
        )

    @api.depends("res_model", "res_id")
    def _compute_record_ref(self):
        for log in self:
            record = log._get_record() if log.res_model and log.res_id else None
            # a link only to what the reader may open (a skipped "no access" row is visible to
            # its recipient, the record is not)
            if record is not None and record.has_access("read"):
                log.record_ref = f"{log.res_model},{log.res_id}"
            else:
                log.record_ref = False

    # ------------------------------------------------------------------
    # private helpers: selection
    # ------------------------------------------------------------------

    @api.model
    def _selection_event_code(self):
        return self.env["medcrm.notify.event"]._selection_event_code()

    @api.model
    def _selection_record_ref(self):
        events = self.env["medcrm.notify.event"]._medcrm_notify_events()
        models_ = sorted({spec["model"] for spec in events.values()})
        return [(name, self.env[name]._description) for name in models_ if name in self.env]

    # ------------------------------------------------------------------
    # private helpers: queueing (called by medcrm.notify.event._emit)
    # ------------------------------------------------------------------

    @api.model
    def _insert_rows(self, rows, chunk_size=1000):
        """Insert log rows; a row whose unique key exists already is ignored (not an error, so
        that a concurrent or repeated emission of the same occurrence cannot break the user's
        transaction). Return the number of rows inserted."""
        inserted = 0
        columns = SQL(", ").join(SQL.identifier(column) for column in LOG_COLUMNS)
        for start in range(0, len(rows), chunk_size):
            chunk = rows[start : start + chunk_size]
            values = SQL(", ").join(
                SQL("(%s)", SQL(", ").join(SQL("%s", row[column]) for column in LOG_COLUMNS))
                for row in chunk
            )
            self.env.cr.execute(
                SQL(
                    "INSERT INTO %s (%s) VALUES %s "
                    "ON CONFLICT (rule_id, occurrence_key, partner_id, channel) DO NOTHING",
                    SQL.identifier(self._table),
                    columns,
                    values,
                )
            )
            inserted += self.env.cr.rowcount
        return inserted

    @api.model
    def _trigger_dispatch_on_commit(self):
        """Wake the dispatcher once per transaction, when (and only if) it commits."""
        data = self.env.cr.precommit.data
        if data.get("medcrm_notify.trigger"):
            return
        data["medcrm_notify.trigger"] = True
        self.env.cr.precommit.add(self._trigger_dispatch)

    @api.model
    def _trigger_dispatch(self, at=None):
        self.env.ref("medcrm_notify.ir_cron_medcrm_notify_dispatch")._trigger(at)

    # ------------------------------------------------------------------
    # private helpers: dispatching
    # ------------------------------------------------------------------

    @api.model
    def _cron_dispatch(self, batch_size=100, max_batches=50):
        """Deliver up to ``batch_size * max_batches`` due notifications, one per transaction."""
        for _row in range(batch_size * max_batches):
            if not self._dispatch_batch(limit=1):
                return
            # Commit each delivery: an email accepted by the SMTP server is recorded as sent
            # before the next one leaves, so a worker killed in the middle of a run cannot
            # make the next run send it again (with a commit per batch, every email already
            # sent in the killed batch went out twice). The next row is locked afresh with
            # SKIP LOCKED, so concurrent runs still never share a row.
            self.env.cr.commit()  # pylint: disable=invalid-commit
        # More remains: come back at once rather than waiting for the next scheduled run.
        self._trigger_dispatch()

    @api.model
    def _dispatch_batch(self, limit=100):
        """Lock up to ``limit`` due rows that no other transaction holds, deliver them and record
        the outcome. Rows locked by a concurrent dispatcher are skipped, never sent twice."""
        rows = self.env.execute_query(
            SQL(
                "SELECT id FROM %s WHERE state IN ('queued', 'retry') AND date_next_try <= %s "
                "ORDER BY date_next_try, id LIMIT %s FOR UPDATE SKIP LOCKED",
                SQL.identifier(self._table),
                fields.Datetime.now(),
                limit,
            )
        )
        # sudo: the dispatcher acts for the system; each recipient's own rights are checked
        # in _get_skip_reason before anything is sent to them.
        logs = self.sudo().browse([row[0] for row in rows])
        logs.invalidate_recordset()
        for log in logs:
            log._deliver()
        return logs

    def _deliver(self):
        self.ensure_one()
        now = fields.Datetime.now()
        reason = self._get_skip_reason()
        if reason:
            self.write(
                {
                    "state": "skipped",
                    "skip_reason": reason,
                    "date_done": now,
                    "date_next_try": False,
                }
            )
            return
        quiet_end = self.rule_id._get_quiet_end(now, self.user_id.tz)
        if quiet_end:
            self.write(
                {
                    "date_next_try": quiet_end,
                    "note": self.env._("Held by the rule's quiet hours until %s (UTC).", quiet_end),
                }
            )
            self._trigger_dispatch(quiet_end)
            return
        error = False
        vals = {"attempt_count": self.attempt_count + 1}
        try:
            with self.env.cr.savepoint():
                if self.channel == "inbox":
                    vals["message_id"] = self._send_inbox().id
                else:
                    mail = self._send_email()
                    vals["mail_id"] = mail.id
                    if mail.state != "sent":
                        error = mail.failure_reason or self.env._("The email was not sent.")
        except Exception as exc:  # any failure is recorded on the row and retried
            error = f"{exc.__class__.__name__}: {exc}"
            _logger.info("Notification log %s: delivery failed", self.id, exc_info=True)
        if error:
            vals.update(self._prepare_failure_vals(error, now))
        else:
            vals.update(state="sent", error=False, date_done=now, date_next_try=False)
        self.write(vals)

    def _prepare_failure_vals(self, error, now):
        attempts = self.attempt_count + 1
        if attempts >= MAX_ATTEMPTS:
            return {"state": "failed", "error": error, "date_done": now, "date_next_try": False}
        delay = timedelta(minutes=RETRY_BASE_MINUTES * 2 ** (attempts - 1))
        self._trigger_dispatch(now + delay)
        return {"state": "retry", "error": error, "date_next_try": now + delay}

    # ------------------------------------------------------------------
    # private helpers: digests
    # ------------------------------------------------------------------

    @api.model
    def _cron_digest(self, group_limit=200, max_batches=20):
        """Deliver the digests whose period has ended, a batch of recipients at a time."""
        for _batch in range(max_batches):
            if not self._digest_batch(group_limit=group_limit):
                return
            # Commit each batch: its entries are recorded as sent (with the message) before
            # the next batch, so an interruption never sends them again.
            self.env.cr.commit()  # pylint: disable=invalid-commit

    @api.model
    def _digest_batch(self, group_limit=200):
        """Send one summary per (recipient, channel) whose digest entries are due. Return the
        number of summaries handled."""
        now = fields.Datetime.now()
        self.flush_model()
        groups = self.env.execute_query(
            SQL(
                "SELECT partner_id, channel FROM %s WHERE state = 'digest' AND date_next_try <= %s "
                "GROUP BY partner_id, channel ORDER BY min(date_next_try), partner_id, channel "
                "LIMIT %s",
                SQL.identifier(self._table),
                now,
                group_limit,
            )
        )
        for partner_id, channel in groups:
            rows = self.env.execute_query(
                SQL(
                    "SELECT id FROM %s WHERE state = 'digest' AND date_next_try <= %s "
                    "AND partner_id = %s AND channel = %s ORDER BY id FOR UPDATE SKIP LOCKED",
                    SQL.identifier(self._table),
                    now,
                    partner_id,
                    channel,
                )
            )
            # sudo: the digest job acts for the system; each entry is checked against the
            # recipient's own rights in _get_skip_reason before it is included.
            logs = self.sudo().browse([row[0] for row in rows])
            logs.invalidate_recordset()
            if logs:
                logs._deliver_digest(now)
        return len(groups)

    def _deliver_digest(self, now):
        """Deliver these due entries (one recipient, one channel) as one message."""
        included = self.browse()
        for log in self:
            reason = log._get_skip_reason()
            if reason:
                log.write(
                    {
                        "state": "skipped",
                        "skip_reason": reason,
                        "date_done": now,
                        "date_next_try": False,
                    }
                )
            else:
                included |= log
        if not included:
            return
        first = included[0]
        error = False
        vals = {}
        try:
            with self.env.cr.savepoint():
                subject, body = included._render_digest()
                if first.channel == "inbox":
                    partner = first.partner_id
                    vals["message_id"] = partner.message_notify(
                        partner_ids=partner.ids,
                        subject=subject,
                        body=body,
                        author_id=self.env.ref("base.partner_root").id,
                        email_layout_xmlid="mail.mail_notification_light",
                    ).id
                else:
                    mail = self.env["mail.mail"].create(
                        {
                            "subject": subject,
                            "body_html": body,
                            "email_from": first._default_email_from(),
                            "recipient_ids": [(4, first.partner_id.id)],
                            "auto_delete": False,
                            "message_type": "user_notification",
                        }
                    )
                    vals["mail_id"] = mail.id
                    mail.send(raise_exception=False)
                    if mail.state != "sent":
                        error = mail.failure_reason or self.env._("The email was not sent.")
        except Exception as exc:  # any failure is recorded on the entries and retried
            error = f"{exc.__class__.__name__}: {exc}"
            _logger.info("Notification digest for %s: failed", first.partner_id.id, exc_info=True)
        attempts = max(included.mapped("attempt_count")) + 1
        vals["attempt_count"] = attempts
        if not error:
            vals.update(state="sent", error=False, date_done=now, date_next_try=False)
        elif attempts >= MAX_ATTEMPTS:
            vals.update(state="failed", error=error, date_done=now, date_next_try=False)
        else:
            delay = timedelta(minutes=RETRY_BASE_MINUTES * 2 ** (attempts - 1))
            vals.update(error=error, date_next_try=now + delay)
        included.write(vals)

    def _render_digest(self):
        """(subject, body) of the summary of these entries, in the recipient's language."""
        lang = self[:1].partner_id.lang or self.env.lang
        logs = self.with_context(lang=lang)
        env = logs.env
        events = dict(self._fields["event_code"]._description_selection(env))
        items = Markup()
        for log in logs:
            line = Markup("<b>%s</b>: %s") % (
                events.get(log.event_code, log.event_code),
                log.record_name,
            )
            if log.details:
                line += Markup("<br/>%s") % log.details
            record = log._get_record()
            if log.user_id and record is not None:
                url = "{}/mail/view?{}".format(
                    record.get_base_url(),
                    url_encode({"model": log.res_model, "res_id": log.res_id}),
                )
                line += Markup(' <a href="%s">%s</a>') % (url, env._("Open"))
            items += Markup("<li>%s</li>") % line
        subject = env._("Digest: %s notifications", len(logs))
        body = Markup("<p>%s</p><ul>%s</ul><p><small>%s</small></p>") % (
            subject,
            items,
            env._("Rules: %s", ", ".join(sorted(set(logs.rule_id.mapped("name"))))),
        )
        return subject, body

    def _get_record(self):
        self.ensure_one()
        if self.res_model not in self.env:
            return None
        record = self.env[self.res_model].with_context(active_test=False).browse(self.res_id)
        return record if record.exists() else None

    def _get_skip_reason(self):
        self.ensure_one()
        if not self.rule_id.active:
            return "rule_inactive"
        record = self._get_record()
        if record is None:
            return "record_deleted"
        user = self.user_id.with_context(active_test=False)
        if not user:
            # a deal participant outside the company gets the email, nothing else: no access
            # check applies to the message sent to them, its content is the rule's
            if self.channel == "email" and self._is_external_participant(record):
                return False if self.partner_id.email else "no_email"
            return "no_user"
        if not user.active:
            return "inactive_user"
        if user.share:
            return "no_user"
        if not record.with_user(user).has_access("read"):
            return "no_access"
        if self.channel == "email" and not self.partner_id.email:
            return "no_email"
        return False

    def _is_external_participant(self, record):
        """Whether the recipient is (still) a participant of the record's deal with one of the
        rule's roles, without an internal user."""
        self.ensure_one()
        rule = self.rule_id
        partners = rule._get_participant_partners(rule._get_deal(record))
        return self.partner_id in partners and not self.partner_id.with_context(
            active_test=False
        ).user_ids.filtered(lambda u: not u.share)

    def _render(self):
        """Return (subject, body) in the recipient's language."""
        self.ensure_one()
        lang = self.partner_id.lang or self.env.lang
        self_lang = self.with_context(lang=lang)
        template = self.rule_id.template_id
        if template:
            template = template.with_context(lang=lang)
            subject = template._render_field("subject", [self.res_id])[self.res_id]
            body = template._render_field("body_html", [self.res_id])[self.res_id]
            return subject or self_lang._default_subject(), body
        return self_lang._default_subject(), self_lang._default_body()

    def _default_subject(self):
        event = dict(self._fields["event_code"]._description_selection(self.env)).get(
            self.event_code, self.event_code
        )
        return self.env._("%(event)s: %(record)s", event=event, record=self.record_name)

    def _default_body(self):
        record = self._get_record()
        url = "{}/mail/view?{}".format(
            record.get_base_url(), url_encode({"model": self.res_model, "res_id": self.res_id})
        )
        body = Markup("<p>%s</p>") % self._default_subject()
        if self.details:
            body += Markup("<p>%s</p>") % self.details
        if self.user_id:
            # a recipient without a user (an external deal participant) cannot open it
            body += Markup('<p><a href="%s">%s</a></p>') % (url, self.env._("Open the record"))
        body += Markup("<p><small>%s</small></p>") % self.env._(
            "Sent by the notification rule “%s”.", self.rule_id.name
        )
        return body

    def _send_inbox(self):
        subject, body = self._render()
        record = self._get_record()
        author = self.env.ref("base.partner_root")
        thread = self.env["mail.thread"]
        kwargs = {"model": self.res_model, "res_id": self.res_id}
        if hasattr(record, "message_notify"):
            thread, kwargs = record, {}
        return thread.message_notify(
            partner_ids=self.partner_id.ids,
            subject=subject,
            body=body,
            author_id=author.id,
            email_layout_xmlid="mail.mail_notification_light",
            **kwargs,
        )

    def _send_email(self):
        mail = self.mail_id
        if not mail:
            subject, body = self._render()
            template = self.rule_id.template_id
            email_from = (
                template
                and template.email_from
                and template._render_field("email_from", [self.res_id])[self.res_id]
            ) or self._default_email_from()
            mail = self.env["mail.mail"].create(
                {
                    "subject": subject,
                    "body_html": body,
                    "email_from": email_from,
                    "reply_to": email_from,
                    "recipient_ids": [(4, self.partner_id.id)],
                    "model": self.res_model,
                    "res_id": self.res_id,
                    "auto_delete": False,
                    "message_type": "user_notification",
                }
            )
        mail.mark_outgoing()
        mail.send(raise_exception=False)
        return mail

    def _default_email_from(self):
        record = self._get_record()
        company = (
            record.company_id
            if record is not None and "company_id" in record._fields and record.company_id
            else self.company_id or self.env.company
        )
        return (
            self.env["ir.mail_server"]._get_default_from_address()
            or company.email_formatted
            or self.env.ref("base.partner_root").email_formatted
        )

    @api.model
    def _cron_cleanup(self, batch_size=1000, max_batches=100):
        """Delete finished rows older than the retention (days, system parameter
        ``medcrm_notify.log_retention_days``; 0 keeps everything)."""
        for _batch in range(max_batches):
            if not self._cleanup_batch(limit=batch_size):
                return
            # Commit each batch: a long cleanup then neither holds locks for its whole run nor
            # loses its progress when it is interrupted.
            self.env.cr.commit()  # pylint: disable=invalid-commit

    @api.model
    def _cleanup_batch(self, limit=1000):
        days = int(
            self.env["ir.config_parameter"].sudo().get_param("medcrm_notify.log_retention_days", 0)
            or 0
        )
        if days <= 0:
            return 0
        limit_date = fields.Datetime.now() - timedelta(days=days)
        rows = self.env.execute_query(
            SQL(
                "SELECT id FROM %s WHERE state IN ('sent', 'failed', 'skipped') "
                "AND create_date < %s ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED",
                SQL.identifier(self._table),
                limit_date,
                limit,
            )
        )
        # sudo: the log is read-only for every user; only this retention job deletes from it.
        self.sudo().browse([row[0] for row in rows]).unlink()
        return len(rows)
