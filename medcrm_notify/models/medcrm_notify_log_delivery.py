import logging

from markupsafe import Markup
from werkzeug.urls import url_encode

from odoo import api, fields, models
from odoo.tools import SQL

from .medcrm_notify_log import DUE_STATES, format_error

_logger = logging.getLogger(__name__)


class MedcrmNotifyLog(models.Model):
    """Delivery of the queued rows: the dispatcher (one row at a time, at once or after quiet
    hours), the digests, and the messages they send."""

    _inherit = "medcrm.notify.log"

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
        logs = self._lock_free_rows(
            SQL("state IN %s AND date_next_try <= %s", DUE_STATES, fields.Datetime.now()),
            order=SQL("date_next_try, id"),
            limit=limit,
        )
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
                self.write(self._prepare_outcome_vals(error, now, self.attempt_count))
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
            error = format_error(exc)
            _logger.info("Notification log %s: delivery failed", self.id, exc_info=True)
        attempts = vals.get("attempt_count") or self.attempt_count
        self.write(vals | self._prepare_outcome_vals(error, now, attempts))

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
        locked = self._lock_free_rows(SQL("id IN %s AND %s", tuple(self.ids), condition))
        return len(locked) == len(self)

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
            logs = self._lock_free_rows(
                SQL(
                    "state = 'digest' AND date_next_try <= %s AND partner_id = %s AND channel = %s",
                    now,
                    partner_id,
                    channel,
                )
            )
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
            error = format_error(exc)
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
            error = format_error(exc)
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
                error = format_error(exc)
                _logger.info("Notification digest %s: failed", mail.id, exc_info=True)
        self._record_digest_outcome({}, error, now)

    def _record_digest_outcome(self, vals, error, now):
        attempts = max(self.mapped("attempt_count")) + 1
        vals["attempt_count"] = attempts
        self.write(vals | self._prepare_outcome_vals(error, now, attempts))

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
            return format_error(exc)
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
