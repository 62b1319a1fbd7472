{
    "name": "medcrm: Fulfillment and Installed Base",
    "summary": "From a won deal to each serial number at the end customer's address",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "medcrm",
    "depends": ["medcrm_deals", "sale_crm", "sale_stock"],
}
