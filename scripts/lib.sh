# shellcheck shell=bash
# The setup steps shared by ./medcrm's commands. Each step checks first and does only what is
# missing, so that a second run is fast. Sourced by ./medcrm; not meant to be run alone.

MEDCRM_ADDONS="medcrm_deals,medcrm_service_contract,medcrm_notify,medcrm_fulfillment,medcrm_survey_entry,medcrm_service_fulfillment,medcrm_suite"
# Debian's own interpreter: the python3 first on PATH may be another build that does not see
# Debian's python3-* packages, which provide Odoo's dependencies.
SYSTEM_PYTHON=/usr/bin/python3
PG_VERSION=15
VENV="$ROOT/.venv"
RUN_DIR="$ROOT/.run"
RUN_CONFIG="$RUN_DIR/odoo.conf"

# Where the Odoo 18.0 source is read from: $ODOO_SRC, or this default outside the repository.
if [ -z "${ODOO_SRC:-}" ]; then
  ODOO_SRC=/opt/odoo-18.0
fi
ODOO_UPSTREAM=https://github.com/odoo/odoo.git

say() { printf '[medcrm] %s\n' "$*" >&2; }
die() {
  printf '[medcrm] ERROR: %s\n' "$*" >&2
  exit 1
}

# What the setup is doing now, for the message of a command that fails in it.
MEDCRM_STEP=""

# A command that fails under `set -e` ends the script: say which step, which command and where,
# so that nothing ever stops silently (a bare machine otherwise just exits 1).
on_error() {
  local status=$1 command=$2 where=$3
  # a failing $(...) or pipeline is reported once, by the shell that stops
  [ "$BASH_SUBSHELL" -eq 0 ] || return 0
  printf '[medcrm] ERROR: %s"%s" failed with exit status %s (%s).\n' \
    "${MEDCRM_STEP:+$MEDCRM_STEP: }" "$command" "$status" "$where" >&2
}

trap_errors() {
  set -E
  trap 'on_error $? "$BASH_COMMAND" "${BASH_SOURCE[0]#"$ROOT/"} line $LINENO"' ERR
}

# run_logged NAME WHAT COMMAND...: run COMMAND with its output in .run/logs/setup-NAME.log, kept
# quiet when it works; when it fails, show the end of that log and stop, saying WHAT failed.
run_logged() {
  local name=$1 what=$2 log status=0
  shift 2
  mkdir -p "$RUN_DIR/logs" || die "cannot create $RUN_DIR/logs for the setup's logs."
  log="$RUN_DIR/logs/setup-$name.log"
  # a subshell, so that a die inside COMMAND ends up in the log shown, not in silence
  ("$@") >"$log" 2>&1 </dev/null || status=$?
  [ "$status" -eq 0 ] && return 0
  tail -n 25 "$log" | sed 's/^/  | /' >&2
  die "$what failed (exit status $status): $*
  The end of its output is above; all of it: $log"
}

# Run a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    die "'$*' needs root, and sudo is not installed: run ./medcrm as root once, or install sudo."
  fi
}

as_postgres() {
  # from /, which postgres may enter (psql complains about a current folder it may not read)
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && sudo -u postgres "$@")
  fi
}

