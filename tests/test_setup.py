"""The package step of ./medcrm's setup (scripts/lib.sh ensure_debian_packages), as a bare machine
meets it: run by bash against dpkg databases made here (MEDCRM_DPKG_ADMINDIR) and with an
installer standing in for apt-get that records how it is called (MEDCRM_APT_GET).
"""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LIB = ROOT / "scripts" / "lib.sh"
PACKAGES = ROOT / "scripts" / "debian-packages.txt"

# What ./medcrm does around each step: stop at the first failure, with the error trap it installs.
DRIVER = """
set -euo pipefail
ROOT=$1
source "$2"
trap_errors
ensure_debian_packages
"""


def wanted_packages():
    lines = (line.strip() for line in PACKAGES.read_text().splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def dpkg_admindir(path, packages_by_status):
    """A dpkg database holding the given packages, each in the given dpkg status."""
    path.mkdir()
    (path / "updates").mkdir()
    (path / "info").mkdir()
    (path / "status").write_text(
        "".join(
            f"Package: {package}\nStatus: {status}\nPriority: optional\nSection: misc\n"
            "Maintainer: medcrm tests <tests@example.com>\nArchitecture: all\nVersion: 1.0\n"
            "Description: stands in for the Debian package\n\n"
            for package, status in packages_by_status.items()
        )
    )
    return path


def installer(path, calls, install_fails=False):
    """An apt-get that appends "DEBIAN_FRONTEND ARGS" to `calls`; `install` exits 100 as
    apt-get does for an unknown package when `install_fails`."""
    failure = (
        'if [ "$1" = install ]; then echo "Reading package lists..."; '
        'echo "E: Unable to locate package python3-cbor2" >&2; exit 100; fi\n'
        if install_fails
        else ""
    )
    path.write_text(
        f'#!/bin/bash\necho "${{DEBIAN_FRONTEND:-}} $*" >>{calls}\n'
        f'echo "apt-get output that must stay in the log"\n{failure}'
    )
    path.chmod(0o755)
    return path


@pytest.fixture
def setup_root(tmp_path):
    """A checkout's ROOT for the step: it reads scripts/debian-packages.txt there and writes its
    logs in .run/logs there, not in this repository."""
    root = tmp_path / "checkout"
    (root / "scripts").mkdir(parents=True)
    (root / "scripts" / "debian-packages.txt").write_text(PACKAGES.read_text())
    return root


def run_package_step(root, admindir, apt_get):
    env = dict(os.environ, MEDCRM_DPKG_ADMINDIR=str(admindir), MEDCRM_APT_GET=str(apt_get))
    env.pop("DEBIAN_FRONTEND", None)
    return subprocess.run(
        ["bash", "-c", DRIVER, "driver", str(root), str(LIB)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def recorded_calls(calls):
    return calls.read_text().splitlines() if calls.exists() else []


def test_bare_machine_installs_every_package_and_says_so(tmp_path, setup_root):
    calls = tmp_path / "calls"
    admindir = dpkg_admindir(tmp_path / "dpkg", {})
    result = run_package_step(setup_root, admindir, installer(tmp_path / "apt-get", calls))

    assert result.returncode == 0, result.stderr
    update, install = recorded_calls(calls)
    assert update.split() == ["update"]
    frontend, command, *options_and_packages = install.split()
    assert (frontend, command) == ("noninteractive", "install")
    assert options_and_packages[:2] == ["-y", "--no-install-recommends"]
    asked = options_and_packages[2:]
    wanted = wanted_packages()
    assert len(wanted) > 40  # the list read is the real one
    assert sorted(asked) == sorted(set(wanted)), "the full list of missing packages, once each"
    assert f"installing {len(set(wanted))} Debian packages" in result.stderr
    for package in wanted:
        assert f" {package}" in result.stderr
    # apt-get's chatter goes to the log, not to the terminal
    assert result.stdout == ""
    assert "must stay in the log" not in result.stderr
    assert "must stay in the log" in (setup_root / ".run/logs/setup-apt-install.log").read_text()


def test_packages_not_fully_installed_are_installed_again(tmp_path, setup_root):
    wanted = wanted_packages()
    statuses = dict.fromkeys(wanted, "install ok installed")
    # a package whose configuration failed, and one removed with its configuration kept
    statuses["python3-lxml"] = "install ok half-configured"
    statuses["chromium"] = "deinstall ok config-files"
    calls = tmp_path / "calls"
    admindir = dpkg_admindir(tmp_path / "dpkg", statuses)
    result = run_package_step(setup_root, admindir, installer(tmp_path / "apt-get", calls))

    assert result.returncode == 0, result.stderr
    assert recorded_calls(calls)[1].split()[4:] == ["chromium", "python3-lxml"]
    assert "installing 2 Debian packages" in result.stderr


def test_failing_installer_stops_with_its_message(tmp_path, setup_root):
    calls = tmp_path / "calls"
    admindir = dpkg_admindir(tmp_path / "dpkg", {})
    apt_get = installer(tmp_path / "apt-get", calls, install_fails=True)
    result = run_package_step(setup_root, admindir, apt_get)

    assert result.returncode != 0
    assert "ERROR: installing the Debian packages failed (exit status 100)" in result.stderr
    # apt-get's own reason, from the end of its log, and where the whole log is
    assert "E: Unable to locate package python3-cbor2" in result.stderr
    assert str(setup_root / ".run/logs/setup-apt-install.log") in result.stderr


def test_missing_installer_names_the_packages_to_install(tmp_path, setup_root):
    admindir = dpkg_admindir(tmp_path / "dpkg", {})
    result = run_package_step(setup_root, admindir, tmp_path / "no-such-apt-get")

    assert result.returncode != 0
    assert "no-such-apt-get not found" in result.stderr
    assert "Install these packages yourself: " in result.stderr
    assert "python3-psycopg2" in result.stderr


def test_everything_installed_does_nothing_and_says_nothing(tmp_path, setup_root):
    calls = tmp_path / "calls"
    admindir = dpkg_admindir(
        tmp_path / "dpkg", dict.fromkeys(wanted_packages(), "install ok installed")
    )
    result = run_package_step(setup_root, admindir, installer(tmp_path / "apt-get", calls))

    assert result.returncode == 0, result.stderr
    assert recorded_calls(calls) == []
    assert result.stdout == ""
    assert result.stderr == ""


def test_a_failing_command_names_its_step_and_itself(tmp_path, setup_root):
    # any command the step did not expect to fail, here reading the package list
    (setup_root / "scripts" / "debian-packages.txt").unlink()
    admindir = dpkg_admindir(tmp_path / "dpkg", {})
    result = run_package_step(setup_root, admindir, installer(tmp_path / "apt-get", tmp_path / "c"))

    assert result.returncode != 0
    error = result.stderr.splitlines()[-1]
    assert error.startswith("[medcrm] ERROR: checking the Debian packages: ")
    assert "debian-packages.txt" in error
    assert "failed with exit status 2 (" in error
    assert "scripts/lib.sh line " in error
