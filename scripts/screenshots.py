"""Screenshots of medcrm's main screens, taken in headless Chromium, for the README.

Usage (from the repository root, after ./medcrm run has created the demo database once):

    .venv/bin/python scripts/screenshots.py [--db medcrm_demo] [--out docs/screenshots]

It starts Odoo on the demo database on a free port of its own (tests/odoo_server.py's
OdooServer; its log goes to .run/logs/<db>.server.log), logs in as admin, opens each screen in
headless Chromium (Debian's /usr/bin/chromium) through the DevTools protocol (the
python3-websocket package) and saves one PNG per screen, then stops both.
"""

import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import websocket

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.odoo_server import OdooCommand, OdooServer, free_port  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
WIDTH, HEIGHT = 1440, 900

# (file name, window action's xml id, open the demo deal in it): Odoo 18 routes them as
# /odoo/action-<xml id or id>[/<record id>]. A deal kind's pipeline action is made with the
# kind (it has no xml id of its own): "kind:" names the kind, whose action is looked up.
SCREENS = [
    ("01-equipment-pipeline", "kind:medcrm_deals.medcrm_deal_kind_equipment", False),
    ("02-deal-card", "kind:medcrm_deals.medcrm_deal_kind_equipment", True),
    (
        "03-service-pipeline",
        "kind:medcrm_service_contract.medcrm_deal_kind_service_contract",
        False,
    ),
    ("04-tasks", "medcrm_deals.medcrm_task_action", False),
    ("05-service-obligations", "medcrm_service_contract.medcrm_contract_occurrence_action", False),
    ("06-installed-base", "medcrm_fulfillment.medcrm_fulfillment_unit_action", False),
    ("07-questionnaires", "medcrm_survey_entry.medcrm_survey_entry_action", False),
    ("08-notification-rules", "medcrm_notify.medcrm_notify_rule_action", False),
]


def wait_for(url, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read()
        except OSError:
            time.sleep(0.5)
    sys.exit(f"no answer from {url} within {timeout} s")


def json_rpc(url, params, cookie=None):
    request = urllib.request.Request(
        url,
        data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}).encode(),
        headers={"Content-Type": "application/json", **({"Cookie": cookie} if cookie else {})},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        answer = json.loads(response.read())
        cookie = response.headers.get("Set-Cookie", "")
    if answer.get("error"):
        sys.exit(f"{url}: {answer['error']['data']['message']}")
    return answer.get("result"), cookie


class DevTools:
    """The few DevTools protocol calls needed: a page, a cookie, navigate, screenshot."""

    def __init__(self, port):
        with urllib.request.urlopen(
            urllib.request.Request(f"http://127.0.0.1:{port}/json/new", method="PUT"), timeout=30
        ) as response:
            target = json.loads(response.read())
        self.socket = websocket.create_connection(target["webSocketDebuggerUrl"], timeout=60)
        self.next_id = 0

    def send(self, method, **params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("MEDCRM_DB", "medcrm_demo"))
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--lang", default="en_US", help="e.g. ru_RU (must be installed)")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    chrome_port = free_port()
    profile = tempfile.mkdtemp(prefix="medcrm_chromium_")
    chrome = None
    server = OdooServer(OdooCommand(), args.db, extra_args=["--log-level=warn"])
    try:
        base = server.start().url
        _result, set_cookie = json_rpc(
            f"{base}/web/session/authenticate",
            {"db": args.db, "login": "admin", "password": "admin"},
        )
        session_id = set_cookie.split("session_id=", 1)[1].split(";", 1)[0]
        cookie = f"session_id={session_id}"
        if args.lang != "en_US":
            json_rpc(
                f"{base}/web/dataset/call_kw",
                {"model": "res.users", "method": "write",
                 "args": [[2], {"lang": args.lang}], "kwargs": {}},
                cookie,
            )  # fmt: skip

        def call(model, method, *call_args, **kwargs):
            result, _ = json_rpc(
                f"{base}/web/dataset/call_kw",
                {"model": model, "method": method, "args": list(call_args), "kwargs": kwargs},
                cookie,
            )
            return result

        def kind_action(kind_xmlid):
            module, name = kind_xmlid.split(".")
            [data] = call(
                "ir.model.data", "search_read", [("module", "=", module), ("name", "=", name)],
                fields=["res_id"],
            )  # fmt: skip
            [kind] = call("medcrm.deal.kind", "read", [data["res_id"]], ["action_id"])
            return kind["action_id"][0]

        deals = call("crm.lead", "search", [("name", "like", "Ultrasound fleet renewal")], limit=1)
        chrome = subprocess.Popen(
            [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--remote-debugging-port={chrome_port}", f"--user-data-dir={profile}",
             f"--window-size={WIDTH},{HEIGHT}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(f"http://127.0.0.1:{chrome_port}/json/version")
        page = DevTools(chrome_port)
        page.send("Network.enable")
        page.send(
            "Network.setCookie", name="session_id", value=session_id, domain="127.0.0.1", path="/"
        )
        page.send(
            "Emulation.setDeviceMetricsOverride",
            width=WIDTH,
            height=HEIGHT,
            deviceScaleFactor=1,
            mobile=False,
        )
        for name, action, with_deal in SCREENS:
            if action.startswith("kind:"):
                action = kind_action(action.removeprefix("kind:"))
            path = f"/odoo/action-{action}"
            if with_deal:
                if not deals:
                    print(f"skipped {name}: the demo deal is missing", file=sys.stderr)
                    continue
                path += f"/{deals[0]}"
            page.send("Page.navigate", url=base + path)
            # the web client has rendered the view once the action's content is there and no
            # request is pending; then give it a moment for fonts and animations
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                if page.evaluate(
                    "!!document.querySelector('.o_action_manager .o_content, "
                    ".o_action_manager .o_form_view')"
                ):
                    break
                time.sleep(0.5)
            time.sleep(2.5)
            # toasts (e.g. "the page is out of date" after the assets were rebuilt) hide the view
            page.evaluate("document.querySelectorAll('.o_notification').forEach(n => n.remove())")
            shot = page.send("Page.captureScreenshot", format="png")
            (out / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))
            print(out / f"{name}.png")
    finally:
        if chrome:
            chrome.terminate()
            chrome.wait(30)
        server.stop()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
