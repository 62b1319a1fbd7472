#!/usr/bin/env bash
# Odoo's own test suites (crm and sale_crm by default) on two fresh databases: one with every
# add-on medcrm depends on, one with the same plus all medcrm add-ons. Fails when a test that
# passes without medcrm fails with it. Each database is installed with the tests enabled, as
# Odoo's CI does: at_install tests run when their module is installed, post_install ones once all
# are loaded.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

# Which of Odoo's suites: the modules medcrm extends most. MEDCRM_CORE_SUITES overrides.
SUITES="${MEDCRM_CORE_SUITES:-/crm,/sale_crm}"
base_db="medcrm_core_base_$$"
ours_db="medcrm_core_ours_$$"
cleanup() {
  for db in "$base_db" "$ours_db"; do
    dropdb --if-exists "$db" 2>/dev/null
    rm -rf "$HOME/.local/share/Odoo/filestore/$db"
  done
}
trap cleanup EXIT

run_suites() { # database, add-ons to install, log file
  rm -f "$3" # Odoo appends to its log file: an old run's failures must not count
  # Odoo's tours need its HTTP server: on loopback, on a port free now.
  odoo_bin -d "$1" -i "$2" --test-tags "$SUITES" --stop-after-init \
    --http-interface=127.0.0.1 --http-port="$(free_port)" --logfile="$3" --log-level=info
  return 0 # the comparison below judges the results
}

dependencies=$("$SYSTEM_PYTHON" "$ROOT/scripts/external_depends.py" "$ROOT" "$MEDCRM_ADDONS")
say "Odoo's $SUITES suites with $dependencies (without medcrm)"
run_suites "$base_db" "$dependencies" "$RUN_DIR/core-base.log"
say "Odoo's $SUITES suites with the same and all medcrm add-ons"
run_suites "$ours_db" "$dependencies,$MEDCRM_ADDONS" "$RUN_DIR/core-ours.log"
"$SYSTEM_PYTHON" "$ROOT/scripts/compare_core_tests.py" "$RUN_DIR/core-base.log" "$RUN_DIR/core-ours.log"
