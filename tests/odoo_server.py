"""A real Odoo server started from a script or a test, and an RPC client for it.

The cross-module tests (end-to-end journey, multi-worker proof), the RPC load benchmark
(bench/rpc_load.py) and the screenshots (scripts/screenshots.py) talk to Odoo the way an
integrator or a browser does: over HTTP, to a server process of its own with its own database,
ports and log file. Scripts outside pytest import this module after putting the repository's
root on ``sys.path``.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
import xmlrpc.client
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Crons that call Odoo's online services (IAP, publisher...): on a machine without the network
# they block a cron worker for minutes.
ONLINE_CRONS = ("IAP", "Publisher", "Partner Autocomplete", "SMS", "Snailmail")


def free_port():
    """A TCP port free on loopback now (tests run side by side, each needs its own ports)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OdooCommand:
    """Runs odoo-bin (and scripts inside an Odoo environment) with the project's configuration.

    By default: this interpreter, the Odoo source of $ODOO_SRC (else /opt/odoo-18.0) and the
    configuration ./medcrm writes (.run/odoo.conf). ``from_environment()`` takes what ./medcrm
    exports instead (MEDCRM_* variables), as the tests and benchmarks it runs do.
    """

    def __init__(self, python=None, odoo_src=None, config=None, addons=()):
        self.python = python or sys.executable
        self.odoo_src = Path(odoo_src or os.environ.get("ODOO_SRC") or "/opt/odoo-18.0")
        self.config = str(config or ROOT / ".run" / "odoo.conf")
        self.addons = list(addons)
        self.root = ROOT

    @classmethod
    def from_environment(cls):
        try:
            return cls(
                python=os.environ["MEDCRM_PYTHON"],
                odoo_src=os.environ["MEDCRM_ODOO_SRC"],
                config=os.environ["MEDCRM_RUN_CONFIG"],
                addons=os.environ["MEDCRM_ADDONS"].split(","),
            )
        except KeyError as missing:
            raise RuntimeError(f"{missing} is not set: run this through ./medcrm") from None

    def odoo_bin(self, *args, timeout=900):
        command = [self.python, str(self.odoo_src / "odoo-bin"), "-c", self.config, *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)

    def run_script(self, database, script, *args, timeout=900):
        """Run tests/scripts/<script> with Odoo importable and its configuration parsed."""
        env = dict(os.environ, PYTHONPATH=str(self.odoo_src))
        command = [self.python, str(self.root / "tests" / "scripts" / script)]
        command += [self.config, database, *args]
        return subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, check=False, env=env
        )

    def create_database(self, database, addons, demo=False):
        """Create ``database`` with ``addons`` installed (Odoo's admin/admin login)."""
        args = ["-d", database, "-i", ",".join(addons), "--stop-after-init", "--no-http"]
        if not demo:
            args.append("--without-demo=all")
        result = self.odoo_bin(*args, "--log-level=warn")
        if result.returncode != 0:
            raise RuntimeError(f"installing {addons} failed:\n{result.stderr[-4000:]}")

    def filestore(self, database):
        """Where Odoo keeps the database's attachments (data_dir is Odoo's default here)."""
        return Path.home() / ".local" / "share" / "Odoo" / "filestore" / database

    def copy_database(self, template, prefix):
        """A new database (named ``prefix_<random>``) copied from ``template``, attachments too:
        seconds, where installing the add-ons again takes minutes."""
        database = f"{prefix}_{uuid.uuid4().hex[:8]}"
        subprocess.run(["createdb", "-T", template, database], check=True, capture_output=True)
        if self.filestore(template).is_dir():
            shutil.copytree(self.filestore(template), self.filestore(database))
        return database

    def drop_database(self, database):
        subprocess.run(["dropdb", "--if-exists", database], check=False, capture_output=True)
        shutil.rmtree(self.filestore(database), ignore_errors=True)


