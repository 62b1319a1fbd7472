import { registry } from "@web/core/registry";

/**
 * The Service Obligations views a director switches between: list (overdue highlighted), kanban
 * by compliance status, calendar by due date, pivot. Data comes from tests/test_tour.py.
 */
registry.category("web_tour.tours").add("medcrm_service_obligations_views_tour", {
    steps: () => [
        {
            content: "The overdue obligation is highlighted in the list",
            trigger: ".o_list_view .o_data_row.text-danger:contains(T City Hospital No. 1)",
        },
        {
            content: "Switch to kanban",
            trigger: ".o_switch_view.o_kanban",
            run: "click",
        },
        {
            content: "Obligations are grouped by compliance status",
            trigger: ".o_kanban_group:contains(Overdue) .o_kanban_record:contains(T City Hospital No. 1)",
        },
        {
            content: "Switch to calendar",
            trigger: ".o_switch_view.o_calendar",
            run: "click",
        },
        {
            trigger: ".o_calendar_renderer",
        },
        {
            content: "Switch to pivot",
            trigger: ".o_switch_view.o_pivot",
            run: "click",
        },
        {
            content: "Customers in rows, compliance statuses in columns",
            trigger: ".o_pivot table th:contains(T City Hospital No. 1)",
        },
        {
            trigger: ".o_pivot table th:contains(Upcoming)",
        },
        {
            content: "Open the engineer's weekly view from the menu",
            trigger: ".o_menu_sections button:contains(Service Obligations)",
            run: "click",
        },
        {
            trigger: ".dropdown-item:contains(My Obligations This Week)",
            run: "click",
        },
        {
            content: "Filtered on my obligations to do by the end of the week",
            trigger: ".o_searchview .o_facet_value:contains(My Obligations)",
        },
        {
            trigger: ".o_searchview .o_facet_value:contains(To Do by End of Week)",
        },
        {
            content: "The overdue visit is there, the later ones are not",
            trigger: ".o_list_view .o_data_row.text-danger:contains(T City Hospital No. 1)",
        },
        {
            trigger: ".o_list_view:not(:has(.o_data_row:not(.text-danger):contains(T City Hospital No. 1)))",
        },
    ],
});
