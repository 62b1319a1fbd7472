{
    "name": "medcrm: Survey Entry from Paper",
    "summary": "Back-office entry of a customer's questionnaire answers from a paper sheet",
    "version": "18.0.1.0.1",
    "category": "Marketing/Surveys",
    "license": "LGPL-3",
    "author": "medcrm",
    "depends": ["medcrm_deals", "crm", "survey"],
    "data": [
        "security/medcrm_survey_entry_groups.xml",
        "security/medcrm_survey_entry_security.xml",
        "security/ir.model.access.csv",
        "views/medcrm_survey_entry_views.xml",
        "views/medcrm_survey_entry_line_views.xml",
        "views/survey_survey_views.xml",
        "views/res_partner_views.xml",
        "views/crm_lead_views.xml",
        "views/medcrm_survey_entry_menus.xml",
    ],
    "demo": ["demo/medcrm_survey_entry_demo.xml"],
    "assets": {
        "web.assets_tests": ["medcrm_survey_entry/static/tests/tours/*.js"],
    },
}
