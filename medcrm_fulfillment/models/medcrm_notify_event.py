from odoo import api, models


class MedcrmNotifyEvent(models.AbstractModel):
    _inherit = "medcrm.notify.event"

    @api.model
    def _medcrm_notify_events(self):
        events = super()._medcrm_notify_events()
        events["fulfillment_created"] = {
            "name": self.env._("Fulfillment created (deal won)"),
            "model": "medcrm.fulfillment",
            "date_field": "create_date",
            "sequence": 110,
        }
        events["unit_delivered"] = {
            "name": self.env._("Serial number delivered (installed base)"),
            "model": "medcrm.fulfillment.unit",
            "date_field": "create_date",
            "sequence": 120,
        }
        return events
