{
    "name": "medcrm: Survey Entry from Paper",
    "summary": "Back-office entry of a customer's questionnaire answers from a paper sheet",
    "version": "18.0.1.0.0",
    "category": "Marketing/Surveys",
    "license": "LGPL-3",
    "author": "medcrm",
    "depends": ["medcrm_deals", "survey"],
}
