import logging
from datetime import timedelta

from markupsafe import Markup
from werkzeug.urls import url_encode

from odoo import api, fields, models
from odoo.tools import SQL, create_index

_logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
RETRY_BASE_MINUTES = 5
# States the dispatcher picks up when their date_next_try has come ("sending": interrupted).
DUE_STATES = ("queued", "retry", "sending")
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
    # the partner's own name: its display name starts with the company of an employee's contact
    recipient_name = fields.Char(related="partner_id.name", string="Recipient Name")
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
            ("sending", "Being sent"),
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
        # long the log grows. (It replaces medcrm_notify_log_due_idx, which lacked "sending".)
        self.env.cr.execute("DROP INDEX IF EXISTS medcrm_notify_log_due_idx")
        create_index(
            self.env.cr,
            "medcrm_notify_log_pending_idx",
            self._table,
            ["date_next_try", "id"],
            where=f"state IN {DUE_STATES}",
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
            if not self._dispatch_batch(limit=1, commit_before_smtp=True):
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
    def _dispatch_batch(self, limit=100, commit_before_smtp=False):
        """Lock up to ``limit`` due rows that no other transaction holds, deliver them and record
        the outcome. Rows locked by a concurrent dispatcher are skipped, never sent twice.

        A row left "sending" is due at once: the worker that was sending it stopped before
        recording the result (its lock is gone with its transaction); its email is sent again.
        ``commit_before_smtp`` (the cron, one row per call) commits each email with its
        Message-ID before the SMTP server is contacted, see ``_deliver``."""
        if commit_before_smtp:
            limit = 1  # a commit releases the locks of every row of the batch
        rows = self.env.execute_query(
            SQL(
                "SELECT id FROM %s WHERE state IN %s AND date_next_try <= %s "
                "ORDER BY date_next_try, id LIMIT %s FOR UPDATE SKIP LOCKED",
                SQL.identifier(self._table),
                DUE_STATES,
                fields.Datetime.now(),
                limit,
            )
        )
        # sudo: the dispatcher acts for the system; each recipient's own rights are checked
        # in _get_skip_reason before anything is sent to them.
        logs = self.sudo().browse([row[0] for row in rows])
        logs.invalidate_recordset()
        for log in logs:
            log._deliver(commit_before_smtp=commit_before_smtp)
        return logs

    def _deliver(self, commit_before_smtp=False):
        """Deliver this locked row and record the outcome.

        An email goes in two steps: its ``mail.mail`` is created (which fixes its Message-ID)
        and the row marked "sending"; with ``commit_before_smtp`` that is committed before the
        SMTP server is contacted. A worker killed after the server accepted the message and
        before the outcome was committed (the SMTP window of RFC 1047) thus leaves the row
        "sending": the next run sends the SAME mail again, with the same Message-ID, so a
        receiving server that got the first copy drops the second; the row's note says so."""
        self.ensure_one()
        now = fields.Datetime.now()
        if self.state == "sending":
            self.write(
                {
                    "attempt_count": self.attempt_count + 1,
                    "note": self._resent_note(now, self.mail_id),
                }
            )
        elif self._skip_or_hold(now):
            return
        elif self.channel == "email":
            error = self._prepare_email(now)
            if error:
                self.write(self._prepare_failure_vals(error, now))
                return
            if commit_before_smtp:
                # The cron's per-delivery transaction: the email and its Message-ID are
                # committed before SMTP, see the docstring.
                self.env.cr.commit()  # pylint: disable=invalid-commit
                if not self._lock_rows(SQL("state = 'sending'")):
                    return  # another run took the row over in the meantime and delivers it
        error = False
        vals = {}
        try:
            with self.env.cr.savepoint():
                if self.channel == "inbox":
                    vals["attempt_count"] = self.attempt_count + 1
                    vals["message_id"] = self._send_inbox().id
                else:
                    error = self._send_prepared_email()
        except Exception as exc:  # any failure is recorded on the row and retried
            error = f"{exc.__class__.__name__}: {exc}"
            _logger.info("Notification log %s: delivery failed", self.id, exc_info=True)
        if error:
            vals.update(self._prepare_failure_vals(error, now, vals.get("attempt_count")))
        else:
            vals.update(state="sent", error=False, date_done=now, date_next_try=False)
        self.write(vals)

    def _resent_note(self, now, mail):
        return self.env._(
            "Interrupted while being sent (the worker stopped before recording the result); "
            "sent again on %(date)s (UTC) with the same Message-ID %(message_id)s, so a mail "
            "server that got the first copy drops this one.",
            date=now,
            message_id=mail.message_id,
        )

    def _skip_or_hold(self, now):
        """Record why this row is not delivered now (a skip reason, the rule's quiet hours) and
        return True, or return False when it is to be delivered."""
        if self._skip_if_unreachable(now):
            return True
        quiet_end = self.rule_id._get_quiet_end(
            now,
            self.rule_id._get_recipient_tz(self.partner_id, self.company_id or self.env.company),
        )
        if quiet_end:
            self.write(
                {
                    "date_next_try": quiet_end,
                    "note": self.env._("Held by the rule's quiet hours until %s (UTC).", quiet_end),
                }
            )
            self._trigger_dispatch(quiet_end)
            return True
        return False

    def _lock_rows(self, condition):
        """Lock these rows again after a commit, if all of them still meet ``condition`` (an
        ``SQL`` condition); False when another run holds or has changed any of them since."""
        self.invalidate_recordset()
        rows = self.env.execute_query(
            SQL(
                "SELECT id FROM %s WHERE id IN %s AND %s FOR UPDATE SKIP LOCKED",
                SQL.identifier(self._table),
                tuple(self.ids),
                condition,
            )
        )
        return len(rows) == len(self)

    def _prepare_failure_vals(self, error, now, attempts=None):
        attempts = attempts or self.attempt_count
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
            if not self._digest_batch(group_limit=group_limit, commit=True):
                return

    @api.model
    def _digest_batch(self, group_limit=200, commit=False):
        """Send one summary per (recipient, channel) whose digest entries are due. Return the
        number of summaries handled. With ``commit`` (the cron), each summary is committed
        before the next: an interruption never sends the ones before it again."""
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
                logs._deliver_digest(now, commit_before_smtp=commit)
            if commit:
                # The cron's transaction per summary: what it sent is recorded before the next
                # one leaves (the next group's entries are locked afresh, SKIP LOCKED).
                self.env.cr.commit()  # pylint: disable=invalid-commit
        return len(groups)

    def _deliver_digest(self, now, commit_before_smtp=False):
        """Deliver these due entries (one recipient, one channel) as one message."""
        included = self.browse()
        for log in self:
            if not log._skip_if_unreachable(now):
                included |= log
        if not included:
            return
        if included[0].channel == "email":
            # entries whose summary was made before (a failed or interrupted sending) get that
            # same email again; the others a new one
            by_mail = {}
            for log in included:
                by_mail[log.mail_id] = by_mail.get(log.mail_id, self.browse()) | log
            for logs in by_mail.values():
                logs._send_digest_email(now, commit_before_smtp)
            return
        first = included[0]
        error = False
        vals = {}
        try:
            with self.env.cr.savepoint():
                subject, body = included._render_digest()
                partner = first.partner_id
                vals["message_id"] = partner.message_notify(
                    partner_ids=partner.ids,
                    subject=subject,
                    body=body,
                    author_id=self.env.ref("base.partner_root").id,
                    email_layout_xmlid="mail.mail_notification_light",
                ).id
        except Exception as exc:  # any failure is recorded on the entries and retried
            error = f"{exc.__class__.__name__}: {exc}"
            _logger.info("Notification digest for %s: failed", first.partner_id.id, exc_info=True)
        included._record_digest_outcome(vals, error, now)

    def _send_digest_email(self, now, commit_before_smtp):
        """Send these entries' summary by email, in two steps as ``_deliver`` does: the email
        (its Message-ID) is made and, with ``commit_before_smtp``, committed before the SMTP
        server is contacted. Entries that have an email already and no error were interrupted
        after that commit: their email is sent again, same Message-ID, and their note says so."""
        first = self[0]
        mail = self.mail_id
        error = False
        if mail and not any(self.mapped("error")):
            self.write({"note": self._resent_note(now, mail)})
        try:
            with self.env.cr.savepoint():
                if not mail:
                    subject, body = self._render_digest()
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
                    self.write({"mail_id": mail.id})
                mail.write(first._held_mail_vals())
        except Exception as exc:  # any failure is recorded on the entries and retried
            error = f"{exc.__class__.__name__}: {exc}"
            _logger.info("Notification digest for %s: failed", first.partner_id.id, exc_info=True)
        if not error and commit_before_smtp:
            self.env.cr.commit()  # pylint: disable=invalid-commit
            if not self._lock_rows(SQL("state = 'digest' AND mail_id = %s", mail.id)):
                return  # another run took them over in the meantime
        if not error:
            try:
                with self.env.cr.savepoint():
                    error = first._send_prepared_email()
            except Exception as exc:  # any failure is recorded on the entries and retried
                error = f"{exc.__class__.__name__}: {exc}"
                _logger.info("Notification digest %s: failed", mail.id, exc_info=True)
        self._record_digest_outcome({}, error, now)

    def _record_digest_outcome(self, vals, error, now):
        attempts = max(self.mapped("attempt_count")) + 1
        vals["attempt_count"] = attempts
        if not error:
            vals.update(state="sent", error=False, date_done=now, date_next_try=False)
        elif attempts >= MAX_ATTEMPTS:
            vals.update(state="failed", error=error, date_done=now, date_next_try=False)
        else:
            delay = timedelta(minutes=RETRY_BASE_MINUTES * 2 ** (attempts - 1))
            vals.update(error=error, date_next_try=now + delay)
        self.write(vals)

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

    def _skip_if_unreachable(self, now):
        """Mark this row skipped, with the reason, if it must not reach its recipient (see
        _get_skip_reason); return whether it was."""
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
        return bool(reason)

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

    def _prepare_email(self, now):
        """Create this row's email if it has none yet (a retry reuses it, and so its Message-ID)
        and mark the row "sending"; return an error message when the email cannot be made
        (e.g. the rule's template fails). The email is not left "outgoing": only the dispatcher,
        holding this row's lock, sends it (Odoo's own mail queue must not send it beside us)."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                mail = self.mail_id or self._create_email()
                mail.write(self._held_mail_vals())
                self.write(
                    {
                        "state": "sending",
                        "mail_id": mail.id,
                        "attempt_count": self.attempt_count + 1,
                        "date_next_try": now,
                    }
                )
        except Exception as exc:  # a template or address error is recorded and retried
            _logger.info("Notification log %s: email not prepared", self.id, exc_info=True)
            self.invalidate_recordset()
            self.write({"attempt_count": self.attempt_count + 1})
            return f"{exc.__class__.__name__}: {exc}"
        return False

    def _held_mail_vals(self):
        """An email made by the dispatcher is not left "outgoing" while it is not being sent:
        only the dispatcher, holding the log rows' lock, sends it (never Odoo's mail queue
        beside it)."""
        return {
            "state": "exception",
            "failure_reason": self.env._(
                "Held for the notification dispatcher, which sends it (notification log entry %s).",
                self.id,
            ),
        }

    def _create_email(self):
        subject, body = self._render()
        template = self.rule_id.template_id
        email_from = (
            template
            and template.email_from
            and template._render_field("email_from", [self.res_id])[self.res_id]
        ) or self._default_email_from()
        return self.env["mail.mail"].create(
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

    def _send_prepared_email(self):
        """Send this row's email through SMTP; return the error, or False once it is sent."""
        mail = self.mail_id
        mail.mark_outgoing()
        mail.send(raise_exception=False)
        if mail.state != "sent":
            return mail.failure_reason or self.env._("The email was not sent.")
        return False

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