# The Debian packages of scripts/debian-packages.txt that are missing get installed. For tests:
# MEDCRM_DPKG_ADMINDIR is the dpkg database to read (default dpkg's own), MEDCRM_APT_GET the
# installer to run (default apt-get).
ensure_debian_packages() {
  MEDCRM_STEP="checking the Debian packages"
  local wanted installed missing admindir apt_get=${MEDCRM_APT_GET:-apt-get}
  wanted=$(grep -v -e '^#' -e '^[[:space:]]*$' "$ROOT/scripts/debian-packages.txt")
  admindir=${MEDCRM_DPKG_ADMINDIR:+--admindir=$MEDCRM_DPKG_ADMINDIR}
  # shellcheck disable=SC2086
  # dpkg-query exits 1 when it has never heard of one of the packages (a bare machine): that
  # is an answer here, not a failure, so its status is not checked.
  installed=$({ dpkg-query $admindir -W -f='${Package} ${db:Status-Status}\n' $wanted 2>/dev/null || true; } |
    awk '$2 == "installed" { print $1 }')
  missing=$(comm -23 <(printf '%s\n' $wanted | sort -u) <(printf '%s\n' $installed | sort -u))
  if [ -n "$missing" ]; then
    MEDCRM_STEP="installing the Debian packages"
    say "installing $(wc -w <<<"$missing") Debian packages (a few minutes on a new machine): $(echo $missing)"
    command -v "$apt_get" >/dev/null || die "$apt_get not found: medcrm's setup expects Debian 12.
  Install these packages yourself: $(echo $missing)"
    run_logged apt-update "updating apt's package lists" as_root "$apt_get" update
    # shellcheck disable=SC2086
    run_logged apt-install "installing the Debian packages" \
      as_root env DEBIAN_FRONTEND=noninteractive "$apt_get" install -y --no-install-recommends $missing
  fi
  MEDCRM_STEP=""
}

