import textwrap

from odoo import api, models
from odoo.tools import format_date, html2plaintext


class CrmLead(models.Model):
    _inherit = "crm.lead"

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        self.env["medcrm.notify.event"]._emit(
            "lead_created", leads, occurrence_keys=dict.fromkeys(leads.ids, "created")
        )
        return leads

    def write(self, vals):
        Event = self.env["medcrm.notify.event"]
        watched = {"stage_id", "active", "probability"} & set(vals)
        if not watched or not Event._has_rules("lead_stage_changed", "lead_won", "lead_lost"):
            return super().write(vals)
        before = {lead.id: (lead.stage_id, lead._medcrm_notify_status()) for lead in self}
        result = super().write(vals)
        self._medcrm_notify_emit_changes(before)
        return result

    def action_set_lost(self, **additional_values):
        # The lost reason is written after the deal is archived: emit "lost" once it is there,
        # so that rules can filter on it.
        if not self.env["medcrm.notify.event"]._has_rules("lead_lost"):
            return super().action_set_lost(**additional_values)
        before = {lead.id: (lead.stage_id, lead._medcrm_notify_status()) for lead in self}
        result = super(CrmLead, self.with_context(medcrm_notify_defer_lost=True)).action_set_lost(
            **additional_values
        )
        self._medcrm_notify_emit_changes(before, only_lost=True)
        return result

    def _medcrm_pause(self, date_until, reason):
        fresh = self.filtered(lambda lead: not lead.is_paused)
        result = super()._medcrm_pause(date_until, reason)
        if fresh and self.env["medcrm.notify.event"]._has_rules("lead_paused"):
            # one occurrence per pause (its number): a pause extended later notifies nothing new
            self.env["medcrm.notify.event"]._emit(
                "lead_paused",
                fresh,
                occurrence_keys={lead.id: f"pause{lead.pause_count}" for lead in fresh},
                details={
                    lead.id: self.env._(
                        "Paused until %(date)s. Reason: %(reason)s",
                        date=format_date(self.env, lead.paused_until),
                        reason=lead.pause_reason or "",
                    )
                    for lead in fresh
                },
            )
        return result

    def _medcrm_resume(self, by_cron=False):
        resumed = super()._medcrm_resume(by_cron=by_cron)
        if resumed and self.env["medcrm.notify.event"]._has_rules("lead_resumed"):
            if by_cron:
                detail = self.env._("The pause has ended.")
            else:
                detail = self.env._("Resumed by %s.", self.env.user.name)
            self.env["medcrm.notify.event"]._emit(
                "lead_resumed",
                resumed,
                occurrence_keys={lead.id: f"resume{lead.pause_count}" for lead in resumed},
                details=dict.fromkeys(resumed.ids, detail),
            )
        return resumed

    def _message_post_after_hook(self, message, msg_values):
        result = super()._message_post_after_hook(message, msg_values)
        event_code = self._medcrm_notify_message_event(message)
        if event_code and self.env["medcrm.notify.event"]._has_rules(event_code):
            preview = textwrap.shorten(html2plaintext(message.body or ""), 300)
            detail = message.subject or ""
            if preview:
                detail = f"{detail}\n{preview}" if detail else preview
            self.env["medcrm.notify.event"]._emit(
                event_code,
                self,
                occurrence_keys=dict.fromkeys(self.ids, f"message{message.id}"),
                details=dict.fromkeys(self.ids, detail),
            )
        return result

    # ------------------------------------------------------------------
    # private helpers
    # ------------------------------------------------------------------

    def _medcrm_notify_status(self):
        """Won, lost or open, as the notification events see it."""
        self.ensure_one()
        if not self.active:
            return "lost" if not self.probability else "archived"
        return "won" if self.stage_id.is_won else "open"

    def _medcrm_notify_emit_changes(self, before, only_lost=False):
        Event = self.env["medcrm.notify.event"]
        moved, won, lost = self.browse(), self.browse(), self.browse()
        values, details = {}, {}
        for lead in self:
            old_stage, old_status = before[lead.id]
            if lead.stage_id != old_stage and not only_lost:
                moved |= lead
                values[lead.id] = {
                    "stage_from_id": old_stage.id,
                    "stage_to_id": lead.stage_id.id,
                }
                details[lead.id] = self.env._(
                    "Stage: %(old)s → %(new)s",
                    old=old_stage.name or "-",
                    new=lead.stage_id.name or "-",
                )
            status = lead._medcrm_notify_status()
            if status != old_status and status == "won" and not only_lost:
                won |= lead
            elif status != old_status and status == "lost":
                lost |= lead
        if self.env.context.get("medcrm_notify_defer_lost"):
            lost = self.browse()
        if moved:
            Event._emit(
                "lead_stage_changed",
                moved,
                occurrence_keys={lead.id: f"to{values[lead.id]['stage_to_id']}" for lead in moved},
                details=details,
                values=values,
                per_transaction=True,
            )
        if won:
            Event._emit("lead_won", won)
        if lost:
            Event._emit(
                "lead_lost",
                lost,
                details={
                    lead.id: self.env._("Lost reason: %s", lead.lost_reason_id.name)
                    for lead in lost
                    if lead.lost_reason_id
                },
            )

    def _medcrm_notify_message_event(self, message):
        """Classify a message posted on the deal as a communication event (or None)."""
        if message.message_type == "email":
            return "lead_email_in"
        if message.mail_activity_type_id:
            return "lead_note"
        if message.message_type == "comment":
            if message.is_internal or message.subtype_id.internal:
                return "lead_note"
            return "lead_email_out"
        return None
