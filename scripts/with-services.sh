#!/usr/bin/env bash
# Run a command with a throw-away PostgreSQL and Redis on free loopback ports.
#
#   scripts/with-services.sh CMD [ARG...]
#
# Starts a private PostgreSQL cluster (database "aksi", user "postgres", trust auth)
# and a private Redis, exports DATABASE_URL, REDIS_URL, CELERY_TASK_ALWAYS_EAGER=1 and
# CHROMIUM_PATH, runs CMD, then always stops both servers and deletes their data.
# Exits with CMD's exit status.
#
# As root, missing redis-server / chromium / PostgreSQL are installed with apt-get, and
# PostgreSQL (which refuses to run as root) runs as the unprivileged system user
# "aksitest". Data lives in a fresh directory under /tmp, never inside the repository,
# so the repository itself may be unreadable to that user.
set -euo pipefail

PG_USER_NAME=aksitest
CHROMIUM=/usr/bin/chromium

log() { printf '[services] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

if [ "$#" -eq 0 ]; then
    echo "usage: $0 CMD [ARG...]" >&2
    exit 2
fi

IS_ROOT=0
[ "$(id -u)" -eq 0 ] && IS_ROOT=1

APT_UPDATED=0
apt_install() {
    [ "$IS_ROOT" -eq 1 ] || die "need to install $*, but not running as root"
    command -v apt-get >/dev/null 2>&1 || die "need to install $*, but apt-get is not available"
    log "installing $* with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    if [ "$APT_UPDATED" -eq 0 ]; then
        apt-get update >&2
        APT_UPDATED=1
    fi
    apt-get install -y --no-install-recommends "$@" >&2
}

# --- Redis and Chromium --------------------------------------------------------------
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x "$CHROMIUM" ] || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$IS_ROOT" -eq 1 ]; then
        apt_install "${missing[@]}"
    else
        die "missing ${missing[*]}; install them (as root: apt-get install -y ${missing[*]}) or run this script as root"
    fi
fi
command -v redis-cli >/dev/null 2>&1 || apt_install redis-tools

