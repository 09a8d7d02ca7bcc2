#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: a fresh cluster in a temporary directory, listening
# on 127.0.0.1 (a free port) and on a Unix socket inside that directory, tuned for speed (no
# fsync: its data is thrown away), with a role and a database whose password is random per run.
#
#   dir=$(scripts/postgres-test-server.sh start [--watch-pid PID])  # prints the directory only
#   export SB_TEST_POSTGRES_URL=$(cat "$dir/url")                   # never printed
#   scripts/postgres-test-server.sh stop "$dir"                     # stops it, removes the dir
#   scripts/postgres-test-server.sh install                         # apt-get, only when missing
#
# Postgres refuses to run as root: as root the server runs as the `postgres` user (the Debian
# package's), or a dedicated system user `sb-test-postgres` created when that one does not exist.
# --watch-pid PID: a detached watcher stops the server and removes the directory when PID is gone
# (a test runner killed with SIGKILL does not leave a server behind).
# Environment: PG_BINDIR (where initdb/pg_ctl/postgres are), SB_TEST_POSTGRES_USER (OS user).
set -euo pipefail

die() {
  echo "postgres-test-server: $*" >&2
  exit 1
}

# The directory holding initdb, pg_ctl and postgres: PG_BINDIR, then PATH, then the newest
# /usr/lib/postgresql/*/bin (Debian puts the binaries there, not on PATH).
find_bindir() {
  if [[ -n "${PG_BINDIR:-}" ]]; then
    [[ -x "$PG_BINDIR/initdb" && -x "$PG_BINDIR/pg_ctl" ]] || return 1
    echo "$PG_BINDIR"
    return
  fi
  local initdb
  if initdb=$(command -v initdb) && command -v pg_ctl >/dev/null; then
    dirname "$(readlink -f "$initdb")"
    return
  fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
    echo "$dir"
    return
  fi
  return 1
}

cmd_install() {
  if find_bindir >/dev/null 2>&1; then
    return
  fi
  [[ $(id -u) == 0 ]] || die "initdb/pg_ctl not found and not root: install the postgresql package"
  echo "postgres-test-server: installing postgresql (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  find_bindir >/dev/null || die "postgresql installed, but initdb/pg_ctl still not found"
}

# The OS user the server runs as: ourselves, unless we are root.
server_user() {
  if [[ $(id -u) != 0 ]]; then
    id -un
  elif [[ -n "${SB_TEST_POSTGRES_USER:-}" ]]; then
    echo "$SB_TEST_POSTGRES_USER"
  elif id postgres >/dev/null 2>&1; then
    echo postgres
  else
    if ! id sb-test-postgres >/dev/null 2>&1; then
      useradd --system --no-create-home --shell /usr/sbin/nologin sb-test-postgres ||
        die "could not create the user sb-test-postgres"
    fi
    echo sb-test-postgres
  fi
}

# Runs a command as the server's user, from the server's directory (the user may not be able to
# read the caller's working directory).
as_server_user() {
  local user=$1 dir=$2
  shift 2
  if [[ $(id -u) != 0 ]]; then
    (cd "$dir" && "$@")
  elif command -v runuser >/dev/null; then
    (cd "$dir" && runuser -u "$user" -- "$@")
  else
    (cd "$dir" && su -s /bin/sh "$user" -c "$(printf '%q ' "$@")")
  fi
}

# A port nothing listens on now (a race with another process is handled by retrying the start).
pick_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  die "no free port found"
}

