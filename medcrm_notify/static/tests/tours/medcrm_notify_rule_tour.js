import { registry } from "@web/core/registry";

/**
 * An administrator writes a rule without code: the event, the stage reached, who is told;
 * previews it on the last days' deals, narrows it with a condition built in the domain editor
 * (expected revenue over one million), sees the preview follow, then activates it.
 * Data: tests/test_tour.py.
 */
registry.category("web_tour.tours").add("medcrm_notify_rule_tour", {
    steps: () => [
        {
            content: "Create a rule",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Tell the director about deals reaching Tour Offer",
        },
        {
            content: "React to stage changes",
            trigger: ".o_field_widget[name=event_code] select",
            run: 'select "lead_stage_changed"',
        },
        {
            content: "Only into the offer stage",
            trigger: ".o_field_widget[name=stage_to_ids] input",
            run: "edit Tour Offer",
        },
        {
            trigger: ".o_field_widget[name=stage_to_ids] .o-autocomplete--dropdown-menu li:contains(Tour Offer)",
            run: "click",
        },
        {
            content: "Tell the director",
            trigger: ".o_field_widget[name=user_ids] input",
            run: "edit Tour Director",
        },
        {
            trigger: ".o_field_widget[name=user_ids] .o-autocomplete--dropdown-menu li:contains(Tour Director)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=user_ids] .o_tag:contains(Tour Director)",
        },
        {
            content: "Preview it (saves the draft rule first)",
            trigger: ".o_form_view button[name=action_preview]",
            run: "click",
        },
        {
            content: "Both deals that reached the offer stage this week would have been notified",
            trigger: ".modal .o_field_widget[name=result_html]:contains(Tour MRI for the Regional Hospital):contains(Tour ultrasound probe for the Regional Hospital)",
        },
        {
            trigger: ".modal .o_field_widget[name=message_count]:contains(2)",
        },
        {
            content: "Close the preview",
            trigger: ".modal .modal-footer button:contains(Close)",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "Filter the deals with the domain editor",
            trigger: ".o_field_widget[name=domain] .o_field_domain_dialog_button",
            run: "click",
        },
        {
            content: "Add a condition",
            trigger: ".modal .o_domain_selector .o_tree_editor_row > a",
            run: "click",
        },
        {
            content: "On the expected revenue",
            trigger: ".modal .o_tree_editor_condition .o_tree_editor_editor:nth-child(1) .o_model_field_selector",
            run: "click",
        },
        {
            trigger: ".o_model_field_selector_popover_search input",
            run: "edit Expected Revenue",
        },
        {
            trigger: ".o_model_field_selector_popover_item_name:contains(Expected Revenue)",
            run: "click",
        },
        {
            trigger: ".modal .o_tree_editor_condition .o_tree_editor_editor:nth-child(1):contains(Expected Revenue)",
        },
        {
            content: "Greater than",
            trigger: ".modal .o_tree_editor_condition .o_tree_editor_editor:nth-child(2) select",
            run(helpers) {
                // the editor's option values are the operators in JSON
                return helpers.select(JSON.stringify(">"));
            },
        },
        {
            content: "One million",
            trigger: ".modal .o_tree_editor_condition .o_tree_editor_editor:nth-child(3) input",
            run: "edit 1000000",
        },
        {
            trigger: ".modal .modal-footer button:contains(Confirm)",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The rule's filter shows the condition",
            trigger: ".o_field_widget[name=domain] .o_tree_editor_condition:contains(Expected Revenue)",
        },
        {
            content: "Preview again",
            trigger: ".o_form_view button[name=action_preview]",
            run: "click",
        },
        {
            content: "Only the big deal would have been notified now",
            trigger: ".modal .o_field_widget[name=result_html]:contains(Tour MRI for the Regional Hospital):not(:contains(Tour ultrasound probe))",
        },
        {
            trigger: ".modal .o_field_widget[name=message_count]:contains(1)",
        },
        {
            content: "Close the preview",
            trigger: ".modal .modal-footer button:contains(Close)",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "Activate the rule",
            trigger: ".o_form_view button[name=action_unarchive]",
            run: "click",
        },
        {
            content: "The rule is active",
            trigger: ".o_form_view button[name=action_archive]",
        },
    ],
});

/** The log shows the notification that a deal change queued. */
registry.category("web_tour.tours").add("medcrm_notify_log_tour", {
    steps: () => [
        {
            content: "The stage change of the deal is in the log",
            trigger: ".o_list_view .o_data_row:contains(Tour MRI for the Regional Hospital):contains(Deal stage changed) .o_data_cell[name=record_name]",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=record_name]:contains(Tour MRI for the Regional Hospital)",
        },
        {
            content: "It says who is notified and why",
            trigger: ".o_form_view .o_field_widget[name=partner_id]:contains(Tour Director)",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=details]:contains(Tour Offer)",
        },
    ],
});
