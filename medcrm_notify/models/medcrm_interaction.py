import textwrap

from odoo import api, models


class MedcrmInteraction(models.Model):
    _inherit = "medcrm.interaction"

    @api.model_create_multi
    def create(self, vals_list):
        interactions = super().create(vals_list)
        interactions.filtered(lambda i: i.state == "done")._medcrm_notify_done()
        return interactions

    def write(self, vals):
        if vals.get("state") != "done":
            return super().write(vals)
        newly_done = self.filtered(lambda i: i.state != "done")
        result = super().write(vals)
        newly_done._medcrm_notify_done()
        return result

    # ------------------------------------------------------------------
    # private helpers
    # ------------------------------------------------------------------

    def _medcrm_notify_done(self):
        """Report each interaction done on a deal as a communication on that deal."""
        Event = self.env["medcrm.notify.event"]
        done = self.filtered("lead_id")
        if not done or not Event._has_rules("lead_interaction_done"):
            return
        # one emission per interaction: two interactions done on the same deal are two
        # occurrences
        for interaction in done:
            lead = interaction.lead_id
            detail = self.env._(
                "%(type)s “%(name)s” done by %(user)s",
                type=interaction.type_id.name or "",
                name=interaction.name,
                user=interaction.user_id.name or "-",
            )
            if interaction.result:
                detail += "\n" + textwrap.shorten(interaction.result, 300)
            Event._emit(
                "lead_interaction_done",
                lead,
                occurrence_keys={lead.id: f"interaction{interaction.id}"},
                details={lead.id: detail},
            )