ensure_postgres() {
  MEDCRM_STEP="preparing PostgreSQL $PG_VERSION"
  command -v pg_lsclusters >/dev/null || die "PostgreSQL is not installed (package postgresql-$PG_VERSION)."
  if ! pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main"' | grep -q .; then
    say "creating the PostgreSQL $PG_VERSION cluster${PGPORT:+ on port $PGPORT}"
    run_logged pg-createcluster "creating the PostgreSQL cluster" \
      as_root pg_createcluster ${PGPORT:+-p "$PGPORT"} "$PG_VERSION" main
  fi
  # libpq, psql and Odoo (db_port = False) connect to $PGPORT, 5432 when unset: point them at
  # the cluster's own port, which pg_createcluster moves on when another server holds 5432.
  local port
  port=$(pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main" {print $3}')
  if [ -n "${PGPORT:-}" ] && [ "$PGPORT" != "$port" ]; then
    die "PGPORT is $PGPORT but the PostgreSQL $PG_VERSION cluster 'main' listens on port $port.
  Fix: unset PGPORT, or set it to $port."
  fi
  export PGPORT=$port
  if ! pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
    say "starting PostgreSQL $PG_VERSION"
    run_logged pg-start "starting PostgreSQL $PG_VERSION (its own log: /var/log/postgresql/)" \
      as_root pg_ctlcluster "$PG_VERSION" main start
  fi
  local i
  for i in $(seq 1 30); do
    pg_isready -q && break
    sleep 1
  done
  pg_isready -q || die "PostgreSQL $PG_VERSION does not accept connections on its local socket (port $PGPORT) after 30 s: see /var/log/postgresql/."
  # Odoo refuses to run as the 'postgres' role: give the OS user a role of its own.
  local me
  me=$(id -un)
  if [ "$(as_postgres psql -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$me'")" != 1 ]; then
    say "creating the PostgreSQL role '$me'"
    # A developer's and CI's local database: the role may create databases and extensions.
    run_logged createuser "creating the PostgreSQL role '$me'" as_postgres createuser --superuser "$me"
  fi
  MEDCRM_STEP=""
}

ensure_odoo_src() {
  MEDCRM_STEP="finding the Odoo source"
  if [ ! -f "$ODOO_SRC/odoo-bin" ]; then
    say "no Odoo source at $ODOO_SRC: trying a shallow clone of Odoo's 18.0 branch (60 s at most)"
    local tmp="$ODOO_SRC.partial"
    as_root rm -rf "$tmp"
    if as_root mkdir -p "$(dirname "$ODOO_SRC")" &&
      as_root timeout 60 git clone -q --depth 1 --branch 18.0 "$ODOO_UPSTREAM" "$tmp" 2>/dev/null; then
      as_root mv "$tmp" "$ODOO_SRC"
    else
      as_root rm -rf "$tmp"
      die "the Odoo 18.0 source is missing.
  Looked in: $ODOO_SRC (set ODOO_SRC to use another place).
  Tried:     git clone --depth 1 --branch 18.0 $ODOO_UPSTREAM (failed or timed out).
  Fix:       put an Odoo 18.0 Community source tree there (the folder that holds odoo-bin),
             e.g. git clone --depth 1 --branch 18.0 $ODOO_UPSTREAM $ODOO_SRC"
    fi
  fi
  grep -q "^version_info = (18, 0," "$ODOO_SRC/odoo/release.py" 2>/dev/null ||
    die "$ODOO_SRC is not an Odoo 18.0 source tree (odoo/release.py says another version)."
  MEDCRM_STEP=""
}

ensure_venv() {
  MEDCRM_STEP="preparing the Python venv"
  local stamp="$VENV/.medcrm-requirements"
  local want
  want=$(sha256sum "$ROOT/requirements-dev.txt" | cut -d' ' -f1)
  if ! { [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; }; then
    say "preparing the venv in $VENV (about a minute)"
    rm -rf "$VENV"
    run_logged venv "creating the venv" "$SYSTEM_PYTHON" -m venv --system-site-packages "$VENV"
    run_logged pip "pip installing requirements-dev.txt" \
      "$VENV/bin/pip" install --disable-pip-version-check -r "$ROOT/requirements-dev.txt"
    echo "$want" >"$stamp"
  fi
  MEDCRM_STEP=""
}

# The OCA add-ons of requirements-oca.txt, as the OCA publishes them (wheels odoo-addon-<name>,
# which unpack into site-packages/odoo/addons/<name>). The wheels require the "odoo"
# distribution, which is not on the package index: --no-deps, and their Python dependencies
# come from Debian. Runs after ensure_venv, which makes a new venv when requirements-dev.txt
# changes: the stamp lives in the venv, so a new venv gets the wheels again.
ensure_oca_addons() {
  local stamp="$VENV/.medcrm-oca-requirements"
  local want
  want=$(sha256sum "$ROOT/requirements-oca.txt" | cut -d' ' -f1)
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && return 0
  say "installing the OCA add-ons of requirements-oca.txt in the venv"
  run_logged pip-oca "pip installing requirements-oca.txt (the OCA add-on wheels odoo-addon-*)" \
    "$VENV/bin/pip" install --disable-pip-version-check --no-deps -r "$ROOT/requirements-oca.txt"
  [ -d "$(oca_addons_dir)" ] || die "the OCA wheels did not create $(oca_addons_dir)"
  echo "$want" >"$stamp"
}

# Where the OCA wheels put their add-ons: <venv's site-packages>/odoo/addons.
oca_addons_dir() {
  echo "$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_path("purelib"))')/odoo/addons"
}

write_run_config() {
  MEDCRM_STEP="writing $RUN_CONFIG"
  mkdir -p "$RUN_DIR"
  {
    cat "$ROOT/odoo.conf"
    echo "addons_path = $ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$(oca_addons_dir),$ROOT"
  } >"$RUN_CONFIG"
  MEDCRM_STEP=""
}

# All the setup, in order. Idempotent.
setup() {
  ensure_debian_packages
  ensure_postgres
  ensure_odoo_src
  ensure_venv
  ensure_oca_addons
  write_run_config
}

odoo_bin() {
  "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$RUN_CONFIG" "$@"
}

db_exists() {
  [ "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]
}

# The medcrm add-ons not installed in a database, comma-separated.
missing_addons() {
  local installed
  installed=$(psql -d "$1" -tAc "SELECT name FROM ir_module_module WHERE state = 'installed' AND name LIKE 'medcrm%'")
  comm -23 <(tr ',' '\n' <<<"$MEDCRM_ADDONS" | sort) <(sort <<<"$installed") | paste -sd,
}

# A TCP port free on loopback now, for a server run next to others (tests run side by side).
free_port() {
  "$SYSTEM_PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
