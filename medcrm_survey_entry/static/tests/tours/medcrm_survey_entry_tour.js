/** @odoo-module **/

import { registry } from "@web/core/registry";

/**
 * Type a paper sheet with the keyboard only: each answer, then Tab to the next question.
 */
registry.category("web_tour.tours").add("medcrm_survey_entry_keyboard_tour", {
    url: "/odoo/action-medcrm_survey_entry.medcrm_survey_entry_action",
    steps: () => [
        {
            content: "Open a new sheet",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the survey",
            trigger: ".o_field_widget[name=survey_id] input",
            run: "edit Tour satisfaction",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Tour satisfaction)",
            run: "click",
        },
        {
            content: "Choose the hospital",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit T City Hospital No. 1",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(T City Hospital No. 1)",
            run: "click",
        },
        {
            content: "Every question of the survey is listed",
            trigger: ".o_field_widget[name=line_ids] tr.o_data_row:nth-child(3)",
        },
        {
            content: "Start typing at the first question",
            trigger: ".o_field_widget[name=line_ids] tr.o_data_row:nth-child(1) td[name=value_char]",
            run: "click",
        },
        {
            content: "Response time: 12 hours",
            trigger: ".o_selected_row td[name=value_char] input",
            run: "edit 12",
        },
        {
            content: "Tab to the next question",
            trigger: ".o_selected_row td[name=value_char] input",
            run: "press Tab",
        },
        {
            content: "Recommendation: 9",
            trigger: ".o_data_row:nth-child(2).o_selected_row td[name=value_char] input",
            run: "edit 9",
        },
        {
            trigger: ".o_data_row:nth-child(2).o_selected_row td[name=value_char] input",
            run: "press Tab",
        },
        {
            content: "Service quality: type the choice",
            trigger: ".o_data_row:nth-child(3).o_selected_row td[name=answer_ids] input",
            run: "edit Goo",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Good)",
            run: "press Enter",
        },
        {
            content: "The choice is taken",
            trigger: ".o_data_row:nth-child(3) td[name=answer_ids] .o_tag:contains(Good)",
        },
        {
            content: "Submit the sheet",
            trigger: ".o_form_view button[name=action_submit]",
            run: "click",
        },
        {
            content: "The sheet is submitted",
            trigger: ".o_statusbar_status [aria-checked=true]:contains(Submitted)",
        },
        ...[1, 2, 3].map((number) => ({
            content: `The saved sheet numbers its question ${number} as on paper`,
            trigger: `.o_data_row:nth-child(${number}) td[name=question_number]:contains(/^${number}$/)`,
        })),
    ],
});
