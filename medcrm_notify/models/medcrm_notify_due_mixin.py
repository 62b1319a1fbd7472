from odoo import api, models


class MedcrmNotifyDueMixin(models.AbstractModel):
    """Timed events ("due and not yet notified"): one scan for every model that reports them.

    A model inherits this mixin and declares its timed events in ``_medcrm_notify_due_events``
    (``{event code: marker field}``, the stored field remembering that a record was reported:
    a flag, or the value it was reported for). A scan selects, from stored and indexed state
    (a partial index on the marker keeps its cost to the records due), the records due for an
    event and not reported yet, emits the event and sets their marker: downtime loses nothing,
    and the log's unique occurrence key stops a second notification if two scans overlap.

    Hooks: ``_medcrm_notify_due_domain`` (or ``_medcrm_notify_due_search`` for a scan the ORM
    cannot express), ``_medcrm_notify_due_emissions`` (what to emit) and
    ``_medcrm_notify_due_mark`` (how to set the marker).
    """

    _name = "medcrm.notify.due.mixin"
    _description = "Timed Notification Events"
    # the order of a scan: the oldest due first
    _medcrm_notify_due_order = "id"

    @api.model
    def _medcrm_notify_due_events(self):
        """``{event code: marker field}`` of this model's timed events."""
        return {}

    @api.model
    def _medcrm_notify_due_domain(self, event_code):
        """The records due for ``event_code`` and not reported yet."""
        raise NotImplementedError

    @api.model
    def _medcrm_notify_due_search(self, event_code, rules, limit, after=None):
        """Up to ``limit`` records due for ``event_code`` (``rules`` listen to it), in scan
        order; ``after``, the last record of the previous batch of the same run, for a scan
        whose records may stay unmarked (the default scan marks all it reads)."""
        # sudo: the scan runs for the system; recipients' access is checked at delivery.
        return self.sudo().search(
            self._medcrm_notify_due_domain(event_code),
            order=self._medcrm_notify_due_order,
            limit=limit,
        )

    def _medcrm_notify_due_emissions(self, event_code, rules):
        """What to emit for these due records: a list of ``(records of the event's model,
        occurrence keys, details, values)``, see ``medcrm.notify.event._emit``."""
        raise NotImplementedError

    def _medcrm_notify_due_mark(self, event_code, rules):
        """Remember that these records were reported for ``event_code``."""
        # sudo: a marker of the notification machinery, not a business change (the user who
        # caused an immediate report may not write on the record).
        self.sudo().write({self._medcrm_notify_due_events()[event_code]: True})

    @api.model
    def _medcrm_notify_due_batch(self, event_code, limit=500, after=None):
        """Report up to ``limit`` records due for ``event_code``; return the records read
        (nothing when no rule listens to the event: no query once the rules are cached)."""
        rules = self.env["medcrm.notify.rule"].sudo()._get_rules_for_event(event_code)
        if not rules:
            return self.browse()
        due = self._medcrm_notify_due_search(event_code, rules, limit, after)
        due._medcrm_notify_due_report(event_code, rules)
        return due

    def _medcrm_notify_due_report(self, event_code, rules=None):
        """Emit ``event_code`` on these records (due for it) and mark them."""
        if rules is None:
            rules = self.env["medcrm.notify.rule"].sudo()._get_rules_for_event(event_code)
        if not self or not rules:
            return
        Event = self.env["medcrm.notify.event"]
        for records, keys, details, values in self._medcrm_notify_due_emissions(event_code, rules):
            Event._emit(event_code, records, occurrence_keys=keys, details=details, values=values)
        self._medcrm_notify_due_mark(event_code, rules)

    @api.model
    def _cron_medcrm_notify_due(self, batch_size=500, max_batches=20):
        """Report this model's timed events, a batch at a time."""
        for event_code in self._medcrm_notify_due_events():
            after = None
            for _batch in range(max_batches):
                due = self._medcrm_notify_due_batch(event_code, limit=batch_size, after=after)
                # Commit each batch: what it reported is marked before the next batch, so an
                # interruption resumes where it stopped (and the log's unique key would anyway
                # refuse a second notification).
                self.env.cr.commit()  # pylint: disable=invalid-commit
                if len(due) < batch_size:
                    break
                after = due[-1:]
