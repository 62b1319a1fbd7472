#!/usr/bin/env bash
# scripts/fresh-machine.sh: ./medcrm as a newcomer meets it, on a bare Debian 12 (bookworm).
#
# Bootstraps a minimal Debian 12 in a chroot with debootstrap, copies in a clean clone of this
# repository's HEAD (commit first: uncommitted changes are not copied) and the Odoo source, then
# inside the chroot runs the README's commands as root: `./medcrm run` in the background until
# Odoo answers on its HTTP port, stops it, then `./medcrm test`. Prints the time of each phase.
# Not part of CI: debootstrap and the package installation take minutes, the tests half an hour.
#
# Usage: scripts/fresh-machine.sh [--run-only] [--keep] [--base-tar FILE] [DIR]
#   DIR             where the chroot is made (default /var/tmp/medcrm-fresh); emptied first.
#   --run-only      stop after `./medcrm run` answered (skip `./medcrm test`).
#   --keep          keep DIR afterwards (it is removed otherwise; the mounts always go).
#   --base-tar FILE reuse the debootstrapped base saved in FILE if it exists, save it there if
#                   not (a second try then skips the download; the package step still runs).
#
# Needs on the host: root, debootstrap (apt-get install debootstrap), git, curl, ~6 GB free in
#   DIR, and the Debian archive this machine's apt uses (read from /etc/apt/sources.list(.d)).
# The chroot shares the host's network and ports. Nothing on the host needs stopping, provided:
#   - PostgreSQL: the host's own server may (and, when other people use it, must) keep running.
#     Debian's postgresql package creates the chroot's cluster on the first port from 5432 up that
#     is free on the host (5433 when the host's server holds 5432), and ./medcrm connects to the
#     cluster's own port. Do NOT stop the host's PostgreSQL for this.
#   - TCP port $FRESH_HTTP_PORT (default 8169) is free: `./medcrm run` serves there
#     (MEDCRM_HTTP_PORT), so a server on the host's 8069 may keep running.
#   The tests inside pick free ports themselves (scripts/lib.sh free_port), as on the host.
# Environment: ODOO_SRC (default /opt/odoo-18.0), FRESH_HTTP_PORT,
#   FRESH_RUN_TIMEOUT (seconds to wait for Odoo to answer; default 1800).
# The whole script is one block, read before it runs: editing the file during a run is safe.
{
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

ODOO_SRC=${ODOO_SRC:-/opt/odoo-18.0}
HTTP_PORT=${FRESH_HTTP_PORT:-8169}
RUN_TIMEOUT=${FRESH_RUN_TIMEOUT:-1800}
SUITE=bookworm
DIR=/var/tmp/medcrm-fresh
run_only="" keep="" base_tar=""
while [ $# -gt 0 ]; do
  case "$1" in
    --run-only) run_only=1; shift ;;
    --keep) keep=1; shift ;;
    --base-tar) base_tar=${2:?--base-tar needs a file}; shift 2 ;;
    -h | --help) sed -n '2,/^# The whole script/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    *) DIR=$1; shift ;;
  esac
done

say() { printf '[fresh-machine] %s\n' "$*" >&2; }
die() {
  printf '[fresh-machine] ERROR: %s\n' "$*" >&2
  exit 1
}
trap 'die "line $LINENO: \"$BASH_COMMAND\" failed (exit $?)"' ERR

