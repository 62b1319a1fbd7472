{
    "name": "medcrm: Service Contracts and Delivered Serials",
    "summary": "Contract terms that cover a delivered serial number of the installed base",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "medcrm",
    "depends": ["medcrm_service_contract", "medcrm_fulfillment"],
    "auto_install": True,
    "data": [
        "security/ir.model.access.csv",
        "views/medcrm_contract_term_views.xml",
        "views/stock_lot_views.xml",
        "views/medcrm_fulfillment_unit_views.xml",
    ],
    "demo": ["demo/medcrm_service_fulfillment_demo.xml"],
    "assets": {
        "web.assets_tests": ["medcrm_service_fulfillment/static/tests/tours/*.js"],
    },
}
