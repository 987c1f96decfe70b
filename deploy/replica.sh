#!/usr/bin/env bash
# A PostgreSQL primary and a streaming replica on this machine, for trying and
# testing read scaling (DATABASE_REPLICA_URL). Not a production setup: trust
# authentication, loopback only.
#
#   deploy/replica.sh start    initdb the primary (wal_level=replica), start it,
#                              pg_basebackup -R a replica from it, start that
#   deploy/replica.sh stop     stop both
#   deploy/replica.sh clean    stop both and delete their data
#   deploy/replica.sh status   whether each runs, and the replica's replay position
#
# Settings (environment): PG_BIN (/usr/lib/postgresql/15/bin), REPLICA_DIR
# (/tmp/cms-replica), PRIMARY_PORT (5497), REPLICA_PORT (5498). Run as root the
# servers run as the postgres user (runuser); otherwise as the current user.
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
REPLICA_DIR="${REPLICA_DIR:-/tmp/cms-replica}"
PRIMARY_PORT="${PRIMARY_PORT:-5497}"
REPLICA_PORT="${REPLICA_PORT:-5498}"
PRIMARY="$REPLICA_DIR/primary"
STANDBY="$REPLICA_DIR/replica"

as_pg() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

running() { [ -f "$1/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$1" status >/dev/null 2>&1; }

init_primary() {
    as_pg "$PG_BIN/initdb" -D "$PRIMARY" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
    cat >>"$PRIMARY/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PRIMARY_PORT
unix_socket_directories = '$REPLICA_DIR'
wal_level = replica
max_wal_senders = 4
hot_standby = on
shared_buffers = 32MB
# Throwaway data: skip waiting for the disk (a crash loses the cluster).
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
    echo "host replication postgres 127.0.0.1/32 trust" >>"$PRIMARY/pg_hba.conf"
}

init_standby() {
    as_pg "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres \
        -D "$STANDBY" -R -X stream -c fast --no-sync
    # postgresql.auto.conf is read last: the copy of the primary's port loses.
    echo "port = $REPLICA_PORT" >>"$STANDBY/postgresql.auto.conf"
}

start() {
    mkdir -p "$REPLICA_DIR"
    [ "$(id -u)" = 0 ] && chown postgres: "$REPLICA_DIR"
    chmod 700 "$REPLICA_DIR"
    [ -f "$PRIMARY/PG_VERSION" ] || init_primary
    running "$PRIMARY" || as_pg "$PG_BIN/pg_ctl" -D "$PRIMARY" -l "$REPLICA_DIR/primary.log" -w start >/dev/null
    [ -f "$STANDBY/PG_VERSION" ] || init_standby
    running "$STANDBY" || as_pg "$PG_BIN/pg_ctl" -D "$STANDBY" -l "$REPLICA_DIR/replica.log" -w start >/dev/null
    for _ in $(seq 1 50); do
        as_pg "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$REPLICA_PORT" && break
        sleep 0.2
    done
    echo "primary: postgres://postgres@127.0.0.1:$PRIMARY_PORT/postgres"
    echo "replica: postgres://postgres@127.0.0.1:$REPLICA_PORT/postgres"
}

stop() {
    running "$STANDBY" && as_pg "$PG_BIN/pg_ctl" -D "$STANDBY" -m fast -w stop >/dev/null
    running "$PRIMARY" && as_pg "$PG_BIN/pg_ctl" -D "$PRIMARY" -m fast -w stop >/dev/null
    return 0
}

status() {
    for dir in "$PRIMARY" "$STANDBY"; do
        if running "$dir"; then echo "$(basename "$dir"): running"; else echo "$(basename "$dir"): stopped"; fi
    done
    if running "$STANDBY"; then
        as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -Atc \
            "SELECT 'replayed: ' || pg_last_wal_replay_lsn() || CASE WHEN pg_is_wal_replay_paused() THEN ' (paused)' ELSE '' END"
    fi
}

case "${1:-}" in
start) start ;;
stop) stop ;;
clean)
    stop
    rm -rf "$REPLICA_DIR"
    ;;
status) status ;;
*)
    echo "usage: $0 start|stop|clean|status" >&2
    exit 2
    ;;
esac
