from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL, create_index

MAX_ATTEMPTS = 5
RETRY_BASE_MINUTES = 5
# States the dispatcher picks up when their date_next_try has come ("sending": interrupted).
DUE_STATES = ("queued", "retry", "sending")
# the columns of a new row (_insert_rows)
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


def format_error(exc):
    """The text a failed delivery records on its row."""
    return f"{exc.__class__.__name__}: {exc}"


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
    def _prepare_row(self, vals, now, skip_reason=None, digest_at=None):
        """A new row for ``_insert_rows``: ``vals`` (what happened, to whom, on which channel)
        with its state: skipped for ``skip_reason``, waiting for the digest sent at
        ``digest_at``, else queued; and the metadata the ORM would write."""
        if skip_reason:
            state = {"state": "skipped", "skip_reason": skip_reason, "date_done": now}
        else:
            state = {
                "state": "digest" if digest_at else "queued",
                "date_next_try": digest_at or now,
            }
        uid = self.env.uid
        meta = {"create_uid": uid, "create_date": now, "write_uid": uid, "write_date": now}
        row = dict.fromkeys(LOG_COLUMNS) | {"attempt_count": 0} | meta | vals | state
        return {column: None if value is False else value for column, value in row.items()}

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

    def _prepare_outcome_vals(self, error, now, attempts):
        """The values recording the outcome of a delivery's attempt number ``attempts``: sent;
        or, after ``error``, tried again later (an exponential back-off), failed for good
        after MAX_ATTEMPTS. A digest entry stays waiting for the digest job; another row is
        retried by the dispatcher."""
        if not error:
            return {"state": "sent", "error": False, "date_done": now, "date_next_try": False}
        if attempts >= MAX_ATTEMPTS:
            return {"state": "failed", "error": error, "date_done": now, "date_next_try": False}
        date_next_try = now + timedelta(minutes=RETRY_BASE_MINUTES * 2 ** (attempts - 1))
        if self[:1].state == "digest":
            return {"error": error, "date_next_try": date_next_try}
        self._trigger_dispatch(date_next_try)
        return {"state": "retry", "error": error, "date_next_try": date_next_try}

    @api.model
    def _lock_free_rows(self, condition, order=None, limit=None):
        """The rows meeting ``condition`` (an ``SQL`` condition) that no other transaction
        holds, locked for this one: concurrent jobs never share a row."""
        rows = self.env.execute_query(
            SQL(
                "SELECT id FROM %s WHERE %s ORDER BY %s %s FOR UPDATE SKIP LOCKED",
                SQL.identifier(self._table),
                condition,
                order or SQL("id"),
                SQL("LIMIT %s", limit) if limit else SQL(),
            )
        )
        # sudo: the log is read-only for every user; its jobs act for the system (each
        # recipient's own rights are checked in _get_skip_reason before anything is sent).
        logs = self.sudo().browse([row[0] for row in rows])
        logs.invalidate_recordset()
        return logs

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
        logs = self._lock_free_rows(
            SQL("state IN ('sent', 'failed', 'skipped') AND create_date < %s", limit_date),
            limit=limit,
        )
        logs.unlink()
        return len(logs)
