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

# Run a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    sudo -u postgres "$@"
  fi
}

ensure_debian_packages() {
  local wanted installed missing
  wanted=$(grep -v -e '^#' -e '^[[:space:]]*$' "$ROOT/scripts/debian-packages.txt")
  # shellcheck disable=SC2086
  # dpkg-query exits 1 when it has never heard of one of the packages (a bare machine): that
  # is an answer here, not a failure, so its status is not checked.
  installed=$({ dpkg-query -W -f='${Package} ${db:Status-Status}\n' $wanted 2>/dev/null || true; } |
    awk '$2 == "installed" { print $1 }')
  missing=$(comm -23 <(printf '%s\n' $wanted | sort -u) <(printf '%s\n' $installed | sort -u))
  [ -z "$missing" ] && return 0
  say "installing Debian packages: $(echo $missing | tr '\n' ' ')"
  command -v apt-get >/dev/null || die "apt-get not found: medcrm's setup expects Debian 12."
  as_root apt-get update -qq
  # shellcheck disable=SC2086
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

ensure_postgres() {
  command -v pg_lsclusters >/dev/null || die "PostgreSQL is not installed (package postgresql-$PG_VERSION)."
  if ! pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main"' | grep -q .; then
    say "creating the PostgreSQL $PG_VERSION cluster"
    as_root pg_createcluster "$PG_VERSION" main >/dev/null
  fi
  if ! pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
    say "starting PostgreSQL $PG_VERSION"
    as_root pg_ctlcluster "$PG_VERSION" main start || die "PostgreSQL $PG_VERSION did not start: see /var/log/postgresql/."
  fi
  local i
  for i in $(seq 1 30); do
    pg_isready -q && break
    sleep 1
  done
  pg_isready -q || die "PostgreSQL does not accept connections on its local socket."
  # Odoo refuses to run as the 'postgres' role: give the OS user a role of its own.
  local me
  me=$(id -un)
  if [ "$(as_postgres psql -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$me'")" != 1 ]; then
    say "creating the PostgreSQL role '$me'"
    # A developer's and CI's local database: the role may create databases and extensions.
    as_postgres createuser --superuser "$me"
  fi
}

ensure_odoo_src() {
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
}

ensure_venv() {
  local stamp="$VENV/.medcrm-requirements"
  local want
  want=$(sha256sum "$ROOT/requirements-dev.txt" | cut -d' ' -f1)
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && return 0
  say "preparing the venv in $VENV"
  rm -rf "$VENV"
  "$SYSTEM_PYTHON" -m venv --system-site-packages "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$ROOT/requirements-dev.txt" ||
    die "pip could not install requirements-dev.txt"
  echo "$want" >"$stamp"
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
  "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps -r "$ROOT/requirements-oca.txt" ||
    die "pip could not install requirements-oca.txt (the OCA add-on wheels odoo-addon-*)"
  [ -d "$(oca_addons_dir)" ] || die "the OCA wheels did not create $(oca_addons_dir)"
  echo "$want" >"$stamp"
}

# Where the OCA wheels put their add-ons: <venv's site-packages>/odoo/addons.
oca_addons_dir() {
  echo "$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_path("purelib"))')/odoo/addons"
}

write_run_config() {
  mkdir -p "$RUN_DIR"
  {
    cat "$ROOT/odoo.conf"
    echo "addons_path = $ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$(oca_addons_dir),$ROOT"
  } >"$RUN_CONFIG"
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
