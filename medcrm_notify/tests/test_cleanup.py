from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import NotifyCase


@tagged("post_install", "-at_install")
class TestLogRetention(NotifyCase):
    def test_old_finished_entries_are_deleted_in_batches(self):
        self.env["ir.config_parameter"].set_param("medcrm_notify.log_retention_days", 30)
        rule = self.make_rule(user_ids=[(4, self.director.id), (4, self.manager.id)])
        old_lead = self.make_lead(name="Old deal")
        self.dispatch()
        self.make_lead(name="Recent deal")
        self.dispatch()
        pending_lead = self.make_lead(name="Pending deal")
        self.env.flush_all()
        old_ids = self.Log.search([("res_id", "in", (old_lead | pending_lead).ids)]).ids
        self.env.cr.execute(
            "UPDATE medcrm_notify_log SET create_date = %s WHERE id IN %s",
            (fields.Datetime.now() - timedelta(days=40), tuple(old_ids)),
        )
        self.env.invalidate_all()
        self.assertEqual(self.Log._cleanup_batch(limit=1), 1)
        self.assertEqual(self.Log._cleanup_batch(limit=100), 1)
        self.assertEqual(self.Log._cleanup_batch(limit=100), 0)
        remaining = self.logs(rule)
        self.assertEqual(
            sorted(set(remaining.mapped("record_name"))), ["Pending deal", "Recent deal"]
        )
        self.assertEqual(
            set(remaining.filtered(lambda x: x.record_name == "Pending deal").mapped("state")),
            {"queued"},
        )

    def test_zero_retention_keeps_everything(self):
        self.env["ir.config_parameter"].set_param("medcrm_notify.log_retention_days", 0)
        self.make_rule()
        self.make_lead()
        self.dispatch()
        self.assertEqual(self.Log._cleanup_batch(), 0)
