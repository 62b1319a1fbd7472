"""A real Odoo server started from a test, and an XML-RPC client for it.

The cross-module tests (end-to-end journey, multi-worker proof) talk to Odoo the way an integrator
does: over RPC, to a server process of its own with its own database, ports and log file.
"""

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import xmlrpc.client
from pathlib import Path


def free_port():
    """A TCP port free on loopback now (tests run side by side, each needs its own ports)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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


class RpcClient:
    """Odoo's external API (XML-RPC), as documented for integrators: one user's session."""

    def __init__(self, url, database, login, password):
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
