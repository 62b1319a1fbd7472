{
    "name": "medcrm: Notification Rules",
    "summary": "Admin-configured notification rules for CRM events, sent exactly once and logged",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "medcrm",
    "depends": ["medcrm_deals", "mail"],
}
