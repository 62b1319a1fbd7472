from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MedcrmDealDocument(models.Model):
    _name = "medcrm.deal.document"
    _description = "Deal Document"
    _order = "date desc, id desc"

    lead_id = fields.Many2one(
        "crm.lead", string="Deal", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="lead_id.company_id", store=True, index=True)
    document_type_id = fields.Many2one("medcrm.document.type", required=True, ondelete="restrict")
    name = fields.Char(required=True)
    attachment_id = fields.Many2one("ir.attachment", ondelete="cascade", index="btree_not_null")
    file = fields.Binary(
        compute="_compute_file",
        inverse="_inverse_file",
    )
    file_name = fields.Char()
    date = fields.Date(default=fields.Date.context_today, required=True)
    user_id = fields.Many2one("res.users", string="Added By", default=lambda self: self.env.user)
    note = fields.Char()

    @api.depends("attachment_id")
    def _compute_file(self):
        for document in self:
            document.file = document.attachment_id.datas

    def _inverse_file(self):
        for document in self:
            if not document.file:
                continue
            values = {"datas": document.file, "name": document.file_name or document.name}
            if document.attachment_id:
                document.attachment_id.write(values)
            else:
                # The file is an attachment of the deal: it shows in the deal's chatter and
                # follows the deal's access rights.
                document.attachment_id = self.env["ir.attachment"].create(
                    dict(values, res_model="crm.lead", res_id=document.lead_id.id)
                )

    @api.model_create_multi
    def create(self, vals_list):
        documents = super().create(vals_list)
        # checked after create: the file becomes an attachment in the inverse of ``file``
        documents._check_attachment()
        return documents

    def write(self, vals):
        res = super().write(vals)
        if {"attachment_id", "lead_id", "file"} & set(vals):
            self._check_attachment()
        return res

    def _check_attachment(self):
        for document in self:
            if not document.attachment_id:
                raise ValidationError(
                    self.env._("The document “%s” has no file: attach one.", document.name)
                )
            attachment = document.attachment_id
            if attachment.res_model != "crm.lead" or attachment.res_id != document.lead_id.id:
                raise ValidationError(
                    self.env._(
                        "The file of the document “%s” must be attached to its own deal.",
                        document.name,
                    )
                )
