"""Fixtures for the cross-module tests: they drive real Odoo processes on databases of their own.

./medcrm test exports where Odoo and the project's configuration are (MEDCRM_* variables).
"""

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest


class OdooCommand:
    """Runs odoo-bin (and scripts inside an Odoo environment) with the project's configuration."""

    def __init__(self):
        try:
            self.python = os.environ["MEDCRM_PYTHON"]
            self.odoo_src = Path(os.environ["MEDCRM_ODOO_SRC"])
            self.config = os.environ["MEDCRM_RUN_CONFIG"]
            self.addons = os.environ["MEDCRM_ADDONS"].split(",")
        except KeyError as missing:
            raise RuntimeError(
                f"{missing} is not set: run these tests through ./medcrm test"
            ) from None
        self.root = Path(__file__).resolve().parent.parent

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


@pytest.fixture(scope="session")
def odoo_command():
    return OdooCommand()


@pytest.fixture
def scratch_database(odoo_command):
    """A database name of its own, dropped afterwards."""
    database = f"medcrm_scratch_{uuid.uuid4().hex[:10]}"
    yield database
    odoo_command.drop_database(database)


@pytest.fixture(scope="session")
def medcrm_template_db(odoo_command):
    """A database with every medcrm add-on installed and no demo data, made once per run for the
    tests that copy it (``odoo_command.copy_database``). While developing, MEDCRM_TEMPLATE_DB
    names an existing one to use instead (kept afterwards)."""
    existing = os.environ.get("MEDCRM_TEMPLATE_DB")
    if existing:
        yield existing
        return
    database = f"medcrm_template_{uuid.uuid4().hex[:8]}"
    odoo_command.create_database(database, odoo_command.addons)
    yield database
    odoo_command.drop_database(database)
