from odoo import http
from odoo.http import content_disposition, request


class ServiceContractController(http.Controller):
    @http.route(
        "/medcrm_service_contract/compliance_statement/<int:lead_id>",
        type="http",
        auth="user",
        methods=["GET"],
    )
    def compliance_statement(self, lead_id):
        lead = request.env["crm.lead"].browse(lead_id).exists()
        if not lead:
            raise request.not_found()
        # Raises AccessError (403) when the user may not read this deal.
        lead.check_access("read")
        content = request.env["medcrm.compliance.statement"]._build_xlsx(lead)
        filename = request.env._("Compliance statement - %s.xlsx", lead.name)
        return request.make_response(
            content,
            headers=[
                (
                    "Content-Type",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
