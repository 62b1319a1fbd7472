from odoo import models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(self, modules, langs, overwrite=False, imported_module=False):
        """Once the terms of a language are loaded (a language installed from Settings, or an
        add-on installed or updated), name the kinds' pipeline menus and actions in it too:
        they are made by code, without an XML id, so no PO file can reach them."""
        res = super()._load_module_terms(
            modules, langs, overwrite=overwrite, imported_module=imported_module
        )
        if "medcrm.deal.kind" in self.env:
            # a handful of configuration records, archived ones included: no limit needed
            kinds = self.env["medcrm.deal.kind"].with_context(active_test=False)
            kinds.search([("id", "!=", False)])._medcrm_sync_menus()
        return res
