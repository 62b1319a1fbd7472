import { registry } from "@web/core/registry";

/**
 * A service engineer ties a maintenance term to the serial number delivered to the hospital,
 * then finds the term from the installed unit. Data comes from tests/test_tour.py.
 */
registry.category("web_tour.tours").add("medcrm_service_fulfillment_term_tour", {
    steps: () => [
        {
            content: "Open the Contract Terms tab of the service deal",
            trigger: ".o_notebook .nav-link:contains(Contract Terms)",
            run: "click",
        },
        {
            content: "Add a contract term",
            trigger: "div[name=contract_term_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Choose the term type",
            trigger: ".modal .o_field_widget[name=term_type_id] input",
            run: "edit Maintenance visit (bridge test)",
        },
        {
            trigger: ".modal .o_field_widget[name=term_type_id] .o-autocomplete--dropdown-menu li:contains(Maintenance visit (bridge test))",
            run: "click",
        },
        {
            content: "Look for the hospital's serials",
            trigger: ".modal .o_field_widget[name=lot_id] input",
            run: "edit MR-000",
        },
        {
            content: "Only the serial delivered to this hospital is offered",
            trigger: ".modal .o_field_widget[name=lot_id] .o-autocomplete--dropdown-menu:not(:has(li:contains(MR-0002))) li:contains(MR-0001)",
            run: "click",
        },
        {
            content: "The equipment comes from the serial",
            trigger: ".modal .o_field_widget[name=product_id]:contains(MRI scanner 1.5T)",
        },
        {
            content: "Save the term",
            trigger: ".modal .modal-footer .o_form_button_save",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The term lists its serial",
            trigger: "div[name=contract_term_ids] .o_data_row:contains(MR-0001)",
        },
        {
            content: "Save the deal",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});

registry.category("web_tour.tours").add("medcrm_service_fulfillment_unit_tour", {
    steps: () => [
        {
            content: "Open the contract terms of the installed unit",
            trigger: ".oe_stat_button[name=action_medcrm_contract_terms]",
            run: "click",
        },
        {
            content: "The maintenance term of the serial is listed",
            trigger: ".o_list_view .o_data_row:contains(Maintenance visit (bridge test)):contains(MR-0001)",
        },
    ],
});
