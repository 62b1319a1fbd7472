import { registry } from "@web/core/registry";
import { inputFiles } from "@web/../tests/utils";

/**
 * Add a quarterly maintenance term to a won service deal, then mark its first visit done with
 * the signed act attached. Data comes from tests/test_tour.py.
 */
registry.category("web_tour.tours").add("medcrm_service_contract_tour", {
    steps: () => [
        {
            content: "Open the Contract Terms tab of the deal",
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
            run: "edit Quarterly visit (tour)",
        },
        {
            trigger: ".modal .o_field_widget[name=term_type_id] .o-autocomplete--dropdown-menu li:contains(Quarterly visit (tour))",
            run: "click",
        },
        {
            content: "Every 3 months",
            trigger: ".modal .o_field_widget[name=interval] input",
            run: "edit 3",
        },
        {
            content: "Serial number of the device",
            trigger: ".modal .o_field_widget[name=serial_number] input",
            run: "edit TOUR-SN-1",
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
            content: "Save the deal",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Once saved, unfold the smart buttons that do not fit (other add-ons add theirs)",
            trigger: ".o_form_view:has(.o_form_saved) .o-form-buttonbox",
            run() {
                const target = ".oe_stat_button[name=action_view_contract_occurrences]";
                if (!document.querySelector(target)) {
                    document.querySelector(".o-form-buttonbox .o_button_more")?.click();
                }
            },
        },
        {
            content: "Open the planned obligations",
            trigger: ".oe_stat_button[name=action_view_contract_occurrences]",
            run: "click",
        },
        {
            content: "Open the first visit",
            trigger: ".o_list_view .o_data_row:first .o_data_cell[name=date_due]",
            run: "click",
        },
        {
            content: "Mark the visit done",
            trigger: ".o_form_view button[name=action_mark_done]",
            run: "click",
        },
        {
            content: "The visit's type requires evidence: the dialog asks for the signed act",
            trigger: ".modal .o_field_widget[name=evidence_file]",
            async run() {
                const file = new File(["%PDF-1.4 signed act"], "signed_act.pdf", {
                    type: "application/pdf",
                });
                await inputFiles(".modal .o_field_widget[name=evidence_file] input.o_input_file", [
                    file,
                ]);
            },
        },
        {
            trigger: ".modal .o_field_widget[name=evidence_file] .o_clear_file_button",
        },
        {
            content: "Write the result",
            trigger: ".modal .o_field_widget[name=result] textarea",
            run: "edit Visit done, act signed by the head of department.",
        },
        {
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The visit is done",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Done)",
        },
    ],
});
