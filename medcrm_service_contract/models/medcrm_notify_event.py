from odoo import api, models


class MedcrmNotifyEvent(models.AbstractModel):
    _inherit = "medcrm.notify.event"

    @api.model
    def _medcrm_notify_events(self):
        events = super()._medcrm_notify_events()
        events.update(
            {
                "contract_obligation_due_soon": {
                    "name": self.env._("Service obligation due soon"),
                    "model": "medcrm.contract.occurrence",
                    "date_field": "date_reminder",
                    "sequence": 300,
                },
                "contract_obligation_overdue": {
                    "name": self.env._("Service obligation overdue"),
                    "model": "medcrm.contract.occurrence",
                    "date_field": "date_due",
                    "sequence": 310,
                },
                "contract_obligation_completed_late": {
                    "name": self.env._("Service obligation completed late"),
                    "model": "medcrm.contract.occurrence",
                    "date_field": "date_done",
                    "sequence": 320,
                },
            }
        )
        return events
