{
    "name": "Medical equipment CRM",
    "summary": "The whole medcrm suite: equipment and service deals, contracts, deliveries with "
    "serial numbers, notifications and paper questionnaires, with a demo story",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "medcrm",
    "depends": [
        "medcrm_deals",
        "medcrm_service_contract",
        "medcrm_notify",
        "medcrm_fulfillment",
        "medcrm_survey_entry",
    ],
    "demo": ["demo/medcrm_suite_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "medcrm_suite/static/tests/tours/*.js",
            "medcrm_suite/static/tests/click_everywhere.js",
        ],
    },
    "application": True,
}
