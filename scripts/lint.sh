#!/usr/bin/env bash
# Lint: ruff (format check and rules, see pyproject.toml) and pylint-odoo (see .pylintrc).
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1
bin="$ROOT/.venv/bin"
rc=0
"$bin/ruff" format --check --diff . || rc=1
"$bin/ruff" check . || rc=1
# missing-readme (README.rst) is off: each add-on documents itself in readme/*.md fragments.
"$bin/pylint" --rcfile="$ROOT/.pylintrc" --disable=missing-readme medcrm_* || rc=1
[ $rc -eq 0 ] && echo "[medcrm] lint: clean"
exit $rc
