from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestServiceDealTour(HttpCase):
    def test_service_deal_tour(self):
        Stage = self.env["crm.stage"].with_context(medcrm_no_default_kind=True)
        stages = Stage.create(
            [
                # their own sequences are the reverse of the service kind's order: the pipeline
                # and the form's statusbar follow the kind
                {"name": "TT Request", "sequence": 933},
                {"name": "TT Inspection", "sequence": 932},
                {"name": "TT Quotation", "sequence": 931},
                {"name": "TT Equipment offer", "sequence": 934},
            ]
        )
        Kind = self.env["medcrm.deal.kind"]
        service = Kind.create(
            {
                "name": "TT Service",
                "code": "TT_SERVICE",
                "stage_line_ids": [
                    (0, 0, {"stage_id": stage.id, "sequence": seq})
                    for seq, stage in enumerate(stages[:3])
                ],
            }
        )
        Kind.create(
            {
                "name": "TT Equipment",
                "code": "TT_EQUIPMENT",
                "stage_line_ids": [(0, 0, {"stage_id": stages[3].id})],
            }
        )
        role = self.env["medcrm.participant.role"].create({"name": "TT Engineer"})
        self.env["medcrm.stage.gate"].create(
            {
                "kind_id": service.id,
                "stage_id": stages[2].id,
                "requirement": "participant",
                "role_id": role.id,
            }
        )
        pipeline = service.action_open_pipeline()
        action = self.env["ir.actions.act_window"].create(
            {
                "name": "TT Service pipeline",
                "res_model": "crm.lead",
                "view_mode": "kanban,list,form",
                "domain": str(pipeline["domain"]),
                "context": str(dict(pipeline["context"], search_default_assigned_to_me=0)),
            }
        )
        # the refused move is logged by the web server as a warning: it is expected here
        with mute_logger("odoo.http"):
            self.start_tour(
                f"/odoo/action-{action.id}", "medcrm_deals_service_deal_tour", login="admin"
            )
        lead = self.env["crm.lead"].search([("name", "=", "TT Maintenance of the CT scanner")])
        self.assertEqual(lead.deal_kind_id, service)
        self.assertEqual(lead.stage_id, stages[1])
        # the call logged right after the refused move was saved, not refused again
        self.assertEqual(
            lead.medcrm_interaction_ids.mapped("result"), ["The engineer visits on Monday"]
        )
        self.assertTrue(lead.is_paused)
