"""Every screen of the CRM app, as every persona, in English and in Russian.

As each internal persona of ``personas.py``, in each language, ``static/tests/click_everywhere.js``
opens in the web client: every menu action under CRM that shows a screen medcrm makes or
changes (its first view, as the menu does, then each other view type, once per model and view),
one readable record in the form of each of those actions, and each medcrm wizard from the
button of a record's form (the storekeeper also walks Inventory > Installed Base). An error
dialog, an access error or a traceback fails the walk.

Odoo's own clickbot (``startClickEverywhere``, as ``addons/web/tests/test_click_everywhere.py``
drives it) walks the whole CRM app too, every menu, view and filter, Odoo's screens included,
after medcrm's: with MEDCRM_CLICKBOT=1 only, as it takes about ten minutes a walk here.

The data is made here (two salespeople's deals, a won deal with its order, delivery and
installed unit, a task, an interaction, a service contract term, a questionnaire entry, a
notification rule and its log), not taken from demo records; the walk meets demo records too
when the database has them. Each walk logs its number of screens and its time, and the class
their totals: "click everywhere: N (persona, language, screen) combinations".
"""

import json
import logging
import os
import re
import time
from urllib.parse import urlsplit

from odoo import Command
from odoo.tests import HttpCase, tagged

from .personas import INTERNAL, create_personas, persona_login

MEDCRM_ADDONS = [
    "medcrm_deals",
    "medcrm_service_contract",
    "medcrm_notify",
    "medcrm_fulfillment",
    "medcrm_survey_entry",
    "medcrm_service_fulfillment",
    "medcrm_suite",
]
# Odoo's clickbot over the whole CRM app (every menu, view and filter) after medcrm's screens:
# about 10 minutes a walk on the 2-core machine, so only on demand (MEDCRM_CLICKBOT=1).
FULL_CLICKBOT = os.environ.get("MEDCRM_CLICKBOT") == "1"
CLICKBOT = (
    "odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader')"
    ".startClickEverywhere('crm.crm_menu_root')"
)
# the view types of Odoo Community a window action may list (map, gantt... are Enterprise's)
# ("form": a record's form is opened on its own, not a new record's)
VIEW_TYPES = ("kanban", "list", "calendar", "pivot", "graph", "activity", "hierarchy")
# The wizards each persona must reach from a button (a button hidden to them is skipped): the
# CRM manager set the task and configures gates and rules; salespeople pause their deals and
# log calls.
WIZARDS_EXPECTED = {
    "crm_manager": {
        "Pause", "Move Past Gate", "Log a Call", "Reassign task", "Cancel task",
        "Relocate unit", "Preview rule",
    },
    "admin": {"Pause", "Move Past Gate", "Log a Call", "Relocate unit", "Preview rule"},
    "sales_all": {"Pause", "Log a Call", "Relocate unit"},
    "sales_own": {"Pause", "Log a Call"},
    "storekeeper": {"Pause", "Log a Call", "Relocate unit"},
}  # fmt: skip
SCREENS_MODULE = "@medcrm_suite/../tests/click_everywhere"
# Lines the clickbot and click_everywhere.js log in the browser's console, one per screen.
SCREEN_LINES = re.compile(r"Testing menu |Testing view switch: |Modal detected: |medcrm screen: ")


