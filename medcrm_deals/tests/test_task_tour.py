from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTaskTour(HttpCase):
    def test_task_set_accept_done_return_finish_verify_in_the_browser(self):
        env = self.env(context=dict(self.env.context, no_reset_password=True))
        author = new_test_user(
            env, login="tt_author", name="Sam Author", groups="sales_team.group_sale_salesman"
        )
        assignee = new_test_user(
            env, login="tt_assignee", name="Olga Other", groups="sales_team.group_sale_salesman"
        )
        hospital = env["res.partner"].create({"name": "TT Hospital", "is_company": True})
        deal = env["crm.lead"].create(
            {
                "name": "TT CT scanner",
                "type": "opportunity",
                "partner_id": hospital.id,
                "user_id": author.id,
            }
        )
        self.start_tour(f"/odoo/crm.lead/{deal.id}", "medcrm_task_set_tour", login=author.login)
        task = env["medcrm.task"].search([("name", "=", "TT Prepare the tender specification")])
        self.assertEqual(len(task), 1)
        self.assertEqual(
            (task.author_id, task.user_id, task.lead_id, task.state),
            (author, assignee, deal, "assigned"),
        )
        url = f"/odoo/medcrm.task/{task.id}"
        self.start_tour(url, "medcrm_task_accept_done_tour", login=assignee.login)
        self.assertEqual(task.state, "done")
        self.start_tour(url, "medcrm_task_return_tour", login=author.login)
        task.invalidate_recordset()
        self.assertEqual(task.state, "accepted")
        self.assertEqual(task.return_count, 1)
        self.assertEqual(task.last_reason, "The delivery terms are missing")
        self.start_tour(url, "medcrm_task_done_tour", login=assignee.login)
        self.start_tour(url, "medcrm_task_verify_tour", login=author.login)
        task.invalidate_recordset()
        self.assertEqual(task.state, "closed")
        self.assertEqual(
            task.transition_ids.sorted("id").mapped("kind"),
            ["create", "accept", "done", "return", "done", "verify"],
        )
