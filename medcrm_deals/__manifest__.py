{
    "name": "medcrm: Deals",
    "summary": "Deal kinds with their own stages, participants, documents, pause and stage gates",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "medcrm",
    "depends": ["crm", "utm", "mail", "calendar", "product"],
}
