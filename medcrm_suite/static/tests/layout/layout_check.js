/* Layout check, run by medcrm_suite/tests/test_layout.py through HttpCase.browser_js (not a
 * bundled asset). SCREENS is put in front of this code by the test: for each screen, the action
 * to open and what a person must be able to read there. A key cell is cut when its content is
 * wider than the cell (scrollWidth > clientWidth); a header too. Reports every problem at once. */
(async function medcrmLayoutCheck() {
    const problems = [];
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    while (!odoo.__WOWL_DEBUG__?.root) {
        await sleep(100);
    }
    const env = odoo.__WOWL_DEBUG__.root.env;
    async function waitFor(selector, timeout = 20000) {
        const end = Date.now() + timeout;
        while (Date.now() < end) {
            const element = document.querySelector(selector);
            if (element) {
                return element;
            }
            await sleep(100);
        }
        return null;
    }
    const isCut = (element) => element.scrollWidth > element.clientWidth + 1;
    const main = ".o_action_manager";

    for (const screen of SCREENS) {
        const options = { clearBreadcrumbs: true };
        if (screen.view_type) {
            options.viewType = screen.view_type;
        }
        if (screen.res_id) {
            options.props = { resId: screen.res_id };
        }
        await env.services.action.doAction(screen.action, options);
        const ready =
            screen.tab || screen.statusbar
                ? `${main} .o_form_view .o_form_statusbar .o_statusbar_status`
                : `${main} .o_data_row`;
        if (!(await waitFor(ready))) {
            problems.push(`${screen.name}: nothing shown (${ready})`);
            continue;
        }
        if (screen.tab) {
            document.querySelector(`${main} .o_notebook .nav-link[name=${screen.tab}]`).click();
            await waitFor(`${main} .o_notebook .tab-pane.active .o_data_row`);
        }
        // the list computes its column widths after it is shown
        await sleep(400);
        const scope = screen.tab ? `${main} .o_notebook .tab-pane.active` : main;
        for (const column of screen.keys || []) {
            const cells = document.querySelectorAll(`${scope} .o_data_row td[name=${column}]`);
            if (!cells.length) {
                problems.push(`${screen.name}: no cell of the key column "${column}"`);
            }
            for (const cell of cells) {
                if (isCut(cell)) {
                    problems.push(
                        `${screen.name}: "${cell.innerText.trim()}" is cut in column "${column}" ` +
                            `(${cell.scrollWidth} px of text in ${cell.clientWidth} px)`
                    );
                }
            }
        }
        const titles = [];
        for (const column of screen.headers || []) {
            const title = document.querySelector(
                `${scope} thead th[data-name=${column}] span.text-truncate`
            );
            if (!title) {
                problems.push(`${screen.name}: no header for "${column}"`);
            } else if (isCut(title)) {
                problems.push(`${screen.name}: the header "${title.innerText}" is cut`);
            } else {
                titles.push(title.innerText.trim());
            }
        }
        if (new Set(titles).size !== titles.length) {
            problems.push(`${screen.name}: headers read the same: ${titles.join(" / ")}`);
        }
        if (screen.statusbar) {
            const bar = document.querySelector(`${main} .o_form_statusbar .o_statusbar_status`);
            const stages = [...bar.querySelectorAll(".o_arrow_button:not(.dropdown-toggle)")]
                .filter((button) => button.offsetParent && !button.closest(".dropdown-menu"));
            if (stages.length < screen.statusbar) {
                problems.push(
                    `${screen.name}: the stage bar shows ${stages.length} stage(s), ` +
                        `not at least ${screen.statusbar}: the header buttons take its room`
                );
            }
            const tabs = [...document.querySelectorAll(`${main} .o_notebook_headers .nav-link`)];
            for (const tab of tabs) {
                if (tab.getBoundingClientRect().right > window.innerWidth) {
                    problems.push(`${screen.name}: the tab "${tab.innerText}" is off screen`);
                }
            }
        }
    }
    if (problems.length) {
        console.error(`layout at ${window.innerWidth} px:\n${problems.join("\n")}`);
    } else {
        console.log("test successful");
    }
})();
