"""Shared fixtures of medcrm_deals' tests, for the other medcrm add-ons too.

``MedcrmDealsCase`` builds, without any demo data: two deal kinds with stage sets of their own
(equipment sale: qualification, offer, tender, won; service: request, quotation, won), a sales
channel of each source type, participant roles, document types and one user of each CRM group.
"""

import io
import subprocess

import openpyxl

from odoo.tests import TransactionCase, new_test_user


def open_xlsx_action(env, action):
    """The workbook an XLSX report action downloads, rendered as ``env``'s user by the same
    method report_xlsx's /report/xlsx route calls."""
    assert action["type"] == "ir.actions.report", action
    assert action["report_type"] == "xlsx", action
    content, file_type = (
        env["ir.actions.report"]
        .with_context(**action["context"])
        ._render_xlsx(action["report_name"], action["context"]["active_ids"], action["data"])
    )
    assert file_type == "xlsx"
    return openpyxl.load_workbook(io.BytesIO(content))


def render_pdf_text(env, report_xmlid, records):
    """The text of a PDF report printed through wkhtmltopdf (Odoo's tests get the HTML unless
    they force the rendering), as pdftotext (poppler-utils) lays it out."""
    content, file_type = (
        env["ir.actions.report"]
        .with_context(force_report_rendering=True)
        ._render_qweb_pdf(report_xmlid, records.ids)
    )
    assert file_type == "pdf" and content.startswith(b"%PDF"), content[:100]
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return result.stdout.decode()


class MedcrmDealsCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, no_reset_password=True))
        cls.company = cls.env.company

        # Users of each CRM group
        cls.user_salesman = new_test_user(
            cls.env,
            login="medcrm_salesman",
            name="Sam Salesman",
            groups="sales_team.group_sale_salesman",
        )
        cls.user_salesman_other = new_test_user(
            cls.env,
            login="medcrm_salesman_other",
            name="Olga Other",
            groups="sales_team.group_sale_salesman",
        )
        cls.user_all_leads = new_test_user(
            cls.env,
            login="medcrm_all_leads",
            name="Alla All-Leads",
            groups="sales_team.group_sale_salesman_all_leads",
        )
        cls.user_manager = new_test_user(
            cls.env,
            login="medcrm_manager",
            name="Mark Manager",
            groups="sales_team.group_sale_manager",
        )

        # Stages (high sequences: they never come before Odoo's own stages)
        Stage = cls.env["crm.stage"].with_context(medcrm_no_default_kind=True)
        cls.stage_qualification = Stage.create({"name": "T Qualification", "sequence": 901})
        cls.stage_offer = Stage.create({"name": "T Offer", "sequence": 902})
        cls.stage_tender = Stage.create({"name": "T Tender", "sequence": 903})
        cls.stage_equipment_won = Stage.create(
            {"name": "T Equipment won", "sequence": 904, "is_won": True}
        )
        cls.stage_request = Stage.create({"name": "T Request", "sequence": 911})
        cls.stage_quotation = Stage.create({"name": "T Quotation", "sequence": 912})
        cls.stage_service_won = Stage.create(
            {"name": "T Service won", "sequence": 913, "is_won": True}
        )

        Kind = cls.env["medcrm.deal.kind"]
        cls.kind_equipment = Kind.create(
            {
                "name": "T Equipment sale",
                "code": "T_EQUIPMENT",
                "sequence": 1,
                "stage_line_ids": [
                    (0, 0, {"stage_id": stage.id, "sequence": seq})
                    for seq, stage in enumerate(
                        cls.stage_qualification
                        | cls.stage_offer
                        | cls.stage_tender
                        | cls.stage_equipment_won,
                        start=1,
                    )
                ],
            }
        )
        cls.kind_service = Kind.create(
            {
                "name": "T Service",
                "code": "T_SERVICE",
                "sequence": 2,
                "stage_line_ids": [
                    (0, 0, {"stage_id": stage.id, "sequence": seq})
                    for seq, stage in enumerate(
                        cls.stage_request | cls.stage_quotation | cls.stage_service_won, start=1
                    )
                ],
            }
        )

        # Channels, one per source type
        Channel = cls.env["medcrm.sales.channel"]
        cls.channel_direct = Channel.create({"name": "T Direct", "source_type": "none"})
        cls.channel_distributor = Channel.create(
            {"name": "T Distributor", "source_type": "partner", "is_source_required": True}
        )
        cls.channel_event = Channel.create(
            {"name": "T Event", "source_type": "campaign", "is_source_required": True}
        )

        cls.role_chief = cls.env["medcrm.participant.role"].create({"name": "T Chief physician"})
        cls.role_engineer = cls.env["medcrm.participant.role"].create(
            {"name": "T Biomedical engineer"}
        )
        cls.doc_offer = cls.env["medcrm.document.type"].create({"name": "T Commercial offer"})
        cls.doc_contract = cls.env["medcrm.document.type"].create({"name": "T Contract"})

        Partner = cls.env["res.partner"]
        cls.hospital = Partner.create({"name": "T City Hospital No. 1", "is_company": True})
        cls.physician = Partner.create({"name": "T Dr. Ivanova", "parent_id": cls.hospital.id})
        cls.engineer = Partner.create({"name": "T Petrov, engineer", "parent_id": cls.hospital.id})
        cls.distributor = Partner.create({"name": "T MedSupply LLC", "is_company": True})
        cls.campaign = cls.env["utm.campaign"].create({"name": "T Radiology congress"})

    @classmethod
    def _create_deal(cls, kind=None, env=None, **values):
        """An opportunity of ``kind`` (equipment sale by default), created in ``env``."""
        env = env or cls.env
        kind = kind if kind is not None else cls.kind_equipment
        vals = {
            "name": "T Deal",
            "type": "opportunity",
            "partner_id": cls.hospital.id,
            "deal_kind_id": kind.id if kind else False,
        }
        vals.update(values)
        return env["crm.lead"].create(vals)
