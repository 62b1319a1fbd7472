from odoo import api, models
from odoo.tools import SQL


class MedcrmNotifyEvent(models.AbstractModel):
    """The catalogue of events that notification rules can react to, and the one entry point
    (``_emit``) through which business code reports that an event happened.

    Other add-ons declare their events by overriding ``_medcrm_notify_events`` and call
    ``self.env["medcrm.notify.event"]._emit(code, records, ...)`` where the event happens.
    See readme/CONFIGURE.md.
    """

    _name = "medcrm.notify.event"
    _description = "Notification Event Catalogue"

    @api.model
    def _medcrm_notify_events(self):
        """Return the event catalogue: ``{code: spec}``.

        ``spec`` keys: ``name`` (label, translated), ``model`` (the model of the event's record,
        on which the rule's filter applies), ``date_field`` (a field of that model, or a path,
        telling when the event last happened; used by the preview), ``sequence`` (order in the
        selection). Override, call ``super()`` and add your codes.
        """
        deal, task = "crm.lead", "medcrm.task"
        events = [
            # (code, name, model, date_field, sequence)
            ("partner_created", self.env._("Customer created"), "res.partner", "create_date", 10),
            ("lead_created", self.env._("Deal created"), deal, "create_date", 20),
            (
                "lead_stage_changed",
                self.env._("Deal stage changed"),
                deal,
                "date_last_stage_update",
                30,
            ),
            ("lead_won", self.env._("Deal won"), deal, "date_closed", 40),
            ("lead_lost", self.env._("Deal lost"), deal, "date_closed", 50),
            ("lead_paused", self.env._("Deal paused"), deal, "date_paused", 52),
            ("lead_resumed", self.env._("Deal resumed"), deal, "pause_ids.date_end", 54),
            ("lead_email_in", self.env._("Deal: incoming email"), deal, "message_ids.date", 60),
            (
                "lead_email_out",
                self.env._("Deal: outgoing message sent"),
                deal,
                "message_ids.date",
                70,
            ),
            (
                "lead_note",
                self.env._("Deal: note, call or activity logged"),
                deal,
                "message_ids.date",
                80,
            ),
            (
                "lead_interaction_done",
                self.env._("Deal: interaction done"),
                deal,
                "medcrm_interaction_ids.date_done",
                85,
            ),
            (
                "lead_meeting",
                self.env._("Deal: meeting planned"),
                deal,
                "calendar_event_ids.create_date",
                90,
            ),
            (
                "lead_activity_overdue",
                self.env._("Deal: activity overdue"),
                deal,
                "activity_ids.date_deadline",
                100,
            ),
            ("task_created", self.env._("Task created"), task, "create_date", 110),
            (
                "task_changed",
                self.env._("Task changed (assignee, state, deadline)"),
                task,
                "write_date",
                120,
            ),
            ("task_overdue", self.env._("Task overdue"), task, "date_deadline", 130),
            (
                "task_deadline_near",
                self.env._("Task deadline approaching"),
                task,
                "date_deadline",
                140,
            ),
        ]
        return {
            code: {"name": name, "model": model, "date_field": date_field, "sequence": sequence}
            for code, name, model, date_field, sequence in events
        }

    @api.model
    def _selection_event_code(self):
        events = self._medcrm_notify_events()
        ordered = sorted(events.items(), key=lambda item: (item[1].get("sequence", 100), item[0]))
        return [(code, spec["name"]) for code, spec in ordered]

    @api.model
    def _get_event_spec(self, event_code):
        return self._medcrm_notify_events().get(event_code)

    @api.model
    def _emit(
        self,
        event_code,
        records,
        occurrence_keys=None,
        details=None,
        values=None,
        per_transaction=None,
    ):
        """Report that ``event_code`` happened on ``records``; queue the notifications due.

        Call it in the transaction of the business change: the queued rows are committed or
        rolled back with it, and a dispatcher sends them after the commit.

        :param str event_code: a code of ``_medcrm_notify_events()``
        :param records: recordset of the event's model
        :param dict occurrence_keys: ``{record id: str}`` identifying this occurrence of the event
            on that record: two emissions with the same key notify once, ever. E.g. ``"created"``,
            a message id, or a task id with its deadline.
        :param bool per_transaction: make the key unique to the current database transaction as
            well (default: when no ``occurrence_keys`` are given), for events that may recur
            on the same record (stage changes, won, lost): repeated in one transaction they
            notify once, in a later transaction again.
        :param dict details: ``{record id: str}``, a human-readable detail of the occurrence
            (shown in the message and the log)
        :param dict values: ``{record id: dict}``, facts about the occurrence that rules may
            filter on besides their domain (e.g. ``{"stage_from_id": 3, "stage_to_id": 5}``)
        :return: number of log rows queued
        """
        if not records:
            return 0
        if per_transaction is None:
            per_transaction = not occurrence_keys
        return self._queue_notifications(
            event_code, records, occurrence_keys or {}, details or {}, values or {}, per_transaction
        )

    @api.model
    def _has_rules(self, *event_codes):
        """Whether an active rule listens to one of these events (no query once cached):
        callers skip preparing an emission that nobody listens to."""
        Rule = self.env["medcrm.notify.rule"]
        return any(Rule._get_rule_ids_for_event(code) for code in event_codes)

    # ------------------------------------------------------------------
    # private helpers
    # ------------------------------------------------------------------

    @api.model
    def _queue_notifications(
        self, event_code, records, occurrence_keys, details, values, per_transaction
    ):
        # sudo: rules and their recipients are configuration the acting user (a salesperson
        # moving a deal) may not read in full; the rows written are read-only for users and
        # the dispatcher checks each recipient's own access before sending anything.
        rules = self.env["medcrm.notify.rule"].sudo()._get_rules_for_event(event_code)
        if not rules:
            return 0
        records = records.sudo().with_context(active_test=False)
        matched = rules._match_records(records, values)
        if not matched:
            return 0
        suffix = ""
        if per_transaction:
            txid = self.env.execute_query(SQL("SELECT pg_current_xact_id()::text"))[0][0]
            suffix = f"tx{txid}"
        occurrence_keys = {
            rec.id: ":".join(filter(None, [occurrence_keys.get(rec.id), suffix])) or "once"
            for rec in records
        }
        rows = []
        for rule, rule_records in matched:
            rows += rule._prepare_log_rows(event_code, rule_records, occurrence_keys, details)
        count = self.env["medcrm.notify.log"]._insert_rows(rows)
        if count:
            self.env["medcrm.notify.log"]._trigger_dispatch_on_commit()
        return count
