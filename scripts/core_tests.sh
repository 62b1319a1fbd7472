#!/usr/bin/env bash
# Odoo's own test suites (crm, sale_crm, stock, sale_stock, survey by default) on two fresh
# databases: one with every add-on medcrm depends on, one with the same plus all medcrm add-ons.
# Fails when a test that passes without medcrm fails with it. Each database is installed with the
# tests enabled, as Odoo's CI does: at_install tests run when their module is installed (before
# medcrm is), post_install ones once all are loaded. The tests that failed are run again, once, on
# the same database (some of Odoo's tours are load-sensitive): a test fails only if it fails twice.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

# Which of Odoo's suites: the modules medcrm extends most. MEDCRM_CORE_SUITES overrides.
# Of stock only the post_install tests: its at_install ones (most of its ~1000) run while stock
# is installed, before any medcrm add-on is, so they are the same on both databases and would
# only cost 2 x 4-10 minutes here. MEDCRM_CORE_SUITES=...,/stock runs them all.
SUITES="${MEDCRM_CORE_SUITES:-/crm,/sale_crm,post_install/stock,/sale_stock,/survey}"
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
  local start=$SECONDS
  rm -f "$3" # Odoo appends to its log file: an old run's failures must not count
  # Odoo's tours need its HTTP server: on loopback, on a port free now.
  odoo_bin -d "$1" -i "$2" --test-tags "$SUITES" --stop-after-init \
    --http-interface=127.0.0.1 --http-port="$(free_port)" --logfile="$3" --log-level=info
  say "  install and tests: $((SECONDS - start)) s"
  return 0 # the comparison below judges the results
}

rerun_failures() { # database, log of the first run, log of the re-run
  local tags start=$SECONDS
  rm -f "$3"
  tags=$("$SYSTEM_PYTHON" "$ROOT/scripts/compare_core_tests.py" --rerun-tags "$2")
  [ -n "$tags" ] || return 0
  say "  re-running, once, the tests that failed: $tags"
  # No -i: the database stays as installed; at_install tests run again as the modules load.
  odoo_bin -d "$1" --test-tags "$tags" --stop-after-init \
    --http-interface=127.0.0.1 --http-port="$(free_port)" --logfile="$3" --log-level=info
  say "  re-run: $((SECONDS - start)) s"
  return 0
}

dependencies=$("$SYSTEM_PYTHON" "$ROOT/scripts/external_depends.py" "$ROOT" "$MEDCRM_ADDONS")
side() { # label, database, add-ons, log name
  run_suites "$2" "$3" "$RUN_DIR/$4.log" 2>&1 | sed "s/^/[$1] /" >&2
  rerun_failures "$2" "$RUN_DIR/$4.log" "$RUN_DIR/$4-rerun.log" 2>&1 | sed "s/^/[$1] /" >&2
}
say "Odoo's $SUITES suites, side by side on two databases: with $dependencies (base), and with the same plus all medcrm add-ons (ours)"
# Both sides at once: each is one Odoo process (and a browser for the tours), so on a machine
# with two cores or more the pair takes little more than the slower side. Load-sensitive tours
# that fail meanwhile get their re-run.
side base "$base_db" "$dependencies" core-base &
base_pid=$!
side ours "$ours_db" "$dependencies,$MEDCRM_ADDONS" core-ours &
ours_pid=$!
wait "$base_pid" "$ours_pid"
"$SYSTEM_PYTHON" "$ROOT/scripts/compare_core_tests.py" "$RUN_DIR/core-base.log" \
  "$RUN_DIR/core-ours.log" "$RUN_DIR/core-base-rerun.log" "$RUN_DIR/core-ours-rerun.log"
