/** @odoo-module **/

import { registry } from "@web/core/registry";
import { inputFiles } from "@web/../tests/utils";

/**
 * The story of one deal through the screens, one tour per person; the Python test
 * (tests/test_story_tour.py) makes the users, kinds, stages, partners and products, logs in
 * the right person for each part and checks the database between them.
 */
const tours = registry.category("web_tour.tours");

/** Choose a record in a many2one field: type, then click the suggestion. */
const pick = (field, text, label = text) => [
    {
        content: `${field}: ${label}`,
        trigger: `${field} input`,
        run: `edit ${text}`,
    },
    {
        trigger: `${field} .o-autocomplete--dropdown-item a:contains('${label}')`,
        run: "click",
    },
];

/** Click a smart button of a saved form, unfolding "More" when it does not fit. */
const smartButton = (name) => [
    {
        trigger: ".o_form_view:has(.o_form_saved) .o-form-buttonbox",
        run() {
            if (!document.querySelector(`.oe_stat_button[name=${name}]`)) {
                document.querySelector(".o-form-buttonbox .o_button_more")?.click();
            }
        },
    },
    {
        trigger: `.oe_stat_button[name=${name}]`,
        run: "click",
    },
];

const save = [
    {
        trigger: ".o_form_view .o_form_button_save",
        run: "click",
    },
    {
        trigger: ".o_form_view .o_form_saved",
    },
];

/** Add a participant with a role on the deal card. */
const addParticipant = (name, role) => [
    {
        content: `${name} takes part as ${role}`,
        trigger: ".o_notebook .nav-link:contains('Participants')",
        run: "click",
    },
    {
        trigger: "div[name=participant_ids] .o_field_x2many_list_row_add a",
        run: "click",
    },
    ...pick("div[name=participant_ids] .o_selected_row .o_field_widget[name=partner_id]", name),
    ...pick("div[name=participant_ids] .o_selected_row .o_field_widget[name=role_id]", role),
];

const currentStage = (label) => ({
    content: `the deal is at '${label}'`,
    trigger: `.o_form_view .o_statusbar_status button.o_arrow_button_current:contains('${label}')`,
});

// The salesperson: the distributor's referral, the deal card, a call, a task, the gate, won.
tours.add("medcrm_story_deal_tour", {
    steps: () => [
        {
            content: "a lead: the distributor tells of a hospital that needs an MRI",
            trigger: ".o_form_view .o_field_widget[name=name] textarea",
            run: "edit Story MRI for Hospital No. 40",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=partner_name] input",
            run: "edit Story Hospital No. 40",
        },
        ...save,
        {
            content: "convert the lead into a deal for the hospital",
            trigger: ".o_form_view .o_statusbar_buttons button:contains('Convert to Opportunity')",
            run: "click",
        },
        {
            content: "the hospital is found among the customers",
            trigger: ".modal .o_field_widget[name=partner_id] input:value(Story Hospital No. 40)",
        },
        {
            trigger: ".modal button[name=action_apply]",
            run: "click",
        },
        {
            content: "the deal starts in its kind's first stage",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Story Qualification')",
        },
        ...pick(".o_form_view .o_field_widget[name=sales_channel_id]", "Distributor"),
        ...pick(".o_form_view .o_field_widget[name=source_partner_id]", "Story MedTechnika"),
        ...pick(".o_form_view .o_field_widget[name=end_partner_id]", "Story Hospital No. 40"),
        ...pick(".o_form_view .o_field_widget[name=end_address_id]", "Radiology"),
        {
            content: "the primary demand: the MRI scanner",
            trigger: ".o_notebook .nav-link[name=medcrm_demand]",
            run: "click",
        },
        {
            trigger: "div[name=demand_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        ...pick("div[name=demand_ids] .o_selected_row .o_field_widget[name=product_id]", "Story MRI"),
        ...addParticipant("Pavel Kuznetsov", "Biomedical engineer"),
        ...save,
        {
            content: "move to the offer: the gate wants a chief physician",
            trigger: ".o_form_view .o_statusbar_status button:contains('Story Offer')",
            run: "click",
        },
        {
            trigger: ".modal:contains('Missing:'):contains('Chief physician')",
        },
        {
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "the refused move left the deal as it was: nothing to discard",
            trigger: "body:not(:has(.modal)) .o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
        },
        currentStage("Story Qualification"),
        ...addParticipant("Irina Smirnova", "Chief physician"),
        ...save,
        {
            content: "log the call with the chief physician",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_medcrm_log_call]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=result] textarea",
            run: "edit Two scanners wanted; budget approved",
        },
        {
            trigger: ".modal .modal-footer button[name=action_done]",
            run: "click",
        },
        {
            content: "the call is on the deal card once it is reloaded",
            trigger: "body:not(:has(.modal)) .o_notebook .nav-link:contains('Interactions')",
            run: "click",
        },
        {
            trigger: "div[name=medcrm_interaction_ids] .o_data_row:contains('Two scanners wanted')",
        },
        {
            content: "now the gate lets the deal in",
            trigger: ".o_form_view .o_statusbar_status button:contains('Story Offer')",
            run: "click",
        },
        currentStage("Story Offer"),
        {
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "the contract is signed: won",
            trigger: ".o_form_view button[name=action_set_won_rainbowman]",
            run: "click",
        },
        currentStage("Story Delivered"),
        ...smartButton("action_view_fulfillment"),
        {
            content: "the fulfillment record of the won deal is open",
            trigger: ".o_form_view .o_field_widget[name=lead_id]:contains('Story MRI for Hospital No. 40')",
        },
        {
            content: "back to the deal",
            trigger: ".o_breadcrumb a:contains('Story MRI for Hospital No. 40')",
            run: "click",
        },
        ...smartButton("action_medcrm_open_tasks"),
        {
            content: "a task for the engineer: check the room",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: "edit Check the radiology room: shielding and power",
        },
        ...pick(".o_form_view .o_field_widget[name=user_id]", "Egor Story"),
        ...save,
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Assigned')",
        },
    ],
});

