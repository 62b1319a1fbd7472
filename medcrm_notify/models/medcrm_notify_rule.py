import logging
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL
from odoo.tools import safe_eval as safe

_logger = logging.getLogger(__name__)


class MedcrmNotifyRule(models.Model):
    _name = "medcrm.notify.rule"
    _inherit = ["mail.thread"]
    _description = "Notification Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, tracking=True, translate=True)
    active = fields.Boolean(default=True, tracking=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(
        translate=True, help="Why this rule exists, for whoever reviews it later."
    )
    event_code = fields.Selection(
        selection="_selection_event_code",
        string="Event",
        required=True,
        tracking=True,
        index=True,
    )
    model_name = fields.Char(
        string="Record Model",
        compute="_compute_model_name",
        store=True,
        precompute=True,
        help="Model of the event's record; the filter applies to it.",
    )
    domain = fields.Char(
        string="Filter",
        default="[]",
        required=True,
        tracking=True,
        help="Only records matching this filter trigger the rule.",
    )
    stage_from_ids = fields.Many2many(
        "crm.stage",
        "medcrm_notify_rule_stage_from_rel",
        "rule_id",
        "stage_id",
        string="From Stages",
        help="Stage changes only from one of these stages (empty: any).",
    )
    stage_to_ids = fields.Many2many(
        "crm.stage",
        "medcrm_notify_rule_stage_to_rel",
        "rule_id",
        "stage_id",
        string="To Stages",
        help="Stage changes only into one of these stages (empty: any).",
    )
    is_task_change_assignee = fields.Boolean(
        string="Assignee Changed",
        help="Task changes: notify when the assignee changes. None ticked: any of the three.",
    )
    is_task_change_state = fields.Boolean(
        string="State Changed",
        help="Task changes: notify when the state changes (accepted, done, verified...).",
    )
    is_task_change_deadline = fields.Boolean(
        string="Deadline Changed", help="Task changes: notify when the deadline moves."
    )
    deadline_hours = fields.Integer(
        string="Hours Before Deadline",
        default=24,
        help="Deadline approaching: notify this many hours before the end of the deadline day. "
        "A deadline is a date: its day ends at midnight UTC for every assignee, the moment the "
        "task's overdue flag turns (it is refreshed in UTC too), so a reminder never "
        "contradicts the task list.",
    )
    user_ids = fields.Many2many(
        "res.users",
        "medcrm_notify_rule_res_users_rel",
        "rule_id",
        "user_id",
        string="Users",
        domain=[("share", "=", False)],
    )
    group_ids = fields.Many2many(
        "res.groups",
        "medcrm_notify_rule_res_groups_rel",
        "rule_id",
        "group_id",
        string="Groups",
        help="Every internal member of these groups is notified.",
    )
    is_to_salesperson = fields.Boolean(
        string="Salesperson", help="The record's salesperson (field Salesperson)."
    )
    is_to_team_leader = fields.Boolean(
        string="Team Leader", help="The leader of the record's sales team."
    )
    is_to_followers = fields.Boolean(
        string="Record Followers",
        help="The record's followers; those who are not internal users are skipped.",
    )
    is_to_task_assignee = fields.Boolean(
        string="Task Assignee", help="The assignee of the task (task events)."
    )
    is_to_task_author = fields.Boolean(string="Task Author", help="Who set the task (task events).")
    participant_role_ids = fields.Many2many(
        "medcrm.participant.role",
        "medcrm_notify_rule_participant_role_rel",
        "rule_id",
        "role_id",
        string="Deal Participants",
        help="The deal's participants having one of these roles (for task events: the task's "
        "deal). A participant who is an internal user is notified as a user; any other "
        "receives the Email channel only.",
    )
    has_participant_roles = fields.Boolean(
        compute="_compute_has_participant_roles",
        store=True,
        help="Technical: read with the rule itself, so that rules without participant roles "
        "cost no query for them when an event is matched.",
    )
    is_notify_author = fields.Boolean(
        string="Notify the Author",
        help="Also notify the user whose action caused the event (by default they are skipped).",
    )
    is_channel_inbox = fields.Boolean(string="Inbox", default=True, tracking=True)
    is_channel_email = fields.Boolean(string="Email", tracking=True)
    template_id = fields.Many2one(
        "mail.template",
        string="Message Template",
        domain="[('model', '=', model_name)]",
        help="Subject and body of the notification; empty: a default message naming the event, "
        "the record and the rule.",
    )
    company_id = fields.Many2one(
        "res.company",
        default=lambda self: self.env.company,
        help="Only records of this company trigger the rule (empty: all companies).",
    )
    is_mandatory = fields.Boolean(
        string="Mandatory",
        tracking=True,
        help="Compliance rule: only a Settings administrator can archive or delete it.",
    )
    has_quiet_hours = fields.Boolean(
        string="Quiet Hours",
        help="Hold notifications during the recipient's night (in their own time zone) and "
        "deliver them when it ends. Mandatory rules ignore quiet hours.",
    )
    digest_mode = fields.Selection(
        [("none", "Each at once"), ("hourly", "Hourly digest"), ("daily", "Daily digest")],
        string="Delivery",
        default="none",
        required=True,
        tracking=True,
        help="Digest: the notifications are logged at once but delivered as one summary message "
        "per recipient and channel at the end of each hour, or of each day, in the recipient's "
        "time zone (their user preference, else their company's, else UTC).",
    )
    quiet_hour_from = fields.Float(string="Quiet From", default=20.0)
    quiet_hour_to = fields.Float(string="Quiet Until", default=8.0)
    log_count = fields.Integer(compute="_compute_log_count")

    @api.depends("event_code")
    def _compute_model_name(self):
        events = self.env["medcrm.notify.event"]._medcrm_notify_events()
        for rule in self:
            rule.model_name = events.get(rule.event_code, {}).get("model")

    @api.depends("participant_role_ids")
    def _compute_has_participant_roles(self):
        for rule in self:
            rule.has_participant_roles = bool(rule.participant_role_ids)

    def _compute_log_count(self):
        counts = dict(
            self.env["medcrm.notify.log"]._read_group(
                [("rule_id", "in", self.ids)], ["rule_id"], ["__count"]
            )
        )
        for rule in self:
            rule.log_count = counts.get(rule, 0)

    @api.constrains("domain", "event_code")
    def _check_domain(self):
        for rule in self:
            try:
                domain = rule._get_domain_list()
                if rule.model_name:
                    self.env[rule.model_name].sudo().with_context(active_test=False)._search(domain)
            except Exception as exc:
                raise ValidationError(
                    self.env._(
                        "Rule “%(rule)s”: the Filter is not a valid condition on %(model)s "
                        "(%(error)s). Fix it with the filter editor or reset it to [].",
                        rule=rule.display_name,
                        model=rule.model_name,
                        error=exc,
                    )
                ) from exc

    @api.constrains("is_channel_inbox", "is_channel_email")
    def _check_channel(self):
        for rule in self:
            if not (rule.is_channel_inbox or rule.is_channel_email):
                raise ValidationError(
                    self.env._(
                        "Rule “%s”: choose at least one channel (Inbox or Email).",
                        rule.display_name,
                    )
                )

    @api.constrains(
        "user_ids",
        "group_ids",
        "is_to_salesperson",
        "is_to_team_leader",
        "is_to_followers",
        "is_to_task_assignee",
        "is_to_task_author",
        "participant_role_ids",
    )
    def _check_recipients(self):
        for rule in self:
            if not (
                rule.user_ids
                or rule.group_ids
                or rule.is_to_salesperson
                or rule.is_to_team_leader
                or rule.is_to_followers
                or rule.is_to_task_assignee
                or rule.is_to_task_author
                or rule.participant_role_ids
            ):
                raise ValidationError(
                    self.env._(
                        "Rule “%s” has no recipients: set Users, Groups or one of the dynamic "
                        "recipients (salesperson, team leader, followers, task assignee or "
                        "author, deal participants).",
                        rule.display_name,
                    )
                )

    @api.constrains("deadline_hours", "event_code")
    def _check_deadline_hours(self):
        for rule in self.filtered(lambda r: r.event_code == "task_deadline_near"):
            if not 0 < rule.deadline_hours <= 24 * 60:
                raise ValidationError(
                    self.env._(
                        "Rule “%s”: Hours Before Deadline must be between 1 and 1440 (60 days).",
                        rule.display_name,
                    )
                )

    @api.constrains("has_quiet_hours", "quiet_hour_from", "quiet_hour_to")
    def _check_quiet_hours(self):
        for rule in self.filtered("has_quiet_hours"):
            hours = (rule.quiet_hour_from, rule.quiet_hour_to)
            if not all(0 <= hour < 24 for hour in hours) or hours[0] == hours[1]:
                raise ValidationError(
                    self.env._(
                        "Rule “%s”: Quiet From and Quiet Until must be two different times "
                        "between 00:00 and 23:59.",
                        rule.display_name,
                    )
                )

    @api.constrains("template_id", "event_code")
    def _check_template_model(self):
        for rule in self:
            if rule.template_id and rule.template_id.model != rule.model_name:
                raise ValidationError(
                    self.env._(
                        "Rule “%(rule)s”: the Message Template “%(template)s” is made for "
                        "%(template_model)s but the event's records are %(model)s. Choose a "
                        "template of that model or clear the field.",
                        rule=rule.display_name,
                        template=rule.template_id.display_name,
                        template_model=rule.template_id.model,
                        model=rule.model_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        self.env.registry.clear_cache()
        return rules

    def write(self, vals):
        if not self._is_settings_admin():
            if ("active" in vals and not vals["active"]) or (
                "is_mandatory" in vals and not vals["is_mandatory"]
            ):
                self._check_mandatory_change()
        result = super().write(vals)
        if {"active", "event_code"} & set(vals):
            self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_mandatory_or_logged(self):
        if not self._is_settings_admin():
            self._check_mandatory_change()
        logged = self.filtered("log_count")
        if logged:
            raise UserError(
                self.env._(
                    "Rule “%s” has already notified people and its log must stay complete: "
                    "archive it instead of deleting it.",
                    logged[0].display_name,
                )
            )

    def action_open_logs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "medcrm_notify.medcrm_notify_log_action"
        )
        action["domain"] = [("rule_id", "=", self.id)]
        action["context"] = {"search_default_group_state": 1}
        return action

    def action_preview(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Preview: %s", self.name),
            "res_model": "medcrm.notify.rule.preview",
            "view_mode": "form",
            "target": "new",
            "context": {"default_rule_id": self.id},
        }

    # ------------------------------------------------------------------
    # private helpers
    # ------------------------------------------------------------------

    @api.model
    def _selection_event_code(self):
        return self.env["medcrm.notify.event"]._selection_event_code()

    def _is_settings_admin(self):
        return self.env.is_superuser() or self.env.user.has_group("base.group_system")

    def _check_mandatory_change(self):
        mandatory = self.filtered("is_mandatory")
        if mandatory:
            raise UserError(
                self.env._(
                    "Rule “%s” is mandatory (compliance): only a Settings administrator can "
                    "archive, delete or unmark it.",
                    mandatory[0].display_name,
                )
            )

    @api.model
    def _domain_eval_context(self):
        return {
            "datetime": safe.datetime,
            "dateutil": safe.dateutil,
            "time": safe.time,
            "relativedelta": safe.dateutil.relativedelta.relativedelta,
            "uid": self.env.uid,
            "user": self.env.user,
            "company_id": self.env.company.id,
            "company_ids": self.env.companies.ids,
            "context_today": lambda: fields.Date.context_today(self),
        }

    def _get_domain_list(self):
        self.ensure_one()
        domain = safe.safe_eval(self.domain or "[]", self._domain_eval_context())
        if not isinstance(domain, list | tuple):
            raise ValueError(self.env._("a filter must be a list of conditions"))
        return list(domain)

    @api.model
    def _get_rules_for_event(self, event_code):
        return self.browse(self._get_rule_ids_for_event(event_code))

    @api.model
    @tools.ormcache("event_code")
    def _get_rule_ids_for_event(self, event_code):
        # Cached: a business write with no rule for its event costs no query at all. The cache is
        # cleared (in every worker, through Odoo's registry signaling) when a rule changes.
        return tuple(self.sudo().search([("event_code", "=", event_code)]).ids)

    def _get_match_domain(self, records):
        self.ensure_one()
        domain = self._get_domain_list()
        if self.company_id and "company_id" in records._fields:
            domain = expression.AND([[("company_id", "in", [self.company_id.id, False])], domain])
        return domain

    def _match_records(self, records, values):
        """Return ``[(rule, matched records)]`` for the rules of ``self`` (all for the same
        event), with one SQL query whatever the number of rules."""
        table = records._table
        id_col = SQL.identifier(table, "id")
        rules, columns = [], []
        for rule in self:
            try:
                domain = rule._get_match_domain(records)
                if domain:
                    # restricted to the event's records: each rule's filter then reads a few
                    # rows by primary key, however large the table (unrestricted, it scanned
                    # the whole table once per rule on every write)
                    query = records.browse()._search(
                        expression.AND([[("id", "in", records.ids)], domain])
                    )
                    columns.append(SQL("%s IN %s", id_col, query.subselect()))
                else:
                    columns.append(SQL("TRUE"))
                rules.append(rule)
            except (ValueError, SyntaxError, NameError, KeyError, TypeError) as exc:
                _logger.warning(
                    "Notification rule %s (id %s) has an invalid filter and was ignored: %s",
                    rule.name,
                    rule.id,
                    exc,
                )
        if not rules:
            return []
        rows = self.env.execute_query(
            SQL(
                "SELECT %s, %s FROM %s WHERE %s IN %s",
                id_col,
                SQL(", ").join(columns),
                SQL.identifier(table),
                id_col,
                tuple(records.ids),
            )
        )
        result = []
        for index, rule in enumerate(rules):
            ids = [
                row[0]
                for row in rows
                if row[index + 1] and rule._match_values(values.get(row[0], {}))
            ]
            if ids:
                result.append((rule, records.browse(ids)))
        return result

    def _match_values(self, values):
        """Filter on facts of the occurrence itself (not on the record). Override to add
        conditions for your events' values."""
        self.ensure_one()
        if "stage_from_id" in values and self.stage_from_ids:
            if values["stage_from_id"] not in self.stage_from_ids.ids:
                return False
        if "stage_to_id" in values and self.stage_to_ids:
            if values["stage_to_id"] not in self.stage_to_ids.ids:
                return False
        if "task_changes" in values:
            wanted = {
                name
                for name, enabled in (
                    ("user_id", self.is_task_change_assignee),
                    ("state", self.is_task_change_state),
                    ("date_deadline", self.is_task_change_deadline),
                )
                if enabled
            }
            if wanted and not wanted & set(values["task_changes"]):
                return False
        if "deadline_hours_left" in values:
            if values["deadline_hours_left"] > self.deadline_hours:
                return False
        return True

    def _get_quiet_end(self, now, tz_name):
        """If ``now`` (UTC, naive) falls in this rule's quiet hours for a recipient in time
        zone ``tz_name``, return when they end (UTC, naive); else False."""
        self.ensure_one()
        if not self.has_quiet_hours or self.is_mandatory:
            return False
        tz = pytz.timezone(tz_name or "UTC")
        local = pytz.utc.localize(now).astimezone(tz)
        hour = local.hour + local.minute / 60 + local.second / 3600
        start, end = self.quiet_hour_from, self.quiet_hour_to
        if start < end:
            quiet = start <= hour < end
        else:
            quiet = hour >= start or hour < end
        if not quiet:
            return False
        end_day = (
            local.date() + timedelta(days=1) if start > end and hour >= start else local.date()
        )
        end_local = tz.localize(datetime.combine(end_day, time()) + timedelta(hours=end))
        return end_local.astimezone(pytz.utc).replace(tzinfo=None)

    def _get_digest_end(self, now, tz_name=None):
        """When the digest period containing ``now`` (UTC, naive) ends for a recipient in time
        zone ``tz_name`` (the end of their hour, or of their day), in UTC, naive; False if this
        rule sends each notification at once."""
        self.ensure_one()
        if self.digest_mode == "none":
            return False
        tz = pytz.timezone(tz_name or "UTC")
        local = pytz.utc.localize(now).astimezone(tz).replace(tzinfo=None)
        if self.digest_mode == "hourly":
            end_local = local.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        else:
            end_local = datetime.combine(local.date() + timedelta(days=1), time())
        return tz.localize(end_local).astimezone(pytz.utc).replace(tzinfo=None)
