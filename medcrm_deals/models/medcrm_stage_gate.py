from odoo import api, fields, models
from odoo.exceptions import ValidationError

# log access and internal columns: never something a user "fills in"
GATE_SKIPPED_FIELDS = {
    "id",
    "display_name",
    "create_uid",
    "create_date",
    "write_uid",
    "write_date",
    "company_id",
    "active",
    "type",
}


class MedcrmStageGate(models.Model):
    _name = "medcrm.stage.gate"
    _description = "Stage Gate"
    _order = "kind_id, stage_id, sequence, id"

    kind_id = fields.Many2one("medcrm.deal.kind", required=True, ondelete="cascade", index=True)
    stage_id = fields.Many2one(
        "crm.stage",
        required=True,
        ondelete="cascade",
        domain="[('deal_kind_line_ids.kind_id', '=', kind_id)]",
        help="The gate is checked when a deal of the kind ENTERS this stage.",
    )
    kind_stage_id = fields.Many2one(
        "medcrm.deal.kind.stage",
        compute="_compute_kind_stage_id",
        store=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    requirement = fields.Selection(
        [
            ("field", "Field is set"),
            ("document", "Document of a type attached"),
            ("participant", "Participant with a role"),
        ],
        required=True,
        default="field",
    )
    field_ids = fields.Many2many(
        "ir.model.fields",
        "medcrm_stage_gate_field_rel",
        "gate_id",
        "field_id",
        string="Fields",
        domain=lambda self: self._medcrm_field_domain(),
        help="The deal fields that must all be filled in.",
    )
    field_labels = fields.Char(
        string="Deal Fields",
        compute="_compute_field_labels",
        help="The deal fields that must all be filled in.",
    )
    document_type_id = fields.Many2one("medcrm.document.type", ondelete="restrict")
    role_id = fields.Many2one("medcrm.participant.role", ondelete="restrict")
    note = fields.Char(translate=True, help="Shown to the user when the requirement is missing.")

    @api.model
    def _medcrm_field_domain(self):
        """The crm.lead fields a gate may require: stored fields a user fills in, not the
        technical ones (log access, chatter, activities, binaries, properties)."""
        return [
            ("model", "=", "crm.lead"),
            ("store", "=", True),
            ("ttype", "not in", ["binary", "properties", "properties_definition"]),
            ("name", "not in", list(GATE_SKIPPED_FIELDS)),
            ("name", "not ilike", "message_"),
            ("name", "not ilike", "activity_"),
        ]

    @api.depends("field_ids")
    def _compute_field_labels(self):
        for gate in self:
            gate.field_labels = ", ".join(gate._medcrm_fields().mapped("field_description"))

    @api.depends("kind_id", "stage_id")
    def _compute_kind_stage_id(self):
        lines = self.env["medcrm.deal.kind.stage"].search(
            [("kind_id", "in", self.kind_id.ids), ("stage_id", "in", self.stage_id.ids)]
        )
        by_pair = {(line.kind_id.id, line.stage_id.id): line for line in lines}
        for gate in self:
            gate.kind_stage_id = by_pair.get((gate.kind_id.id, gate.stage_id.id), False)

    # on the stored fields, not on the computed kind_stage_id: that one is also checked while a
    # gate is being created, before its many2many fields are written
    @api.constrains("kind_id", "stage_id")
    def _check_gate_stage(self):
        for gate in self:
            if not gate.kind_stage_id:
                raise ValidationError(
                    self.env._(
                        "The stage “%(stage)s” is not a stage of the deal kind “%(kind)s”: "
                        "a gate can only guard a stage of its kind.",
                        stage=gate.stage_id.name,
                        kind=gate.kind_id.name,
                    )
                )

    @api.constrains("requirement", "field_ids", "document_type_id", "role_id")
    def _check_gate_requirement(self):
        for gate in self:
            missing = {
                "field": not gate.field_ids
                and self.env._(
                    "A stage gate that requires a field to be set needs at least one field: "
                    "choose it in Fields."
                ),
                "document": not gate.document_type_id
                and self.env._(
                    "A stage gate that requires a document needs its type: "
                    "choose it in Document Type."
                ),
                "participant": not gate.role_id
                and self.env._(
                    "A stage gate that requires a participant needs their role: choose it in Role."
                ),
            }[gate.requirement]
            if missing:
                raise ValidationError(missing)
            if gate.field_ids:
                allowed = self.env["ir.model.fields"].search(
                    self._medcrm_field_domain() + [("id", "in", gate.field_ids.ids)]
                )
                wrong = gate.field_ids - allowed
                if wrong:
                    raise ValidationError(
                        self.env._(
                            "A stage gate can only require fields of the deal that a user fills "
                            "in; remove: %s.",
                            ", ".join(wrong.mapped("field_description")),
                        )
                    )

    @api.depends("requirement", "field_ids", "document_type_id", "role_id")
    def _compute_display_name(self):
        for gate in self:
            gate.display_name = gate._medcrm_describe()

    def _medcrm_describe(self):
        """What the gate requires, for the user."""
        self.ensure_one()
        if self.note:
            return self.note
        if self.requirement == "field":
            return ", ".join(
                self.env._("field “%s” filled in", field.field_description)
                for field in self._medcrm_fields()
            )
        if self.requirement == "document":
            return self.env._("a document of type “%s”", self.document_type_id.name)
        return self.env._("a participant with the role “%s”", self.role_id.name)

    def _medcrm_fields(self):
        """The gate's deal fields, for their labels and names. sudo: only administrators may
        read ir.model.fields, while every salesperson sees the gates of their deals' kinds
        (and the fields' labels on the deal form anyway)."""
        return self.sudo().field_ids

    def _medcrm_unmet(self, lead):
        """What of this gate the deal misses: [] when the gate is met; for a field gate, one item
        per empty field, named by its label."""
        self.ensure_one()
        if self.requirement == "field":
            empty = self._medcrm_fields().filtered(
                lambda field: field.name in lead._fields and not lead[field.name]
            )
            if not empty:
                return []
            if self.note:
                return [self.note]
            return [self.env._("field “%s” filled in", field.field_description) for field in empty]
        if self._medcrm_is_met(lead):
            return []
        return [self._medcrm_describe()]

    def _medcrm_is_met(self, lead):
        self.ensure_one()
        if self.requirement == "field":
            return all(
                field.name in lead._fields and lead[field.name] for field in self._medcrm_fields()
            )
        if self.requirement == "document":
            return self.document_type_id in lead.document_ids.document_type_id
        return self.role_id in lead.participant_ids.role_id