# --- PostgreSQL binaries -------------------------------------------------------------
find_pg_bindir() {
    local initdb_path dir
    if initdb_path=$(command -v initdb 2>/dev/null) && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(readlink -f "$initdb_path")"
        return 0
    fi
    # Debian keeps server binaries off PATH; prefer 15, else the newest installed.
    for dir in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

if ! PG_BIN=$(find_pg_bindir); then
    if [ "$IS_ROOT" -eq 1 ]; then
        apt_install postgresql
        PG_BIN=$(find_pg_bindir) || die "PostgreSQL installed but initdb/pg_ctl not found"
    else
        die "PostgreSQL (initdb, pg_ctl) not found; install postgresql or run this script as root"
    fi
fi
INITDB="$PG_BIN/initdb"
PG_CTL="$PG_BIN/pg_ctl"
if [ -x "$PG_BIN/createdb" ]; then CREATEDB="$PG_BIN/createdb"; else CREATEDB=$(command -v createdb || true); fi
if [ -x "$PG_BIN/psql" ]; then PSQL="$PG_BIN/psql"; else PSQL=$(command -v psql || true); fi

# --- who runs PostgreSQL ---------------------------------------------------------------
if [ "$IS_ROOT" -eq 1 ]; then
    if ! id -u "$PG_USER_NAME" >/dev/null 2>&1; then
        log "creating system user $PG_USER_NAME"
        useradd --system --create-home --home-dir "/var/lib/$PG_USER_NAME" \
            --shell /usr/sbin/nologin "$PG_USER_NAME"
    fi
    as_pg() {
        # Run from the temp dir: the caller's cwd may be unreadable to the PG user.
        if command -v runuser >/dev/null 2>&1; then
            (cd "$WORK" && runuser -u "$PG_USER_NAME" -- "$@")
        else
            (cd "$WORK" && su -s /bin/sh "$PG_USER_NAME" -c "$(printf '%q ' "$@")")
        fi
    }
else
    as_pg() { (cd "$WORK" && "$@"); }
fi

# --- free ports --------------------------------------------------------------------------
PYTHON=$(command -v python3 || command -v python || true)
[ -n "$PYTHON" ] || die "python3 is needed to pick free ports"
read -r PG_PORT REDIS_PORT < <("$PYTHON" -c '
import socket
socks = []
for _ in range(2):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(*(s.getsockname()[1] for s in socks))
')

# --- temp dir and cleanup ------------------------------------------------------------------
WORK=$(mktemp -d /tmp/aksi-services.XXXXXX)
PGDATA_DIR="$WORK/pgdata"
SOCK_DIR="$WORK/sock"
PG_LOG="$WORK/postgresql.log"
REDIS_PID="$WORK/redis.pid"
mkdir -p "$SOCK_DIR"
if [ "$IS_ROOT" -eq 1 ]; then
    chown -R "$PG_USER_NAME:" "$WORK"
fi
chmod 700 "$WORK"

PG_STARTED=0
REDIS_STARTED=0
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    set +e
    if [ "$PG_STARTED" -eq 1 ] || [ -f "$PGDATA_DIR/postmaster.pid" ]; then
        log "stopping PostgreSQL"
        if ! as_pg "$PG_CTL" -D "$PGDATA_DIR" -m fast -w -t 30 stop >/dev/null 2>&1; then
            if [ -f "$PGDATA_DIR/postmaster.pid" ]; then
                kill -9 "$(head -n1 "$PGDATA_DIR/postmaster.pid")" 2>/dev/null
            fi
        fi
    fi
    if [ "$REDIS_STARTED" -eq 1 ] || [ -f "$REDIS_PID" ]; then
        log "stopping Redis"
        redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1
        local i pid
        pid=$(cat "$REDIS_PID" 2>/dev/null)
        if [ -n "$pid" ]; then
            for i in $(seq 1 50); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.1
            done
            kill -9 "$pid" 2>/dev/null
        fi
    fi
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- PostgreSQL ------------------------------------------------------------------------------
log "PostgreSQL $("$PG_BIN/postgres" --version 2>/dev/null | awk '{print $3}') on 127.0.0.1:$PG_PORT (data in $WORK)"
if ! as_pg "$INITDB" -D "$PGDATA_DIR" -U postgres --auth=trust --encoding=UTF8 \
        --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1; then
    log "initdb with locale C.UTF-8 failed, retrying with locale C"
    rm -rf "$PGDATA_DIR"
    if ! as_pg "$INITDB" -D "$PGDATA_DIR" -U postgres --auth=trust --encoding=UTF8 \
            --locale=C >"$WORK/initdb.log" 2>&1; then
        cat "$WORK/initdb.log" >&2
        die "initdb failed"
    fi
fi

# A throw-away, single-node cluster: no durability (fsync, full-page writes, synchronous
# commit off) and no replica or archive, so WAL carries only crash recovery — wal_level
# minimal, as PostgreSQL's "Populating a Database" advises for bulk loads (a COPY into a
# table emptied in the same transaction, and the index built after it, then write no WAL).
# max_wal_size 4GB: a national load writes more than the default 1GB between checkpoints.
PG_OPTS="-p $PG_PORT -k $SOCK_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
PG_OPTS="$PG_OPTS -c full_page_writes=off -c wal_level=minimal -c max_wal_senders=0 -c max_wal_size=4GB"
# PG_EXTRA_OPTS: more server options for a diagnosis, e.g. "-c log_min_duration_statement=100"
PG_OPTS="$PG_OPTS ${PG_EXTRA_OPTS:-}"
PG_STARTED=1
if ! as_pg "$PG_CTL" -D "$PGDATA_DIR" -l "$PG_LOG" -w -t 60 -o "$PG_OPTS" \
        start >/dev/null 2>&1; then
    log "PostgreSQL failed to start; log follows"
    cat "$PG_LOG" >&2 || true
    die "PostgreSQL failed to start"
fi

if [ -n "$CREATEDB" ]; then
    "$CREATEDB" -h 127.0.0.1 -p "$PG_PORT" -U postgres aksi
elif [ -n "$PSQL" ]; then
    "$PSQL" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc 'CREATE DATABASE aksi'
else
    die "neither createdb nor psql found"
fi

# --- Redis -------------------------------------------------------------------------------------
log "Redis $(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p') on 127.0.0.1:$REDIS_PORT"
REDIS_STARTED=1
# 64 databases: tests/conftest.py gives every pytest-xdist worker two (broker, cache).
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --databases 64 \
    --daemonize yes --pidfile "$REDIS_PID" --dir "$WORK" --logfile "$WORK/redis.log" \
    || die "redis-server failed to start"
for _ in $(seq 1 100); do
    if [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]; then
        break
    fi
    sleep 0.1
done
if [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" != "PONG" ]; then
    cat "$WORK/redis.log" >&2 2>/dev/null || true
    die "Redis did not answer PING"
fi

# --- run the command -------------------------------------------------------------------------------
export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/aksi"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
export CELERY_TASK_ALWAYS_EAGER=1
export CHROMIUM_PATH="$CHROMIUM"

log "running: $*"
status=0
"$@" || status=$?
log "command exited with status $status"
exit "$status"
