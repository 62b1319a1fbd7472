/** @odoo-module **/
import { registry } from "@web/core/registry";

// Validate a delivery whose serial numbers are reserved: the end address is on the form.
registry.category("web_tour.tours").add("medcrm_fulfillment_validate_delivery", {
    steps: () => [
        {
            content: "The delivery shows the end address field",
            trigger: ".o_field_widget[name=end_address_id] input",
        },
        {
            content: "Validate the delivery",
            trigger: ".btn-primary[name=button_validate]",
            run: "click",
        },
        {
            content: "The delivery is done",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Done')",
        },
    ],
});

// From the hospital's card, its installed equipment lists the serial at the department.
registry.category("web_tour.tours").add("medcrm_fulfillment_find_by_hospital", {
    steps: () => [
        {
            content: "Open the hospital's installed equipment",
            trigger: "button[name=action_medcrm_installed_equipment]",
            run: "click",
        },
        {
            content: "Units are grouped by the department they are at",
            trigger: ".o_group_header:contains('Radiology')",
            run: "click",
        },
        {
            content: "The serial delivered is there",
            trigger: ".o_data_row .o_data_cell[name=name]:contains('MR-0001')",
        },
    ],
});