class _ConsoleLines(logging.Handler):
    """Keeps what the browser logs while a walk runs (the browser's console reaches the test's
    logger)."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())


@tagged("post_install", "-at_install")
class TestClickEverywhere(HttpCase):
    # the clickbot may end on a form (a menu whose action opens a record)
    allow_end_on_form = True
    #: (persona, language) -> (seconds, screens): printed at the end of the class
    walks = {}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.env = env
        env["res.lang"]._activate_lang("ru_RU")
        env["ir.module.module"]._load_module_terms(MEDCRM_ADDONS, ["ru_RU"])
        cls.users = create_personas(env, keys=INTERNAL, prefix="click")
        for user in cls.users.values():
            # no onboarding tour over the screens the walk opens
            if "tour_enabled" in user._fields:
                user.tour_enabled = False
        cls._make_data(env, cls.users)

    @classmethod
    def _make_data(cls, env, users):
        Partner = env["res.partner"]
        cls.hospital = Partner.create({"name": "Click City Hospital No. 3", "is_company": True})
        cls.department = Partner.create(
            {"name": "Click Radiology", "parent_id": cls.hospital.id, "type": "delivery"}
        )
        cls.chief = Partner.create({"name": "Click Dr. Orlova", "parent_id": cls.hospital.id})

        # A notification rule on this hospital's stage changes: winning the colleague's deal
        # below logs for the CRM manager.
        cls.rule = env["medcrm.notify.rule"].create(
            {
                "name": "Click: stage changes at Hospital No. 3",
                "event_code": "lead_stage_changed",
                "user_ids": [Command.link(users["crm_manager"].id)],
                "is_channel_inbox": True,
                "domain": f"[('partner_id', '=', {cls.hospital.id})]",
            }
        )

        # An equipment kind with a field gate and a participant gate: the kind's form, its
        # gates and the pipelines by kind show the gates' fields.
        Stage = env["crm.stage"].with_context(medcrm_no_default_kind=True)
        cls.stage_new, cls.stage_offer, cls.stage_won = Stage.create(
            [
                {"name": "Click Qualification", "sequence": 951},
                {"name": "Click Offer", "sequence": 952},
                {"name": "Click Delivered", "sequence": 953, "is_won": True},
            ]
        )
        role = env["medcrm.participant.role"].create({"name": "Click Chief physician"})
        revenue = env["ir.model.fields"]._get("crm.lead", "expected_revenue")
        cls.kind = env["medcrm.deal.kind"].create(
            {
                "name": "Click Equipment",
                "code": "CLICK_EQUIPMENT",
                "stage_line_ids": [
                    Command.create({"stage_id": stage.id, "sequence": seq})
                    for seq, stage in enumerate(cls.stage_new | cls.stage_offer | cls.stage_won)
                ],
                "gate_ids": [
                    Command.create(
                        {
                            "stage_id": cls.stage_offer.id,
                            "requirement": "field",
                            "field_ids": [Command.set(revenue.ids)],
                        }
                    ),
                    Command.create(
                        {
                            "stage_id": cls.stage_won.id,
                            "requirement": "participant",
                            "role_id": role.id,
                        }
                    ),
                ],
            }
        )

        # Deals of two salespeople: the own-documents one and the one who sees all deals.
        Lead = env["crm.lead"]

        def deal(name, user, **values):
            return Lead.create(
                {
                    "name": name,
                    "type": "opportunity",
                    "partner_id": cls.hospital.id,
                    "deal_kind_id": cls.kind.id,
                    "stage_id": cls.stage_new.id,
                    "user_id": user.id,
                    "expected_revenue": 900000,
                    **values,
                }
            )

        cls.deal_own = deal("Click MRI for Hospital No. 3", users["sales_own"])
        cls.deal_other = deal("Click CT for Hospital No. 3", users["sales_all"])
        cls.deal_store = deal("Click X-ray for Hospital No. 3", users["storekeeper"])
        env["medcrm.deal.participant"].create(
            {"lead_id": cls.deal_other.id, "partner_id": cls.chief.id, "role_id": role.id}
        )

        # The colleague's deal is won: its order, the delivery of a serial number and the
        # installed unit (the storekeeper sees every fulfillment, not the colleague's order).
        mri = env["product.product"].create(
            {"name": "Click MRI Vega 1.5T", "is_storable": True, "tracking": "serial"}
        )
        lot = env["stock.lot"].create({"name": "CLICK-MR-0001", "product_id": mri.id})
        warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
        env["stock.quant"]._update_available_quantity(mri, warehouse.lot_stock_id, 1, lot_id=lot)
        order = env["sale.order"].create(
            {
                "partner_id": cls.hospital.id,
                "opportunity_id": cls.deal_other.id,
                "user_id": users["sales_all"].id,
                "order_line": [Command.create({"product_id": mri.id, "product_uom_qty": 1})],
            }
        )
        order.action_confirm()
        cls.deal_other.stage_id = cls.stage_offer
        cls.deal_other.stage_id = cls.stage_won
        picking = order.picking_ids
        picking.move_ids.move_line_ids.unlink()
        move = picking.move_ids
        env["stock.move.line"].create(
            {
                "move_id": move.id,
                "picking_id": picking.id,
                "product_id": mri.id,
                "product_uom_id": mri.uom_id.id,
                "location_id": move.location_id.id,
                "location_dest_id": move.location_dest_id.id,
                "lot_id": lot.id,
                "quantity": 1,
                "picked": True,
            }
        )
        picking.button_validate()
        cls.fulfillment = env["medcrm.fulfillment"].search([("lead_id", "=", cls.deal_other.id)])
        cls.unit = cls.fulfillment.unit_ids
        assert cls.unit, "the delivery installed the serial number at the hospital"
        assert env["medcrm.notify.log"].search_count([("rule_id", "=", cls.rule.id)])

        # A task the CRM manager set for the own-documents salesperson, and a call.
        cls.task = env["medcrm.task"].create(
            {
                "name": "Click: send the offer",
                "lead_id": cls.deal_own.id,
                "author_id": users["crm_manager"].id,
                "user_id": users["sales_own"].id,
            }
        )
        cls.interaction = env["medcrm.interaction"].create(
            {
                "name": "Click: call the chief physician",
                "type_id": env.ref("medcrm_deals.medcrm_interaction_type_call").id,
                "lead_id": cls.deal_own.id,
                "partner_id": cls.hospital.id,
                "user_id": users["sales_own"].id,
            }
        )

        # A service contract with a term the engineer carries out.
        service_kind = env.ref("medcrm_service_contract.medcrm_deal_kind_service_contract")
        cls.service_deal = Lead.create(
            {
                "name": "Click maintenance contract",
                "type": "opportunity",
                "partner_id": cls.hospital.id,
                "deal_kind_id": service_kind.id,
                "user_id": users["sales_own"].id,
            }
        )
        term_type = env["medcrm.contract.term.type"].create({"name": "Click quarterly visit"})
        cls.term = env["medcrm.contract.term"].create(
            {
                "lead_id": cls.service_deal.id,
                "term_type_id": term_type.id,
                "date_start": "2026-01-01",
                "date_end": "2026-12-31",
                "recurrence": "months",
                "interval": 3,
                "user_id": users["service_engineer"].id,
            }
        )

        # A paper questionnaire typed by the operator.
        survey = env["survey.survey"].create(
            {
                "title": "Click installation satisfaction",
                "question_and_page_ids": [
                    Command.create({"title": "Your name", "question_type": "char_box"})
                ],
            }
        )
        cls.entry = env["medcrm.survey.entry"].create(
            {
                "survey_id": survey.id,
                "partner_id": cls.hospital.id,
                "lead_id": cls.deal_own.id,
                "user_id": users["operator"].id,
            }
        )

    # ------------------------------------------------------------------ what a persona opens

    def _menu_actions(self, user, root_xmlid):
        """The window actions of the menus under ``root_xmlid`` that ``user`` sees."""
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
        root = self.env.ref(root_xmlid).id
        todo, actions = [root], []
        while todo:
            menu = menus.get(todo.pop(0))
            if not menu:
                continue
            todo.extend(menu["children"])
            model, _comma, action_id = (menu["action"] or "").partition(",")
            if model == "ir.actions.act_window":
                actions.append(int(action_id))
        return self.env["ir.actions.act_window"].browse(actions)

    def _actions(self, user, root_xmlids, first_view_only=False):
        """The window actions of ``user``'s menus under ``root_xmlids``, each with the view
        types to open it in: {label, action, view_types}. Its first view type is what the menu
        shows; the others are opened once per model and view in the walk, as the same view of
        the same model fails alike whichever menu opens it. A wizard's action has no view type:
        its dialog opens. ``first_view_only``: only what the menu shows (the second language's
        walk: its labels are in the first view and the forms, the other views' code is the
        same)."""
        screens, seen = [], set()
        models = self._medcrm_models()
        for root in root_xmlids:
            for action in self._menu_actions(user, root):
                if action.res_model not in models:
                    continue
                if action.target == "new":
                    view_types = []
                else:
                    views = {view_type: view_id for view_id, view_type in action.views}
                    view_types = [vt for vt in views if vt in VIEW_TYPES]
                    view_types = view_types[:1] + [
                        vt for vt in view_types[1:]
                        if (action.res_model, vt, views[vt]) not in seen
                    ]  # fmt: skip
                    if first_view_only:
                        view_types = view_types[:1]
                    seen.update((action.res_model, vt, views[vt]) for vt in view_types)
                screens.append(
                    {"label": f"{action.name} ({action.res_model})", "action": action.id,
                     "view_types": view_types}
                )  # fmt: skip
        return screens

    def _medcrm_models(self):
        """The models whose screens medcrm makes or changes: its own, and those it adds views
        to (the deal, the partner, the sale order...). The CRM app's other screens (teams, tags,
        activity reports, settings) are Odoo's alone: Odoo's clickbot covers them
        (MEDCRM_CLICKBOT=1)."""
        views = self.env["ir.model.data"].search(
            [("module", "=like", "medcrm_%"), ("model", "=", "ir.ui.view")]
        )
        return set(self.env["ir.ui.view"].browse(views.mapped("res_id")).mapped("model"))

    def _forms(self, user, root_xmlids):
        """One record per window action with a form (per distinct form view), readable by
        ``user``: {label, action, res_id}."""
        forms, seen = [], set()
        models = self._medcrm_models()
        for root in root_xmlids:
            for action in self._menu_actions(user, root):
                if (action.target == "new" or action.res_model not in models
                        or "form" not in action.view_mode.split(",")):  # fmt: skip
                    continue
                form_view = action.view_ids.filtered(lambda v: v.view_mode == "form").view_id
                key = (action.res_model, form_view.id)
                if key in seen:
                    continue
                seen.add(key)
                model = self.env[action.res_model].with_user(user)
                record = model.has_access("read") and model.search([], limit=1)
                if record:
                    forms.append(
                        {"label": f"{action.name} ({action.res_model})", "action": action.id,
                         "res_id": record.id}
                    )  # fmt: skip
        return forms

    def _wizards(self, user):
        """Each medcrm wizard, from the button of a form that opens it, on the first of the
        given records that ``user`` may read: {label, action, res_id, button}."""
        pause = self.env.ref("medcrm_deals.medcrm_deal_pause_wizard_action")
        move = self.env.ref("medcrm_deals.medcrm_deal_stage_move_wizard_action")
        deals = self.deal_own | self.deal_store | self.deal_other.browse()
        open_deals = self.deal_own | self.deal_store | self.service_deal
        specs = [
            ("Pause", "crm.crm_lead_all_leads", open_deals, str(pause.id)),
            # in the deal form's gear menu (the header keeps room for the stage bar)
            ("Move Past Gate", "crm.crm_lead_all_leads", deals | self.deal_other,
             {"menu_item": move.with_context(lang=user.lang).name}),
            ("Log a Call", "crm.crm_lead_all_leads", open_deals, "action_medcrm_log_call"),
            ("Reassign task", "medcrm_deals.medcrm_task_action", self.task,
             "action_open_reassign_wizard"),
            ("Cancel task", "medcrm_deals.medcrm_task_action", self.task,
             "action_open_cancel_wizard"),
            ("Relocate unit", "medcrm_fulfillment.medcrm_fulfillment_unit_action", self.unit,
             "action_open_relocate"),
            ("Preview rule", "medcrm_notify.medcrm_notify_rule_action", self.rule,
             "action_preview"),
        ]  # fmt: skip
        wizards = []
        for label, action_xmlid, records, button in specs:
            # (an operator may not read deals at all: no wizard of theirs)
            readable = records.with_user(user)._filtered_access("read")[:1]
            if readable:
                opener = button if isinstance(button, dict) else {"button": button}
                wizards.append(
                    {"label": label, "action": self.env.ref(action_xmlid).id,
                     "res_id": readable.id, **opener}
                )  # fmt: skip
        return wizards

    # ------------------------------------------------------------------ the walk

    def _walk(self, key, lang):
        user = self.users[key]
        user.lang = lang
        roots = ["crm.crm_menu_root"]
        if key == "storekeeper":
            roots.append("medcrm_fulfillment.medcrm_fulfillment_menu_stock")
        if key == "operator":
            roots.append("medcrm_survey_entry.medcrm_survey_entry_menu_root")
        spec = {
            "actions": self._actions(user, roots, first_view_only=lang != "en_US"),
            "forms": self._forms(user, roots),
            "wizards": self._wizards(user),
        }
        code = f"odoo.loader.modules.get('{SCREENS_MODULE}').medcrmOpenScreens({json.dumps(spec)})"
        signal = "medcrm screens opened"
        if FULL_CLICKBOT:
            code, signal = f"{code}.then(() => {CLICKBOT})", "clickbot test succeeded"
        console = _ConsoleLines()
        self._logger.addHandler(console)
        start = time.monotonic()
        try:
            self.browser_js(
                "/odoo",
                code,
                f"odoo.isReady === true && !!odoo.loader.modules.get('{SCREENS_MODULE}')",
                login=persona_login(key, "click"),
                timeout=1200 if FULL_CLICKBOT else 300,
                success_signal=signal,
            )
        finally:
            self._logger.removeHandler(console)
        seconds = time.monotonic() - start
        opened = {
            line.split("medcrm wizard opened: ", 1)[1].strip()
            for line in console.lines
            if "medcrm wizard opened: " in line
        }
        self.assertLessEqual(
            WIZARDS_EXPECTED.get(key, set()), opened, "the wizards this persona's buttons open"
        )
        screens = [line for line in console.lines if SCREEN_LINES.search(line)]
        self.walks[key, lang] = (seconds, len(screens))
        # the test's own logger: its lines reach the test log whatever runs the test
        self._logger.info(
            "click everywhere: %s in %s: %d screens in %.0f s", key, lang, len(screens), seconds
        )
        return console.lines

    def _walk_both(self, key):
        for lang in ("en_US", "ru_RU"):
            with self.subTest(lang=lang):
                self._walk(key, lang)

    @classmethod
    def tearDownClass(cls):
        if cls.walks:
            total = sum(seconds for seconds, _screens in cls.walks.values())
            count = sum(screens for _seconds, screens in cls.walks.values())
            cls._logger.info(
                "click everywhere: %d (persona, language, screen) combinations opened in "
                "%d walks, %.0f s",
                count,
                len(cls.walks),
                total,
            )
        super().tearDownClass()

    def test_admin(self):
        self._walk_both("admin")

    def test_crm_manager(self):
        self._walk_both("crm_manager")

    def test_sales_all(self):
        self._walk_both("sales_all")

    def test_sales_own(self):
        self._walk_both("sales_own")

    def test_service_engineer(self):
        self._walk_both("service_engineer")

    def test_service_manager(self):
        self._walk_both("service_manager")

    def test_storekeeper(self):
        self._walk_both("storekeeper")

    def test_operator(self):
        self._walk_both("operator")

    def test_portal_user_is_sent_away_from_the_crm(self):
        portal = create_personas(self.env, keys=["portal"], prefix="click")["portal"]
        self.authenticate(portal.login, portal.login)
        for path in ("/odoo/crm", "/odoo/action-crm.crm_lead_all_leads"):
            with self.subTest(path=path):
                response = self.url_open(path, allow_redirects=False)
                # sent away to an external user's landing page (or refused)
                location = urlsplit(response.headers.get("Location", "")).path
                self.assertTrue(
                    response.status_code in (403, 404)
                    or (response.is_redirect and location in ("/web/login_successful", "/my")),
                    f"{path}: {response.status_code} to {response.headers.get('Location')}",
                )
                # ...never to the web client
                landed = self.url_open(path)
                self.assertFalse(urlsplit(landed.url).path.startswith("/odoo"), landed.url)
                self.assertNotIn("o_web_client", landed.text)
