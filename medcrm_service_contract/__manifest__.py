{
    "name": "medcrm: Service Contracts",
    "summary": "Maintenance-contract terms on service deals, tracked as obligations",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "medcrm",
    "depends": ["medcrm_deals"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/medcrm_service_contract_groups.xml",
        "security/ir.model.access.csv",
        "security/medcrm_service_contract_security.xml",
        "data/medcrm_contract_term_type_data.xml",
        "data/ir_cron_data.xml",
        "views/medcrm_contract_term_type_views.xml",
        "views/medcrm_contract_occurrence_views.xml",
        "views/medcrm_contract_term_views.xml",
        "views/crm_lead_views.xml",
        "views/res_partner_views.xml",
        "views/medcrm_service_contract_menus.xml",
    ],
    "demo": ["demo/medcrm_service_contract_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "medcrm_service_contract/static/tests/tours/*.js",
        ],
    },
}
