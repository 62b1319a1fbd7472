"""Fixtures for the cross-module tests: they drive real Odoo processes on databases of their own.

./medcrm test exports where Odoo and the project's configuration are (MEDCRM_* variables).
"""

import os
import uuid

import pytest

from .odoo_server import OdooCommand


@pytest.fixture(scope="session")
def odoo_command():
    return OdooCommand.from_environment()


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
