#!/usr/bin/env bash
# ./medcrm test, after setup: lint, install on a throwaway database with its log checked, Odoo's
# own suites (scripts/core_tests.sh) without and with medcrm, then pytest over the add-ons' tests
# (browser tours included) and tests/. pytest's summary is the last line printed.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

DB="medcrm_test_$$"
failed=()
cleanup() {
  dropdb --if-exists "$DB" 2>/dev/null
  rm -rf "$HOME/.local/share/Odoo/filestore/$DB"
}
trap cleanup EXIT

install="$MEDCRM_ADDONS"
if [ $# -eq 0 ]; then
  targets=("$ROOT"/medcrm_*/ "$ROOT/tests/")
  full=1
else
  targets=("$@")
  full=""
  # Targets inside add-ons need only those add-ons (Odoo adds what they depend on).
  named=()
  for target in "$@"; do
    addon=${target#"$ROOT/"}
    addon=${addon%%/*}
    addon=${addon%%::*}
    case "$addon" in
      medcrm_*) named+=("$addon") ;;
      *) named=() && break ;;
    esac
  done
  [ ${#named[@]} -gt 0 ] && install=$(IFS=,; echo "${named[*]}")
fi

if [ -n "$full" ]; then
  say "lint: ruff and pylint-odoo"
  "$ROOT/scripts/lint.sh" || failed+=("lint")
fi

say "installing $install with demo data on the throwaway database $DB"
mkdir -p "$RUN_DIR/logs"
install_log="$RUN_DIR/logs/$DB.install.log"
rm -f "$install_log"
if odoo_bin -d "$DB" -i "$install" --stop-after-init --no-http --logfile="$install_log"; then
  "$SYSTEM_PYTHON" "$ROOT/scripts/check_log.py" "$install_log" || failed+=("install log")
else
  tail -n 40 "$install_log" >&2
  die "installing the add-ons failed: the full log is $install_log"
fi

if [ -n "$full" ]; then
  "$ROOT/scripts/core_tests.sh" || failed+=("Odoo's own suites")
fi

say "pytest: ${targets[*]#"$ROOT/"}"
tests_log="$RUN_DIR/logs/$DB.tests.log"
pytest_out="$RUN_DIR/logs/$DB.pytest.out"
rm -f "$tests_log"
cd "$ROOT" || exit 1
# pytest-odoo imports odoo when it loads.
PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}" "$VENV/bin/python" -m pytest -p no:cacheprovider \
  --odoo-config="$RUN_CONFIG" --odoo-database="$DB" --odoo-http \
  --odoo-log-level=info --odoo-extra="logfile=$tests_log" \
  "${targets[@]}" 2>&1 | tee "$pytest_out"
pytest_rc=${PIPESTATUS[0]}
# pytest exits 5 when it collected no test: that is a failure of the command, not a pass.
[ "$pytest_rc" -eq 0 ] || failed+=("pytest (exit $pytest_rc)")
[ -f "$tests_log" ] && { "$SYSTEM_PYTHON" "$ROOT/scripts/check_log.py" "$tests_log" || failed+=("tests log"); }

echo
if [ ${#failed[@]} -gt 0 ]; then
  say "FAILED: $(IFS=,; echo "${failed[*]}")"
  tail -n 1 "$pytest_out"
  exit 1
fi
say "all checks passed"
tail -n 1 "$pytest_out"