// The service engineer: a service deal with a maintenance term, won; the first visit done.
tours.add("medcrm_story_service_tour", {
    steps: () => [
        {
            trigger: ".o_form_view .o_field_widget[name=name] textarea",
            run: "edit Story maintenance of the MRI",
        },
        ...pick(".o_form_view .o_field_widget[name=partner_id]", "Story Hospital No. 40"),
        ...save,
        {
            content: "the service kind has contract terms",
            trigger: ".o_notebook .nav-link:contains('Contract Terms')",
            run: "click",
        },
        {
            trigger: "div[name=contract_term_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        ...pick(".modal .o_field_widget[name=term_type_id]", "Story quarterly"),
        {
            content: "every 3 months, for the delivered serial",
            trigger: ".modal .o_field_widget[name=interval] input",
            run: "edit 3",
        },
        {
            trigger: ".modal .o_field_widget[name=serial_number] input",
            run: "edit STORY-MR-0001",
        },
        {
            trigger: ".modal .modal-footer .o_form_button_save",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
        ...save,
        {
            content: "the contract is signed: won",
            trigger: ".o_form_view button[name=action_set_won_rainbowman]",
            run: "click",
        },
        currentStage("Story Signed"),
        ...smartButton("action_view_contract_occurrences"),
        {
            content: "open the first visit",
            trigger: ".o_list_view .o_data_row:first .o_data_cell[name=date_due]",
            run: "click",
        },
        {
            content: "attach the signed act",
            trigger: ".o_form_view .o_field_widget[name=evidence_file]",
            async run() {
                const file = new File(["%PDF-1.4 act"], "act.pdf", { type: "application/pdf" });
                await inputFiles(".o_field_widget[name=evidence_file] input.o_input_file", [file]);
            },
        },
        {
            trigger: ".o_field_widget[name=evidence_file] .o_clear_file_button",
        },
        {
            trigger: ".o_form_view button[name=action_mark_done]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Done)",
        },
    ],
});

// Recall: where is each serial now?
tours.add("medcrm_story_recall_tour", {
    steps: () => [
        {
            trigger: ".modal .o_field_widget[name=serials] textarea",
            run: "edit STORY-MR-0001, STORY-MR-0002",
        },
        {
            trigger: ".modal button[name=action_lookup]",
            run: "click",
        },
        {
            content: "the results open as a full list: the delivered serial is at the hospital's radiology department",
            trigger: ".o_action_manager .o_list_view .o_data_row:contains('STORY-MR-0001'):contains('Radiology department'):contains('Story Hospital No. 40')",
        },
        {
            content: "the serial still in stock is a gap",
            trigger: ".o_action_manager .o_data_row.text-danger:contains('STORY-MR-0002')",
        },
        {
            content: "the list can be exported as the safety notice's mailing list",
            trigger: ".o_control_panel button[name=action_export_xlsx]",
        },
    ],
});

// The hospital's paper questionnaire, typed in.
tours.add("medcrm_story_questionnaire_tour", {
    steps: () => [
        {
            trigger: ".o_list_button_add",
            run: "click",
        },
        ...pick(".o_form_view .o_field_widget[name=survey_id]", "Story installation"),
        ...pick(".o_form_view .o_field_widget[name=partner_id]", "Story Hospital No. 40"),
        {
            trigger: ".o_field_widget[name=line_ids] tr.o_data_row:nth-child(1) td[name=value_char]",
            run: "click",
        },
        {
            trigger: ".o_selected_row td[name=value_char] input",
            run: "edit 9",
        },
        {
            trigger: ".o_form_view button[name=action_submit]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status [aria-checked=true]:contains(Submitted)",
        },
    ],
});
