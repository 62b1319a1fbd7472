/** @odoo-module **/

import { registry } from "@web/core/registry";

/**
 * The README's "First ten minutes", step by step, as the user each step names, in English and
 * in Russian (tests/test_readme_walk.py logs them in and gives each tour its language's texts
 * through the tour name's suffix). The first screen of CRM, the kinds' menus, the stages and
 * the example deal of the README are the demo's: this walk checks demo records, on purpose.
 */
const tours = registry.category("web_tour.tours");

const TEXTS = {
    en: {
        equipment: "Equipment sale",
        repair: "Repair and service",
        maintenance: "Maintenance contract",
        proposal: "Technical proposal",
        offer: "Commercial offer",
        deals: "Deals",
        tasks: "Tasks",
        myTasks: "My Tasks",
        rules: "Notification Rules",
        rule: "Tell the team leader when an equipment deal reaches the technical proposal",
    },
    ru: {
        equipment: "Продажа оборудования",
        repair: "Ремонт и сервис",
        maintenance: "Договор на техническое обслуживание",
        proposal: "Техническое предложение",
        offer: "Коммерческое предложение",
        deals: "Сделки",
        tasks: "Задачи",
        myTasks: "Мои задачи",
        rules: "Правила уведомлений",
        rule: "Сообщать руководителю команды, когда сделка по оборудованию доходит до технического предложения",
    },
};

const openCrm = [
    {
        content: "after login: open the CRM app from the apps menu",
        trigger: ".o_navbar_apps_menu button",
        run: "click",
    },
    {
        trigger: ".o_app[data-menu-xmlid='crm.crm_menu_root']",
        run: "click",
    },
];

const openMenu = (section, entry) => [
    {
        content: `open the menu ${section}`,
        trigger: `.o_main_navbar .o_menu_sections .dropdown-toggle:contains('${section}')`,
        run: "click",
    },
    {
        content: `${section} > ${entry}`,
        trigger: `.o-dropdown--menu .dropdown-item:contains('${entry}')`,
        run: "click",
    },
];

const kindPipelineFirst = (t) => [
    ...openCrm,
    {
        content: "the CRM > Deals menu lists one pipeline per kind",
        trigger: `.o_main_navbar .o_menu_sections .dropdown-toggle:contains('${t.deals}')`,
        run: "click",
    },
    {
        trigger: `.o-dropdown--menu .dropdown-item:contains('${t.repair}')`,
    },
    {
        trigger: `.o-dropdown--menu .dropdown-item:contains('${t.maintenance}')`,
    },
    {
        trigger: `.o-dropdown--menu .dropdown-item:contains('${t.equipment}')`,
        run: "click",
    },
    {
        content: "the equipment pipeline, titled with the kind",
        trigger: `.o_breadcrumb .active:visible:contains('${t.equipment}')`,
    },
    {
        content: "its own stages as columns, in the user's language",
        trigger: `.o_kanban_renderer .o_column_title:contains('${t.proposal}')`,
    },
    {
        trigger: `.o_kanban_renderer .o_column_title:contains('${t.offer}')`,
    },
];

const adminWalk = (t) => [
    // 1. CRM > Deals > Equipment sale: a deal waits in the technical proposal
    ...kindPipelineFirst(t),
    {
        content: "step 1: a deal of the administrator's to move on from the technical proposal",
        trigger: `.o_kanban_group:has(.o_column_title:contains('${t.proposal}')) .o_kanban_record:contains('CT scanner for the Regional Oncology Center')`,
    },
    // 2. the README's example deal, found as the administrator opens the pipeline
    {
        content: "step 2: open the README's example deal",
        trigger: `.o_kanban_group:has(.o_column_title:contains('${t.offer}')) .o_kanban_record:contains('Ultrasound fleet renewal, City Clinical Hospital No. 7')`,
        run: "click",
    },
    {
        content: "its card, at the commercial offer",
        // the stage bar, or its single drop-down when the header is too narrow for it
        trigger: `.o_form_view .o_statusbar_status button.o_arrow_button_current:visible:contains('${t.offer}'), .o_form_view .o_statusbar_status button.dropdown-toggle:not(.o_arrow_button):visible:contains('${t.offer}')`,
    },
    {
        trigger: ".o_breadcrumb .active:visible:contains('Ultrasound fleet renewal')",
    },
];

// 7. CRM > Configuration > Notification Rules (opened by its address: at 1366 px the
// navbar folds Configuration into its "more" menu)
const rulesWalk = (t) => [
    {
        content: "step 7: the notification rules, titled and named in the user's language",
        trigger: `.o_breadcrumb .active:visible:contains('${t.rules}')`,
    },
    {
        trigger: `.o_list_renderer .o_data_row:contains('${t.rule}')`,
    },
];

const salesWalk = (t) => [
    ...kindPipelineFirst(t),
    {
        content: "the salesperson's own deal in their pipeline",
        trigger: ".o_kanban_record:contains('Walk CT for Hospital No. 12')",
    },
    // 3. CRM > Tasks > My Tasks: a task a colleague set, overdue
    ...openMenu(t.tasks, t.myTasks),
    {
        content: "step 3: My Tasks, titled in the user's language",
        trigger: `.o_breadcrumb .active:visible:contains('${t.myTasks}')`,
    },
    {
        content: "the task set by a colleague",
        trigger: ".o_kanban_record:contains('Walk: check the room plan')",
    },
];

for (const [lang, t] of Object.entries(TEXTS)) {
    tours.add(`medcrm_readme_walk_admin_${lang}`, { steps: () => adminWalk(t) });
    tours.add(`medcrm_readme_walk_rules_${lang}`, { steps: () => rulesWalk(t) });
    tours.add(`medcrm_readme_walk_sales_${lang}`, { steps: () => salesWalk(t) });
}
