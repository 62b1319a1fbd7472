from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .medcrm_interaction_type import MAX_REMINDER_HOURS

CRON_CHUNK = 200


class MedcrmInteraction(models.Model):
    _name = "medcrm.interaction"
    _inherit = ["mail.thread"]
    _description = "Customer Interaction"
    _order = "date_planned desc, id desc"

    name = fields.Char("Subject", required=True, tracking=True)
    type_id = fields.Many2one(
        "medcrm.interaction.type", required=True, index=True, ondelete="restrict"
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    user_id = fields.Many2one(
        "res.users",
        "Owner",
        default=lambda self: self.env.user,
        required=True,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    lead_id = fields.Many2one("crm.lead", "Deal", index="btree_not_null", ondelete="cascade")
    partner_id = fields.Many2one(
        "res.partner",
        "Customer",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
    )
    participant_ids = fields.Many2many(
        "res.partner",
        string="Participants",
        help="The people on the customer's side who take part.",
    )
    date_planned = fields.Datetime(
        "Planned For", required=True, default=fields.Datetime.now, tracking=True, index=True
    )
    date_reminder = fields.Datetime(
        "Remind At",
        compute="_compute_date_reminder",
        store=True,
        index=True,
        help="The planned date minus the reminder lead time of the type.",
    )
    date_done = fields.Datetime("Done On", copy=False, tracking=True)
    result = fields.Text(copy=False, help="What came out of it: a short summary.")
    next_step = fields.Text(copy=False)
    is_overdue = fields.Boolean(
        "Overdue",
        index=True,
        readonly=True,
        copy=False,
        help="Still planned although its date has passed (updated by a scheduled job).",
    )
    is_reminder_sent = fields.Boolean(readonly=True, copy=False)
    is_overdue_reminder_sent = fields.Boolean(readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, required=True, index=True
    )
    calendar_event_id = fields.Many2one(
        "calendar.event",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )

    @api.depends("lead_id")
    def _compute_partner_id(self):
        for interaction in self:
            if interaction.lead_id.partner_id:
                interaction.partner_id = interaction.lead_id.partner_id

    @api.depends("date_planned", "type_id.reminder_hours")
    def _compute_date_reminder(self):
        for interaction in self:
            if interaction.date_planned:
                # bounded as the type's constraint bounds it: that constraint is checked when
                # the type is saved, after this recompute
                hours = min(max(interaction.type_id.reminder_hours, 0), MAX_REMINDER_HOURS)
                interaction.date_reminder = interaction.date_planned - timedelta(hours=hours)
            else:
                interaction.date_reminder = False

    @api.constrains("lead_id")
    def _check_lead_id_readable(self):
        self.lead_id._medcrm_check_linkable(
            self, self._fields["lead_id"]._description_string(self.env)
        )

    @api.constrains("state", "result")
    def _check_result(self):
        self.filtered(lambda i: i.state == "done")._medcrm_check_result()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("state") == "done" and not vals.get("date_done"):
                vals["date_done"] = fields.Datetime.now()
        return super().create(vals_list)

    def write(self, vals):
        result = super().write(vals)
        if "date_planned" in vals or "type_id" in vals:
            # moved to a new future date: its reminders are due again
            now = fields.Datetime.now()
            self.filtered(lambda i: i.state == "planned" and i.date_planned > now).write(
                {"is_overdue": False, "is_reminder_sent": False, "is_overdue_reminder_sent": False}
            )
        if vals.get("state") in ("done", "cancelled"):
            self.filtered("is_overdue").write({"is_overdue": False})
        if "date_planned" in vals:
            for interaction in self.filtered("calendar_event_id"):
                interaction._medcrm_move_calendar_event()
        return result

    def action_done(self):
        for interaction in self:
            if interaction.state != "planned":
                raise UserError(
                    self.env._(
                        "Interaction '%s' is not planned any more, so it cannot be marked done.",
                        interaction.name,
                    )
                )
        self._medcrm_check_result()
        self.write({"state": "done", "date_done": fields.Datetime.now()})
        return True

    def action_cancel(self):
        self.filtered(lambda i: i.state == "planned").write({"state": "cancelled"})
        return True

    def action_open_calendar_event(self):
        """Put the interaction in the owner's Odoo calendar (once), and open the event."""
        self.ensure_one()
        if not self.calendar_event_id:
            if self.state != "planned":
                raise UserError(
                    self.env._(
                        "Interaction '%s' is not planned any more: only planned ones go to the "
                        "calendar.",
                        self.name,
                    )
                )
            # attendees are listed, but not emailed: inviting a customer is the user's decision,
            # taken from the event itself
            event = (
                self.env["calendar.event"]
                .with_context(no_mail_to_attendees=True)
                .create(
                    {
                        "name": self.env._(
                            "%(type)s: %(name)s", type=self.type_id.name, name=self.name
                        ),
                        "start": self.date_planned,
                        "stop": self.date_planned + timedelta(hours=1),
                        "user_id": self.user_id.id,
                        "partner_ids": [
                            (6, 0, (self.user_id.partner_id | self.participant_ids).ids)
                        ],
                        "opportunity_id": self.lead_id.id,
                        "description": self.next_step or False,
                    }
                )
            )
            self.calendar_event_id = event
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "res_id": self.calendar_event_id.id,
            "view_mode": "form",
        }

    def action_plan_next(self):
        """Open a new planned interaction on the same deal, the next step as its subject."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "medcrm.interaction",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_lead_id": self.lead_id.id,
                "default_partner_id": self.partner_id.id,
                "default_type_id": self.type_id.id,
                "default_participant_ids": self.participant_ids.ids,
                "default_name": (self.next_step or self.name).strip()[:200],
            },
        }

    @api.model
    def _cron_send_reminders(self, chunk_size=CRON_CHUNK):
        """Remind owners before planned interactions and when they are overdue, a chunk per run.

        Each reminder is sent once: its flag is stored in the same transaction as the message,
        so that a rerun never sends it again. When a chunk was full the cron reports what remains
        and Odoo runs it again after committing. Returns the number still to process.
        """
        now = fields.Datetime.now()
        before_domain = [
            ("state", "=", "planned"),
            ("is_reminder_sent", "=", False),
            ("date_reminder", "<=", now),
            ("date_planned", ">", now),
        ]
        overdue_domain = [
            ("state", "=", "planned"),
            ("is_overdue_reminder_sent", "=", False),
            ("date_planned", "<=", now),
        ]
        done = remaining = 0
        for domain, method in (
            (before_domain, "_medcrm_send_reminder"),
            (overdue_domain, "_medcrm_send_overdue_reminder"),
        ):
            interactions = self.search(domain, limit=chunk_size, order="id")
            getattr(interactions, method)()
            done += len(interactions)
            if len(interactions) == chunk_size:
                remaining += self.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return remaining

    def _medcrm_move_calendar_event(self):
        self.ensure_one()
        event = self.calendar_event_id
        duration = (event.stop - event.start) if event.start and event.stop else timedelta(hours=1)
        event.with_context(no_mail_to_attendees=True).write(
            {"start": self.date_planned, "stop": self.date_planned + duration}
        )

    def _medcrm_check_result(self):
        for interaction in self:
            if not (interaction.result or "").strip():
                raise ValidationError(
                    self.env._(
                        "Interaction '%s' is done: write its result in the field 'Result' "
                        "(what was agreed, what the customer said).",
                        interaction.name,
                    )
                )

    def _medcrm_send_reminder(self):
        for interaction in self:
            interaction.message_notify(
                partner_ids=interaction.user_id.partner_id.ids,
                subject=self.env._("Reminder: %s", interaction.name),
                body=self.env._(
                    "%(type)s '%(name)s' is planned for %(date)s.",
                    type=interaction.type_id.name,
                    name=interaction.name,
                    date=fields.Datetime.to_string(interaction.date_planned),
                ),
            )
        self.write({"is_reminder_sent": True})

    def _medcrm_send_overdue_reminder(self):
        for interaction in self:
            interaction.message_notify(
                partner_ids=interaction.user_id.partner_id.ids,
                subject=self.env._("Overdue: %s", interaction.name),
                body=self.env._(
                    "%(type)s '%(name)s' was planned for %(date)s and is not marked done. "
                    "Log its result or move it to a new date.",
                    type=interaction.type_id.name,
                    name=interaction.name,
                    date=fields.Datetime.to_string(interaction.date_planned),
                ),
            )
        self.write({"is_overdue": True, "is_overdue_reminder_sent": True, "is_reminder_sent": True})