class OdooServer:
    """odoo-bin serving one database on loopback; a context manager that stops it on exit.

    ``workers=0`` is Odoo's threaded mode; ``workers>0`` its multi-process (prefork) mode, with
    ``cron_workers`` cron processes, as in production.
    """

    def __init__(
        self,
        odoo_command,
        database,
        *,
        workers=0,
        cron_workers=0,
        smtp_port=None,
        extra_args=(),
        log_dir=None,
    ):
        self.odoo_command = odoo_command
        self.database = database
        self.workers = workers
        self.cron_workers = cron_workers
        self.smtp_port = smtp_port
        self.extra_args = list(extra_args)
        log_dir = Path(log_dir or odoo_command.root / ".run" / "logs")
        log_dir.mkdir(parents=True, exist_ok=True)
        self.log_path = log_dir / f"{database}.server.log"
        self.port = None
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def command(self):
        self.port = free_port()
        args = [
            self.odoo_command.python, str(self.odoo_command.odoo_src / "odoo-bin"),
            "-c", self.odoo_command.config,
            "-d", self.database, f"--db-filter=^{self.database}$",
            "--http-interface=127.0.0.1", f"--http-port={self.port}",
            f"--gevent-port={free_port()}",
            f"--workers={self.workers}", f"--max-cron-threads={self.cron_workers}",
            f"--logfile={self.log_path}",
        ]  # fmt: skip
        if self.smtp_port:
            args += ["--smtp=127.0.0.1", f"--smtp-port={self.smtp_port}"]
        return args + self.extra_args

    def start(self, timeout=180):
        self.log_path.unlink(missing_ok=True)
        # A session of its own: stop() signals the whole process group (prefork workers too).
        self.process = subprocess.Popen(
            self.command(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"Odoo exited with {self.process.returncode}:\n{self.log_tail()}"
                )
            try:
                with urllib.request.urlopen(f"{self.url}/web/health", timeout=5) as response:
                    if response.status == 200:
                        return self
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"Odoo did not answer within {timeout} s:\n{self.log_tail()}")

    def stop(self, timeout=30):
        if not self.process or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    def log_tail(self, lines=60):
        if not self.log_path.exists():
            return "(no log)"
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def client(self, login, password):
        return RpcClient(self.url, self.database, login, password)


def disable_online_crons(admin):
    """Switch off the crons of ONLINE_CRONS, as on an offline installation (``admin``: an
    RpcClient of an administrator)."""
    for name in ONLINE_CRONS:
        cron_ids = admin.call("ir.cron", "search", [("cron_name", "ilike", name)])
        admin.call("ir.cron", "write", cron_ids, {"active": False})


class RpcError(Exception):
    """An error the server answered to a JSON-RPC call (its message is what a user sees)."""


class RpcClient:
    """Odoo's external API, as documented for integrators: one user's session.

    ``call`` goes through XML-RPC; ``call_json`` through JSON-RPC (the same ``execute_kw``), for
    methods whose result holds None (Odoo's XML-RPC cannot encode it: the call would fail after
    the method ran), e.g. methods that return nothing and the web client's ``web_*`` reads.
    """

    def __init__(self, url, database, login, password):
        self.url = url
        self.database = database
        self.password = password
        common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common", allow_none=True)
        self.uid = common.authenticate(database, login, password, {})
        if not self.uid:
            raise PermissionError(f"login {login!r} refused by {url}")
        self._object = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)

    def call(self, model, method, *args, **kwargs):
        return self._object.execute_kw(
            self.database, self.uid, self.password, model, method, list(args), kwargs
        )

    def call_json(self, model, method, *args, **kwargs):
        execute_args = [self.database, self.uid, self.password, model, method, list(args), kwargs]
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"service": "object", "method": "execute_kw", "args": execute_args},
        }
        request = urllib.request.Request(
            f"{self.url}/jsonrpc",
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=300) as response:
            answer = json.loads(response.read())
        if "error" in answer:
            error = answer["error"].get("data") or answer["error"]
            raise RpcError(f"{model}.{method}: {error.get('message')}\n{error.get('debug', '')}")
        return answer.get("result")
