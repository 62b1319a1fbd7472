/** @odoo-module **/

import { registry } from "@web/core/registry";

// Create a deal in the pipeline of the service kind, see only that kind's stages, move it, hit a
// stage gate, then pause it. The kinds and stages are made by the Python test (test_tour.py).
registry.category("web_tour.tours").add("medcrm_deals_service_deal_tour", {
    steps: () => [
        {
            content: "the service pipeline shows the service stages, also the empty ones",
            trigger: ".o_kanban_group .o_column_title:contains('TT Request')",
        },
        {
            trigger: ".o_kanban_group .o_column_title:contains('TT Quotation')",
        },
        {
            content: "and no stage of another kind",
            trigger: ".o_kanban_renderer:not(:has(.o_column_title:contains('TT Equipment offer')))",
        },
        {
            trigger: ".o-kanban-button-new",
            content: "create a service deal",
            run: "click",
        },
        {
            trigger: ".o_kanban_quick_create .o_field_widget[name=name] input",
            run: "edit TT Maintenance of the CT scanner",
        },
        {
            trigger: ".o_kanban_quick_create button.o_kanban_add",
            run: "click",
        },
        {
            trigger: ".o_kanban_group:has(.o_column_title:contains('TT Request')) .o_kanban_record:contains('TT Maintenance of the CT scanner')",
            content: "the new deal is in the first stage of the kind; move it",
            run: "drag_and_drop (.o_opportunity_kanban .o_kanban_group:has(.o_column_title:contains('TT Inspection')))",
        },
        {
            // draggable again once the first move is saved
            trigger: ".o_kanban_group:has(.o_column_title:contains('TT Inspection')) .o_kanban_record.o_draggable:contains('TT Maintenance of the CT scanner')",
            content: "drag the deal into the gated stage",
            run: "drag_and_drop (.o_opportunity_kanban .o_kanban_group:has(.o_column_title:contains('TT Quotation')))",
        },
        {
            trigger: ".modal:contains('Missing:'):contains('TT Engineer')",
            content: "the gate refuses the move and lists what is missing",
        },
        {
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal)) .o_kanban_group:has(.o_column_title:contains('TT Quotation')):not(:has(.o_kanban_record:contains('TT Maintenance of the CT scanner')))",
            content: "the card went back: not in the gated stage",
        },
        {
            trigger: ".o_kanban_group:has(.o_column_title:contains('TT Inspection')) .o_kanban_record:contains('TT Maintenance of the CT scanner')",
            content: "but in its own; open the deal",
            run: "click",
        },
        {
            // inline statusbar buttons are laid out right to left: the last stage comes first
            trigger: ".o_form_view .o_statusbar_status:has(button:contains('TT Quotation') + button:contains('TT Inspection') + button:contains('TT Request'))",
            content: "the statusbar shows the stages in the kind's order, not by their own sequence",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button:contains('TT Request')",
            content: "and on screen the kind's first stage is on the left, its last on the right",
            run() {
                const left = (label) =>
                    [...document.querySelectorAll(".o_form_view .o_statusbar_status button")]
                        .find((button) => button.textContent.includes(label))
                        .getBoundingClientRect().left;
                if (!(left("TT Request") < left("TT Inspection") && left("TT Inspection") < left("TT Quotation"))) {
                    throw new Error("the statusbar shows the kind's stages right to left");
                }
            },
        },
        {
            trigger: ".o_form_view .o_statusbar_status button:contains('TT Quotation')",
            content: "enter the gated stage",
            run: "click",
        },
        {
            trigger: ".modal:contains('Missing:'):contains('TT Engineer')",
            content: "the gate lists what is missing",
        },
        {
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal)) .o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
            content: "the refused move left the deal as it was: nothing to save or discard",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('TT Inspection')",
            content: "and the stage bar shows the deal's stage, not the refused one",
        },
        {
            trigger: ".o_form_view .o_statusbar_status:not(:has(button.o_arrow_button_current:contains('TT Quotation')))",
        },
        {
            trigger: ".o_form_view .o_statusbar_buttons button:contains('Log a Call')",
            content: "the next button works without the gate error",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=result] textarea",
            run: "edit The engineer visits on Monday",
        },
        {
            trigger: ".modal button[name=action_done]",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal)) .o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
            content: "the call is logged, no gate error",
        },
        {
            trigger: ".o_form_view .o_statusbar_buttons button:contains('Pause')",
            content: "pause the deal",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=date_until] input",
            run: "edit 12/31/2099",
        },
        {
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit The hospital waits for its budget",
        },
        {
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            trigger: ".o_form_view .ribbon:contains('Paused')",
            content: "the deal is paused",
        },
    ],
});