[ "$(id -u)" -eq 0 ] || die "run as root (debootstrap, chroot and mount need it)."
command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install debootstrap"
command -v curl >/dev/null || die "curl is missing: apt-get install curl"
[ -f "$ODOO_SRC/odoo-bin" ] || die "no Odoo source at $ODOO_SRC (set ODOO_SRC)."
case "$DIR" in /*) ;; *) die "DIR must be an absolute path: $DIR" ;; esac
[ "$DIR" != / ] || die "DIR must not be /"
if (exec 3<>"/dev/tcp/127.0.0.1/$HTTP_PORT") 2>/dev/null; then
  die "TCP port $HTTP_PORT is in use on the host (the chroot shares the host's ports): free it or set FRESH_HTTP_PORT."
fi

# The Debian mirror this machine's apt uses: deb822 (.sources) or one-line format.
mirror=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
  awk '/^URIs:/ && $2 ~ /\/debian\/?$/ {print $2; exit}')
[ -n "$mirror" ] || mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
  awk '$1 == "deb" && $2 !~ /^\[/ && $2 ~ /\/debian\/?$/ {print $2; exit}')
mirror=${mirror:-http://deb.debian.org/debian}

# The chroot's processes (PostgreSQL, Odoo, Chromium) and mounts go on every exit.
chroot_pids() {
  local p
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$DIR" ] && echo "${p#/proc/}"
  done
  return 0
}
cleanup() {
  local rc=$? pids
  trap - ERR
  set +e
  if [ -x "$DIR/usr/bin/pg_ctlcluster" ] && mountpoint -q "$DIR/proc"; then
    chroot "$DIR" pg_ctlcluster 15 main stop >/dev/null 2>&1
  fi
  pids=$(chroot_pids)
  # shellcheck disable=SC2086
  [ -n "$pids" ] && kill $pids 2>/dev/null && sleep 2
  pids=$(chroot_pids)
  # shellcheck disable=SC2086
  [ -n "$pids" ] && kill -9 $pids 2>/dev/null
  for m in dev/pts dev/shm dev sys proc; do
    mountpoint -q "$DIR/$m" && umount -l "$DIR/$m"
  done
  if [ -z "$keep" ] && [ -d "$DIR" ]; then
    say "removing $DIR (--keep keeps it)"
    rm -rf --one-file-system "$DIR"
  fi
  exit $rc
}
trap cleanup EXIT
# Ctrl-C or kill: the chroot's processes and mounts still go (cleanup, on exit).
trap 'exit 130' INT
trap 'exit 143' TERM

timings=()
phase_start=0
phase() {
  phase_start=$SECONDS
  say "== $1"
}
phase_done() {
  local took=$((SECONDS - phase_start))
  timings+=("$(printf '%-34s %4d s (%dm%02ds)' "$1" "$took" $((took / 60)) $((took % 60)))")
  say "$1: $took s"
}

say "chroot: $DIR, Debian $SUITE from $mirror; Odoo will serve on port $HTTP_PORT"
rm -rf --one-file-system "$DIR"
mkdir -p "$DIR"
if [ -n "$base_tar" ] && [ -f "$base_tar" ]; then
  phase "unpacking the saved base $base_tar"
  tar -xpf "$base_tar" -C "$DIR"
  phase_done "unpack saved base (no debootstrap)"
else
  phase "debootstrap --variant=minbase $SUITE"
  debootstrap_log=$(mktemp)
  debootstrap --variant=minbase "$SUITE" "$DIR" "$mirror" >"$debootstrap_log" 2>&1 ||
    { tail -n 30 "$debootstrap_log" >&2; die "debootstrap failed (its log is above; all of it: $debootstrap_log)"; }
  rm -f "$debootstrap_log"
  phase_done "debootstrap (minbase)"
  if [ -n "$base_tar" ]; then
    tar -cpf "$base_tar" -C "$DIR" .
    say "saved the base as $base_tar"
  fi
fi

# A chroot has no init: services are not started by package scripts (Debian's convention for
# chroots and containers); ./medcrm starts PostgreSQL itself.
printf '#!/bin/sh\nexit 101\n' >"$DIR/usr/sbin/policy-rc.d"
chmod +x "$DIR/usr/sbin/policy-rc.d"
cp /etc/resolv.conf "$DIR/etc/resolv.conf"
# The network's trust, as the host has it: where TLS is intercepted (a company proxy), a new
# machine needs the local CA certificates too, or pip cannot reach PyPI. Package ca-certificates,
# once installed, builds its bundle from /usr/local/share/ca-certificates as well.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  mkdir -p "$DIR/usr/local/share/ca-certificates" "$DIR/etc/ssl/certs"
  cp /usr/local/share/ca-certificates/*.crt "$DIR/usr/local/share/ca-certificates/"
  [ -f "$DIR/etc/ssl/certs/ca-certificates.crt" ] ||
    cp /etc/ssl/certs/ca-certificates.crt "$DIR/etc/ssl/certs/ca-certificates.crt"
fi
cert_env=()
for var in PIP_CERT SSL_CERT_FILE REQUESTS_CA_BUNDLE; do
  [ -n "${!var:-}" ] && cert_env+=("$var=/etc/ssl/certs/ca-certificates.crt")
done
for var in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
  [ -n "${!var:-}" ] && cert_env+=("$var=${!var}")
done
mount -t proc proc "$DIR/proc"
mount -t sysfs sysfs "$DIR/sys"
mount --bind /dev "$DIR/dev"
mount --bind /dev/pts "$DIR/dev/pts"
mkdir -p "$DIR/dev/shm"
mountpoint -q "$DIR/dev/shm" || mount -t tmpfs -o mode=1777 shm "$DIR/dev/shm"

phase "copying a clean clone of HEAD and the Odoo source"
head=$(git -C "$ROOT" rev-parse HEAD)
git clone -q --no-hardlinks "$ROOT" "$DIR/root/medcrm"
git -C "$DIR/root/medcrm" checkout -q "$head"
mkdir -p "$DIR$(dirname "$ODOO_SRC")"
cp -a "$ODOO_SRC" "$DIR/opt/odoo-18.0"
phase_done "copy clone ($(git -C "$ROOT" rev-parse --short HEAD)) and Odoo source"

# A login shell's environment on a bare machine (no LANG: a minimal Debian has no locale), the
# network's settings above, and the HTTP port, which must differ from a server on the host's 8069.
in_chroot=(chroot "$DIR" /usr/bin/env -i HOME=/root
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin TERM="${TERM:-dumb}"
  "${cert_env[@]}" MEDCRM_HTTP_PORT="$HTTP_PORT" ODOO_SRC=/opt/odoo-18.0 /bin/bash -c)

phase "./medcrm run, until Odoo answers on http://127.0.0.1:$HTTP_PORT/web/login"
run_log="$DIR/root/medcrm-run.log"
# its own process group, so that stopping it stops Odoo too
setsid "${in_chroot[@]}" 'cd /root/medcrm && exec ./medcrm run' >"$run_log" 2>&1 &
run_pid=$!
answered=""
deadline=$((SECONDS + RUN_TIMEOUT))
while [ $SECONDS -lt $deadline ]; do
  if curl -sf -o /dev/null --max-time 10 "http://127.0.0.1:$HTTP_PORT/web/login"; then
    answered=1
    break
  fi
  if ! kill -0 "$run_pid" 2>/dev/null; then
    break
  fi
  sleep 3
done
if [ -z "$answered" ]; then
  status="timed out after $RUN_TIMEOUT s"
  kill -0 "$run_pid" 2>/dev/null || { wait "$run_pid" && status="exit 0" || status="exit $?"; }
  tail -n 60 "$run_log" >&2
  die "./medcrm run never answered ($status). The end of its output is above; all of it: $run_log"
fi
phase_done "./medcrm run until Odoo answers"
grep '^\[medcrm\]' "$run_log" >&2 || true
say "Odoo answered; stopping it"
kill -TERM -- "-$run_pid" 2>/dev/null || true
wait "$run_pid" 2>/dev/null || true

test_rc=0
if [ -z "$run_only" ]; then
  phase "./medcrm test"
  test_log="$DIR/root/medcrm-test.log"
  # in the background, so that a signal is acted on at once (bash waits out a foreground command)
  "${in_chroot[@]}" 'cd /root/medcrm && exec ./medcrm test' >"$test_log" 2>&1 &
  wait $! || test_rc=$?
  phase_done "./medcrm test (exit $test_rc)"
  grep -e '^\[medcrm\]' "$test_log" >&2 || true
  tail -n 3 "$test_log" >&2
  if [ -n "$keep" ]; then say "the test output: $test_log"; else cp "$test_log" /var/tmp/medcrm-fresh-test.log && say "the test output: /var/tmp/medcrm-fresh-test.log"; fi
fi

say "timings ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)):"
printf '  %s\n' "${timings[@]}" >&2
[ "$test_rc" -eq 0 ] || die "./medcrm test failed in the chroot (exit $test_rc)."
say "done"
exit
}
