{
    "name": "medcrm: Service Contracts",
    "summary": "Maintenance-contract terms on service deals, tracked as obligations",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "medcrm",
    "depends": ["medcrm_deals"],
}
