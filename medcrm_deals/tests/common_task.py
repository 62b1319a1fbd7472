"""Fixtures of the tests of tasks, interactions and private notes (no demo data).

``MedcrmTaskCase`` adds to ``MedcrmDealsCase``: an author and an assignee (salespeople), the
salesperson of the deal, an outsider, a colleague to reassign to, a portal user, an archived user,
a deal and two interaction types of its own.
"""

from odoo.tests import new_test_user

from .common import MedcrmDealsCase


class MedcrmTaskCase(MedcrmDealsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the author reads the deal (a task is set only on a deal its author may read) without
        # being its salesperson: salespeople who see all deals
        cls.author = new_test_user(
            cls.env,
            login="medcrm_task_author",
            name="Anton Author",
            groups="sales_team.group_sale_salesman_all_leads",
        )
        cls.assignee = cls.user_salesman_other
        cls.deal_owner = new_test_user(
            cls.env,
            login="medcrm_deal_owner",
            name="Dina Deal-Owner",
            groups="sales_team.group_sale_salesman",
        )
        cls.outsider = new_test_user(
            cls.env,
            login="medcrm_outsider",
            name="Oleg Outsider",
            groups="sales_team.group_sale_salesman",
        )
        cls.colleague = new_test_user(
            cls.env,
            login="medcrm_colleague",
            name="Kira Colleague",
            groups="sales_team.group_sale_salesman",
        )
        cls.portal_user = new_test_user(
            cls.env, login="medcrm_portal", name="Pavel Portal", groups="base.group_portal"
        )
        cls.archived_user = new_test_user(
            cls.env,
            login="medcrm_archived",
            name="Arkady Archived",
            groups="sales_team.group_sale_salesman",
        )
        cls.archived_user.active = False
        # the crons and journals work over all records: start from none, with or without demo data
        cls.env["medcrm.task"].search([]).unlink()
        cls.env["medcrm.interaction"].search([]).unlink()
        cls.deal = cls._create_deal(name="T MRI for City Hospital", user_id=cls.deal_owner.id)
        Type = cls.env["medcrm.interaction.type"]
        cls.type_call = Type.create({"name": "T Call", "code": "T_CALL", "reminder_hours": 2})
        cls.type_visit = Type.create({"name": "T Visit", "code": "T_VISIT", "reminder_hours": 48})

    def _create_task(self, author=None, assignee=None, **values):
        """A task set by ``author`` (the fixture author by default) in the author's name."""
        vals = {
            "name": "T Prepare the commercial offer",
            "user_id": (assignee or self.assignee).id,
            "lead_id": self.deal.id,
        }
        vals.update(values)
        return self.env["medcrm.task"].with_user(author or self.author).create(vals)

    def _as(self, user, record):
        return record.with_user(user)
