/** @odoo-module **/

import { registry } from "@web/core/registry";

// A task's life across people, one tour per person and step; the Python test
// (test_task_tour.py) logs in the right user for each and checks the task between them.
const tours = registry.category("web_tour.tours");

const currentState = (label) => ({
    content: `the task is '${label}'`,
    trigger: `.o_statusbar_status button.o_arrow_button_current:contains('${label}')`,
});

// The author sets a task on the deal (from the deal card)
tours.add("medcrm_task_set_tour", {
    steps: () => [
        {
            content: "open the tasks of the deal",
            trigger: ".o_form_view button[name=action_medcrm_open_tasks]",
            run: "click",
        },
        {
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: "edit TT Prepare the tender specification",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=user_id] input",
            run: "edit Olga",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Olga Other')",
            run: "click",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "saved: the breadcrumb shows the task's name",
            trigger: ".o_breadcrumb .active:contains('TT Prepare the tender specification')",
        },
        {
            trigger: ".o_form_view:not(.o_form_dirty)",
        },
        currentState("Assigned"),
        {
            content: "the author cannot accept the task for the assignee",
            trigger: ".o_form_view:not(:has(button[name=action_accept]))",
        },
    ],
});

// The assignee accepts and marks the task done
tours.add("medcrm_task_accept_done_tour", {
    steps: () => [
        {
            trigger: ".o_form_view button[name=action_accept]",
            run: "click",
        },
        currentState("In Work"),
        {
            trigger: ".o_form_view button[name=action_done]",
            run: "click",
        },
        currentState("To Verify"),
        {
            content: "the assignee cannot verify the task",
            trigger: ".o_form_view:not(:has(button[name=action_verify]))",
        },
    ],
});

// The author returns it with a reason
tours.add("medcrm_task_return_tour", {
    steps: () => [
        {
            trigger: ".o_form_view button[name=action_open_return_wizard]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit The delivery terms are missing",
        },
        {
            trigger: ".modal button[name=action_confirm]:contains('Return to Work')",
            run: "click",
        },
        currentState("In Work"),
    ],
});

// The assignee finishes it again
tours.add("medcrm_task_done_tour", {
    steps: () => [
        {
            trigger: ".o_form_view button[name=action_done]",
            run: "click",
        },
        currentState("To Verify"),
    ],
});

// The author verifies it
tours.add("medcrm_task_verify_tour", {
    steps: () => [
        {
            trigger: ".o_form_view button[name=action_verify]",
            run: "click",
        },
        currentState("Verified"),
    ],
});
