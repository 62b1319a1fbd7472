{
    "name": "medcrm: Notification Rules",
    "summary": "Admin-configured notification rules for CRM events, sent exactly once and logged",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "medcrm",
    "depends": ["medcrm_deals", "crm", "mail"],
    "data": [
        "security/ir.model.access.csv",
        "security/medcrm_notify_security.xml",
        "data/ir_cron_data.xml",
        "data/ir_config_parameter_data.xml",
        "wizard/medcrm_notify_rule_preview_views.xml",
        "views/medcrm_notify_rule_views.xml",
        "views/medcrm_notify_log_views.xml",
        "views/medcrm_notify_menus.xml",
    ],
    "demo": ["demo/medcrm_notify_rule_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "medcrm_notify/static/tests/tours/*.js",
        ],
    },
}
