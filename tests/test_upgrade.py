"""Upgrade safety: a database made with the last released code keeps all its data when the
medcrm add-ons are updated (``-u``) to the current code, and their migrations run.

The baseline is a commit of this repository (CI works on a full clone, so history is there):
its add-ons are exported with ``git archive`` into a folder put first on the addons path,
installed with demo data, and everything they hold is recorded; then the current code updates
them. Uninstalling after an update is covered by test_install_uninstall.py.
"""

import ast
import configparser
import json
import re
import subprocess
import tempfile
from pathlib import Path

import pytest

# The last commit whose add-ons a customer may run: bump it when a release lands.
BASELINE_COMMIT = "8f934a5"

ERROR_LINE = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) .*$", re.MULTILINE)
MEDCRM_WARNING = re.compile(r"^\S+ \S+ \d+ WARNING .*medcrm.*$", re.MULTILINE)


def export_baseline(root, target):
    """The repository as it was at BASELINE_COMMIT, in ``target``; its add-on names."""
    archive = subprocess.run(
        ["git", "-C", str(root), "archive", "--format=tar", BASELINE_COMMIT],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        pytest.fail(
            f"git cannot export the baseline {BASELINE_COMMIT} (a shallow clone?): "
            f"{archive.stderr.decode(errors='replace')}"
        )
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return sorted(path.parent.name for path in Path(target).glob("medcrm_*/__manifest__.py"))


def current_addons_path(odoo_command):
    parser = configparser.ConfigParser()
    parser.read(odoo_command.config)
    return parser["options"]["addons_path"]


def snapshot(odoo_command, database, addons_path):
    result = odoo_command.run_script(database, "medcrm_snapshot.py", addons_path)
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_update_to_current_code_keeps_every_record_and_runs_migrations(
    odoo_command, scratch_database
):
    with tempfile.TemporaryDirectory(prefix="medcrm_baseline_") as baseline:
        baseline_addons = [
            name for name in export_baseline(odoo_command.root, baseline)
            if name in odoo_command.addons
        ]  # fmt: skip
        assert "medcrm_deals" in baseline_addons
        odoo_src = odoo_command.odoo_src
        baseline_path = f"{baseline},{odoo_src / 'addons'},{odoo_src / 'odoo' / 'addons'}"
        install = odoo_command.odoo_bin(
            "-d", scratch_database, "-i", ",".join(baseline_addons),
            f"--addons-path={baseline_path}", "--stop-after-init", "--no-http",
            "--log-level=warn",
        )  # fmt: skip
        assert install.returncode == 0, install.stderr[-4000:]
        before = snapshot(odoo_command, scratch_database, baseline_path)

    # Demo data is there: the check below compares real records, not empty tables.
    assert before["counts"]["crm.lead"] > 0
    assert sum(before["counts"].values()) > 50, before["counts"]

    update = odoo_command.odoo_bin(
        "-d", scratch_database, "-u", ",".join(baseline_addons), "--stop-after-init",
        "--no-http", "--log-level=warn",
    )  # fmt: skip
    assert update.returncode == 0, update.stderr[-4000:]
    assert not ERROR_LINE.search(update.stderr), ERROR_LINE.findall(update.stderr)
    assert not MEDCRM_WARNING.search(update.stderr), MEDCRM_WARNING.findall(update.stderr)
    after = snapshot(odoo_command, scratch_database, current_addons_path(odoo_command))

    lost = {
        model: (count, after["counts"].get(model, 0))
        for model, count in before["counts"].items()
        if after["counts"].get(model, 0) < count
    }
    assert not lost, f"records lost by the update (before, after): {lost}"
    changed = []
    for model, records in before["values"].items():
        for record_id, values in records.items():
            now = after["values"].get(model, {}).get(record_id)
            if now is None:
                changed.append((model, record_id, "gone"))
                continue
            changed += [
                (model, record_id, name, old, now[name])
                for name, old in values.items()
                if name in now and now[name] != old
            ]
    assert not changed, f"values changed by the update: {changed[:20]}"

    # Each add-on is installed at the version of the current code: Odoo records it once the
    # add-on's migrations (migrations/<version>/ scripts, when there are any) have run.
    for name in baseline_addons:
        manifest = ast.literal_eval((odoo_command.root / name / "__manifest__.py").read_text())
        module = after["modules"][name]
        assert module["state"] == "installed", (name, module)
        assert module["version"] == manifest["version"], (name, module, manifest["version"])
