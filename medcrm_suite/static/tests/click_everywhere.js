/**
 * The screens medcrm_suite/tests/test_click_everywhere.py opens as a persona: window actions in
 * each of their view types, a record's form per action (Odoo's clickbot opens none), and the
 * wizards that buttons of those forms open. The test passes the list, as it depends on what the
 * persona may read. Any error dialog stops the walk with an error.
 */
import { rpcBus } from "@web/core/network/rpc";

export const SUCCESS_SIGNAL = "medcrm screens opened";
const TIMEOUT = 30000;

const pending = new Set();
rpcBus.addEventListener("RPC:REQUEST", ({ detail }) => pending.add(detail.data.id));
rpcBus.addEventListener("RPC:RESPONSE", ({ detail }) => pending.delete(detail.data.id));

function checkNoErrorDialog(what) {
    const dialog = document.querySelector(".o_error_dialog");
    if (dialog) {
        throw new Error(`${what}: error dialog: ${dialog.innerText}`);
    }
}

async function settled(what, condition = () => true) {
    const start = Date.now();
    for (;;) {
        checkNoErrorDialog(what);
        if (!pending.size && condition()) {
            // one more round: what just arrived may render, or ask for more
            await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
            checkNoErrorDialog(what);
            if (!pending.size && condition()) {
                return;
            }
        }
        if (Date.now() - start > TIMEOUT) {
            throw new Error(`${what}: not loaded after ${TIMEOUT / 1000} s`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}

function visibleButton(name) {
    return [
        ...document.querySelectorAll(
            `.o_action_manager .o_form_view button[name="${name}"]:not(.o_invisible_modifier)`
        ),
    ].find((button) => button.offsetParent !== null);
}

/**
 * The item named ``label`` of the form's gear menu (actions bound to the model), the menu
 * opened; undefined when the menu or the item is not shown to this user.
 */
async function cogMenuItem(what, label) {
    const toggle = document.querySelector(".o_action_manager .o_cp_action_menus button:has(.fa-cog)");
    if (!toggle) {
        return undefined;
    }
    toggle.click();
    await settled(`${what} (gear menu)`, () => document.querySelector(".o-dropdown--menu"));
    const item = [...document.querySelectorAll(".o-dropdown--menu .o_menu_item")].find(
        (element) => element.textContent.trim() === label
    );
    if (!item) {
        toggle.click(); // closes the menu again
    }
    return item;
}

async function openForm(actionService, screen) {
    const what = `form ${screen.label}`;
    console.log(`medcrm screen: ${what}`);
    try {
        await actionService.doAction(screen.action, {
            viewType: "form",
            props: { resId: screen.res_id },
            clearBreadcrumbs: true,
        });
    } catch (error) {
        checkNoErrorDialog(what);
        throw new Error(`${what}: ${error}`);
    }
    await settled(what, () => document.querySelector(".o_action_manager .o_form_view"));
}

async function openAction(actionService, screen) {
    const what = `${screen.label}`;
    console.log(`medcrm screen: ${what} (${screen.view_types[0] || "dialog"})`);
    try {
        await actionService.doAction(screen.action, { clearBreadcrumbs: true });
    } catch (error) {
        checkNoErrorDialog(what);
        throw new Error(`${what}: ${error}`);
    }
    if (!screen.view_types.length) {
        // a wizard opened from a menu: its dialog
        await settled(what, () => document.querySelector(".modal .o_form_view"));
        document.querySelector(".modal .btn-close").click();
        await settled(`${what} (closing)`, () => !document.querySelector(".modal"));
        return;
    }
    await settled(what, () => document.querySelector(".o_action_manager .o_view_controller"));
    for (const viewType of screen.view_types.slice(1)) {
        console.log(`medcrm screen: ${what} (${viewType})`);
        await actionService.switchView(viewType);
        await settled(`${what} (${viewType})`, () =>
            document.querySelector(`.o_action_manager .o_view_controller.o_${viewType}_view`)
        );
    }
}

/**
 * @param {Object} spec
 * @param {Array} spec.actions {label, action, view_types}: open the action in each of its view
 *     types (none: a dialog)
 * @param {Array} spec.forms {label, action, res_id}: open the record in the action's form
 * @param {Array} spec.wizards {label, action, res_id, button, menu_item}: open the record's
 *     form, click the button (or the gear menu's item named menu_item), wait for the wizard's
 *     dialog, close it
 */
export async function medcrmOpenScreens(spec) {
    const env = odoo.__WOWL_DEBUG__.root.env;
    const actionService = env.services.action;
    for (const screen of spec.actions) {
        await openAction(actionService, screen);
    }
    for (const screen of spec.forms) {
        await openForm(actionService, screen);
    }
    for (const wizard of spec.wizards) {
        await openForm(actionService, wizard);
        const what = `wizard ${wizard.label}`;
        const button = wizard.menu_item
            ? await cogMenuItem(what, wizard.menu_item)
            : visibleButton(wizard.button);
        if (!button) {
            console.log(`medcrm wizard not shown: ${wizard.label}`);
            continue;
        }
        console.log(`medcrm screen: ${what}`);
        button.click();
        await settled(what, () => document.querySelector(".modal .o_form_view"));
        console.log(`medcrm wizard opened: ${wizard.label}`);
        document.querySelector(".modal .btn-close").click();
        await settled(`${what} (closing)`, () => !document.querySelector(".modal"));
    }
    console.log(SUCCESS_SIGNAL);
}