cmd_start() {
  local watch_pid=""
  if [[ "${1:-}" == "--watch-pid" ]]; then
    watch_pid=${2:?--watch-pid needs a PID}
  fi
  local bindir user password port
  if ! bindir=$(find_bindir); then
    [[ -z "${PG_BINDIR:-}" ]] || die "PG_BINDIR=$PG_BINDIR has no initdb and pg_ctl"
    die "initdb/pg_ctl not found (not on PATH, not in /usr/lib/postgresql/*/bin); install the postgresql package or set PG_BINDIR"
  fi
  user=$(server_user)
  # Global: the EXIT trap reads it. From here on, a failure removes what was made.
  dir=$(mktemp -d "${TMPDIR:-/tmp}/sb-pg.XXXXXX")
  trap 'cmd_stop "$dir" >/dev/null 2>&1 || true' EXIT
  echo "$user" >"$dir/os-user"
  echo "$bindir" >"$dir/bindir"
  chmod 700 "$dir"
  mkdir "$dir/data" "$dir/socket"
  [[ $(id -u) != 0 ]] || chown "$user:" "$dir" "$dir/data" "$dir/socket"

  as_server_user "$user" "$dir" "$bindir/initdb" -D "$dir/data" -U postgres --no-locale -E UTF8 \
    --no-sync --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 ||
    die "initdb failed: $(tail -n 5 "$dir/initdb.log")"
  cat >>"$dir/data/postgresql.conf" <<EOF
# Test server: its data is thrown away, so durability is traded for speed.
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir/socket'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 128MB
log_min_messages = warning
EOF

  local started=""
  for _ in 1 2 3; do
    port=$(pick_port)
    if as_server_user "$user" "$dir" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-p $port" start >/dev/null 2>&1; then
      started=1
      break
    fi
  done
  [[ -n "$started" ]] || die "the server did not start: $(tail -n 5 "$dir/server.log" 2>/dev/null)"
  echo "$port" >"$dir/port"

  # A letters-and-digits password, so it needs no quoting in SQL or in a URL. Sent on stdin, so it
  # is in no process's arguments; never printed. pg_signal_backend lets the tests' DROP DATABASE
  # ... WITH (FORCE) end an autovacuum worker on a test database (else it fails with 42501).
  password=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
  as_server_user "$user" "$dir" "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir/socket" \
    -p "$port" -U postgres -d postgres >/dev/null <<EOF || die "could not create the test role"
CREATE ROLE sb_test LOGIN CREATEDB PASSWORD '$password';
CREATE DATABASE sb_test OWNER sb_test;
GRANT pg_signal_backend TO sb_test;
EOF
  (
    umask 077
    echo "postgres://sb_test:$password@127.0.0.1:$port/sb_test" >"$dir/url"
  )
  trap - EXIT

  if [[ -n "$watch_pid" ]]; then
    # Detached with closed stdio, so `$(... start)` returns at once (no setsid on macOS: nohup).
    if command -v setsid >/dev/null; then
      setsid "$0" watch "$watch_pid" "$dir" </dev/null >/dev/null 2>&1 &
    else
      nohup "$0" watch "$watch_pid" "$dir" </dev/null >/dev/null 2>&1 &
    fi
  fi
  echo "$dir"
}

cmd_stop() {
  local dir=${1:?stop needs the directory printed by start}
  [[ -d "$dir" ]] || return 0
  [[ -f "$dir/os-user" ]] || die "$dir is not a test server's directory"
  local user bindir
  user=$(cat "$dir/os-user" 2>/dev/null || id -un)
  bindir=$(cat "$dir/bindir" 2>/dev/null || find_bindir || true)
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    # Immediate: nothing in it is worth a checkpoint.
    as_server_user "$user" "$dir" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 10 stop \
      >/dev/null 2>&1 || true
    local pid
    pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -rf "$dir"
}

cmd_watch() {
  local pid=$1 dir=$2
  while kill -0 "$pid" 2>/dev/null && [[ -d "$dir" ]]; do
    sleep 1
  done
  cmd_stop "$dir"
}

case "${1:-}" in
install) cmd_install ;;
start) cmd_start "${@:2}" ;;
stop) cmd_stop "${2:-}" ;;
watch) cmd_watch "$2" "$3" ;;
*) die "usage: $0 install | start [--watch-pid PID] | stop DIR" ;;
esac
