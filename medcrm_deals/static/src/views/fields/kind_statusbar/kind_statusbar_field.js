/** @odoo-module **/

import { browser } from "@web/core/browser/browser";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import {
    StatusBarDurationField,
    statusBarDurationField,
} from "@mail/views/fields/statusbar_duration/statusbar_duration_field";

/**
 * The deal's statusbar with the stages in the order of the deal's kind (a stage has one
 * sequence, but each kind orders its stages its own way). The order comes from the deal's
 * `medcrm_kind_stage_order` (stage ids); stages outside of it keep their place at the end.
 */
export class KindStatusBarField extends StatusBarDurationField {
    getAllItems() {
        const items = super.getAllItems();
        const order = this.props.record.data.medcrm_kind_stage_order;
        if (this.field.type !== "many2one" || !Array.isArray(order) || !order.length) {
            return items;
        }
        const rank = new Map(order.map((stageId, index) => [stageId, index]));
        const rankOf = (item) => (rank.has(item.value) ? rank.get(item.value) : order.length);
        return items
            .map((item, index) => ({ item, index }))
            .sort((a, b) => rankOf(a.item) - rankOf(b.item) || a.index - b.index)
            .map(({ item }) => item);
    }

    /**
     * A move the server refuses (a stage gate) leaves the deal where it was, on screen too:
     * otherwise the form stays dirty on the refused stage and every later button saves it
     * again, repeating the refusal. Edits made before the click stay, unsaved.
     */
    async selectItem(item) {
        const { name, record } = this.props;
        const wasDirty = await record.isDirty();
        const previous = record.data[name];
        try {
            await super.selectItem(item);
        } catch (error) {
            if (wasDirty) {
                await record.update({ [name]: previous });
            } else {
                await record.discard();
            }
            // The statusbar keeps its items while it lays them out (one animation frame after
            // a render): a render falling in that frame would still show the refused stage.
            await new Promise((resolve) => browser.requestAnimationFrame(resolve));
            this.render();
            throw error;
        }
    }
}

export const kindStatusBarField = {
    ...statusBarDurationField,
    component: KindStatusBarField,
    displayName: _t("Status in the deal kind's order"),
    // the statusbar's layout (it lays the buttons out right to left) is styled by the class
    // of the widget name; ours takes the style of the one it extends
    additionalClasses: ["o_field_statusbar_duration"],
    fieldDependencies: [
        ...statusBarDurationField.fieldDependencies,
        { name: "medcrm_kind_stage_order", type: "JSON" },
    ],
};

registry.category("fields").add("medcrm_kind_statusbar", kindStatusBarField);
