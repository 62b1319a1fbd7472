from odoo import api, fields, models
from odoo.exceptions import ValidationError


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
    field_name = fields.Selection(
        selection="_selection_field_name",
        string="Field",
        help="The deal field that must be filled in.",
    )
    document_type_id = fields.Many2one("medcrm.document.type", ondelete="restrict")
    role_id = fields.Many2one("medcrm.participant.role", ondelete="restrict")
    note = fields.Char(translate=True, help="Shown to the user when the requirement is missing.")

    @api.model
    def _selection_field_name(self):
        skipped = {"id", "display_name", "create_uid", "create_date", "write_uid", "write_date"}
        described = self.env["crm.lead"].fields_get(attributes=["string", "type"])
        return sorted(
            (
                (name, description["string"])
                for name, description in described.items()
                if name not in skipped
                and description["type"] not in ("binary", "properties", "properties_definition")
                and self.env["crm.lead"]._fields[name].store
            ),
            key=lambda item: item[1],
        )

    @api.depends("kind_id", "stage_id")
    def _compute_kind_stage_id(self):
        lines = self.env["medcrm.deal.kind.stage"].search(
            [("kind_id", "in", self.kind_id.ids), ("stage_id", "in", self.stage_id.ids)]
        )
        by_pair = {(line.kind_id.id, line.stage_id.id): line for line in lines}
        for gate in self:
            gate.kind_stage_id = by_pair.get((gate.kind_id.id, gate.stage_id.id), False)

    @api.constrains("kind_stage_id", "requirement", "field_name", "document_type_id", "role_id")
    def _check_gate(self):
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
            needed = {
                "field": (gate.field_name, self.env._("a field")),
                "document": (gate.document_type_id, self.env._("a document type")),
                "participant": (gate.role_id, self.env._("a participant role")),
            }[gate.requirement]
            if not needed[0]:
                raise ValidationError(
                    self.env._("A stage gate of this requirement needs %s.", needed[1])
                )
            if gate.field_name and gate.field_name not in self.env["crm.lead"]._fields:
                raise ValidationError(self.env._("A stage gate can only require a deal field."))

    @api.depends("requirement", "field_name", "document_type_id", "role_id")
    def _compute_display_name(self):
        for gate in self:
            gate.display_name = gate._medcrm_describe()

    def _medcrm_describe(self):
        self.ensure_one()
        if self.note:
            return self.note
        if self.requirement == "field":
            label = dict(self._fields["field_name"]._description_selection(self.env)).get(
                self.field_name, self.field_name
            )
            return self.env._("field “%s” filled in", label)
        if self.requirement == "document":
            return self.env._("a document of type “%s”", self.document_type_id.name)
        return self.env._("a participant with the role “%s”", self.role_id.name)

    def _medcrm_is_met(self, lead):
        self.ensure_one()
        if self.requirement == "field":
            return bool(self.field_name in lead._fields and lead[self.field_name])
        if self.requirement == "document":
            return self.document_type_id in lead.document_ids.document_type_id
        return self.role_id in lead.participant_ids.role_id
