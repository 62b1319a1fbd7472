from lxml import etree

from odoo.tests import tagged

from .common import NotifyCase


@tagged("post_install", "-at_install")
class TestLogView(NotifyCase):
    def test_log_list_names_each_recipient_not_their_company(self):
        # an employee's contact belongs to the company: its display name starts with the company
        company = self.env["res.partner"].create({"name": "MedTech Ltd", "is_company": True})
        (self.seller | self.director).partner_id.parent_id = company
        rule = self.make_rule(user_ids=[(4, self.director.id)], is_to_salesperson=True)
        self.make_lead()
        logs = self.logs(rule)
        self.assertEqual(len(logs), 2)
        view = self.env.ref("medcrm_notify.medcrm_notify_log_view_list")
        arch = etree.fromstring(self.Log.get_view(view.id, "list")["arch"])
        labels = {
            node.get("name"): node.get("string") or self.Log._fields[node.get("name")].string
            for node in arch.iter("field")
        }
        column = next(name for name, label in labels.items() if label == "Recipient")
        field = self.Log._fields[column]
        spec = {column: {"fields": {"display_name": {}}} if field.type == "many2one" else {}}
        shown = []
        for row in logs.web_read(spec):
            value = row[column]
            shown.append(value["display_name"] if isinstance(value, dict) else value)
        self.assertEqual(sorted(shown), sorted([self.director.name, self.seller.name]))
