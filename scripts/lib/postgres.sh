# shellcheck shell=bash
# Shared helpers for scripts/run.sh and scripts/test.sh: make sure a PostgreSQL
# server for the portal is reachable and export how to reach it.
#
# Source it (do not execute it):   source scripts/lib/postgres.sh
#
# Entry points:
#   portal_pg_ensure         Docker (docker compose service `db`) when a Docker engine
#                            answers, otherwise a private local cluster. Set
#                            PORTAL_PG_MODE=local or PORTAL_PG_MODE=docker to force one.
#   portal_pg_ensure_docker  docker compose up -d db, then wait until it accepts connections.
#   portal_pg_ensure_local   apt-get the server if needed, initdb once, start, create role/db.
#   portal_pg_stop_local     stop the private local cluster (handy for developers).
#   portal_docker_available  0 when a Docker engine answers `docker info` quickly.
#   portal_apt_install PKG.. apt-get install (with one `apt-get update` per process, only when needed).
#   portal_ensure_cjk_fonts  install fonts-noto-cjk unless fc-list already lists Noto Sans CJK.
#
# All of them return non-zero on failure (they never `exit`), so they work with or
# without `set -e` in the caller. After a successful portal_pg_ensure* these are exported:
#   PORTAL_PG_MODE        docker | local
#   PORTAL_PG_HOST        127.0.0.1
#   PORTAL_PG_PORT        55432 (override with PORTAL_PG_PORT before sourcing/calling)
#   PORTAL_PG_USER        portal
#   PORTAL_PG_PASSWORD    portal
#   PORTAL_PG_DATABASE    communitypartybuilding
#   PORTAL_PG_CONNECTION  Npgsql connection string for the portal database
#   PORTAL_PG_ADMIN_CONNECTION  same server, database `postgres` (for tests that CREATE DATABASE)
#   PORTAL_PG_URL         postgresql://portal:portal@127.0.0.1:55432/communitypartybuilding (for psql)
#
# Local cluster layout (PORTAL_PGDATA, default /var/tmp/communitypartybuilding-pg):
#   $PORTAL_PGDATA/data             data directory (owned by the `postgres` user when run as root)
#   $PORTAL_PGDATA/run              unix socket directory
#   $PORTAL_PGDATA/log/postgresql.log  server log

PORTAL_PG_HOST=127.0.0.1
PORTAL_PG_PORT="${PORTAL_PG_PORT:-55432}"
PORTAL_PG_USER=portal
PORTAL_PG_PASSWORD=portal
PORTAL_PG_DATABASE="${PORTAL_PG_DATABASE:-communitypartybuilding}"
export PORTAL_PG_PORT

# Repository root = two levels above this file.
PORTAL_REPO_ROOT="${PORTAL_REPO_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"

portal_log() {
    printf '[portal] %s\n' "$*"
}

portal_warn() {
    printf '[portal] WARNING: %s\n' "$*" >&2
}

portal_err() {
    printf '[portal] ERROR: %s\n' "$*" >&2
}

# Run a command as root: directly when we are root, through sudo otherwise.
portal_as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        portal_err "need root (or sudo) to run: $*"
        return 1
    fi
}

# ---------------------------------------------------------------------------
# apt
# ---------------------------------------------------------------------------
_PORTAL_APT_UPDATED="${_PORTAL_APT_UPDATED:-0}"

# portal_apt_install PKG... : install Debian packages non-interactively.
# `apt-get update` runs at most once per process, and only when something is
# actually installed.
portal_apt_install() {
    if [ "$#" -eq 0 ]; then
        return 0
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        portal_err "apt-get not found; please install these packages yourself: $*"
        return 1
    fi
    local -a apt=(env DEBIAN_FRONTEND=noninteractive apt-get -y -q
        -o Dpkg::Lock::Timeout=300 -o Dpkg::Use-Pty=0 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
    if [ "$_PORTAL_APT_UPDATED" != 1 ]; then
        portal_log "apt-get update"
        if ! portal_as_root "${apt[@]}" update </dev/null; then
            portal_warn "apt-get update reported errors; trying to install anyway"
        fi
        _PORTAL_APT_UPDATED=1
    fi
    portal_log "apt-get install $*"
    if ! portal_as_root "${apt[@]}" install --no-install-recommends "$@" </dev/null; then
        portal_err "apt-get install $* failed"
        return 1
    fi
}

# portal_ensure_cjk_fonts: Noto Sans CJK (fonts-noto-cjk) for server-side rendering
# (PDF, charts, screenshots) of Chinese text.
portal_ensure_cjk_fonts() {
    local fonts=""
    if command -v fc-list >/dev/null 2>&1; then
        fonts="$(fc-list 2>/dev/null || true)"
    fi
    if grep -qi "Noto Sans CJK" <<<"$fonts"; then
        return 0
    fi
    portal_log "Noto Sans CJK fonts not found; installing fonts-noto-cjk"
    portal_apt_install fonts-noto-cjk fontconfig || return 1
    fc-cache -f >/dev/null 2>&1 || true
}

# ---------------------------------------------------------------------------
# Docker
# ---------------------------------------------------------------------------

# portal_docker_available: 0 when a Docker engine answers within a few seconds.
# The answer is cached in PORTAL_DOCKER_OK (set it to 0 to force "no Docker").
portal_docker_available() {
    if [ -z "${PORTAL_DOCKER_OK:-}" ]; then
        PORTAL_DOCKER_OK=0
        local -a guard=()
        if command -v timeout >/dev/null 2>&1; then
            guard=(timeout 10)
        elif command -v gtimeout >/dev/null 2>&1; then # macOS with coreutils
            guard=(gtimeout 10)
        fi
        if command -v docker >/dev/null 2>&1 \
            && ${guard[@]+"${guard[@]}"} docker info >/dev/null 2>&1 </dev/null; then
            PORTAL_DOCKER_OK=1
        fi
        export PORTAL_DOCKER_OK
    fi
    [ "$PORTAL_DOCKER_OK" = 1 ]
}

# Runs `docker compose` (plugin) or the legacy `docker-compose` binary.
portal_compose() {
    if docker compose version >/dev/null 2>&1; then
        docker compose -f "$PORTAL_REPO_ROOT/docker-compose.yml" "$@"
    elif command -v docker-compose >/dev/null 2>&1; then
        docker-compose -f "$PORTAL_REPO_ROOT/docker-compose.yml" "$@"
    else
        portal_err "neither 'docker compose' nor 'docker-compose' is available"
        return 1
    fi
}

_portal_pg_export() {
    PORTAL_PG_MODE="$1"
    PORTAL_PG_CONNECTION="Host=${PORTAL_PG_HOST};Port=${PORTAL_PG_PORT};Database=${PORTAL_PG_DATABASE};Username=${PORTAL_PG_USER};Password=${PORTAL_PG_PASSWORD}"
    PORTAL_PG_ADMIN_CONNECTION="Host=${PORTAL_PG_HOST};Port=${PORTAL_PG_PORT};Username=${PORTAL_PG_USER};Password=${PORTAL_PG_PASSWORD};Database=postgres"
    PORTAL_PG_URL="postgresql://${PORTAL_PG_USER}:${PORTAL_PG_PASSWORD}@${PORTAL_PG_HOST}:${PORTAL_PG_PORT}/${PORTAL_PG_DATABASE}"
    export PORTAL_PG_MODE PORTAL_PG_HOST PORTAL_PG_PORT PORTAL_PG_USER PORTAL_PG_PASSWORD \
        PORTAL_PG_DATABASE PORTAL_PG_CONNECTION PORTAL_PG_ADMIN_CONNECTION PORTAL_PG_URL
}

# portal_pg_ensure_docker: start the compose `db` service and wait until it is ready.
portal_pg_ensure_docker() {
    portal_log "PostgreSQL: using Docker (docker compose service 'db', 127.0.0.1:${PORTAL_PG_PORT})"
    if [ ! -f "$PORTAL_REPO_ROOT/docker-compose.yml" ]; then
        portal_err "missing $PORTAL_REPO_ROOT/docker-compose.yml"
        return 1
    fi
    portal_compose up -d db </dev/null || {
        portal_err "docker compose up -d db failed"
        return 1
    }
    local deadline=$((SECONDS + ${PORTAL_PG_WAIT_SECONDS:-120}))
    # -h 127.0.0.1: the image's first-start init server listens on the socket only,
    # so TCP readiness means the real server is up.
    until portal_compose exec -T db pg_isready -q -h 127.0.0.1 -p 5432 \
        -U "$PORTAL_PG_USER" -d "$PORTAL_PG_DATABASE" </dev/null >/dev/null 2>&1; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            portal_err "PostgreSQL container did not become ready; recent logs:"
            portal_compose logs --tail 50 db >&2 || true
            return 1
        fi
        sleep 1
    done
    _portal_pg_export docker
    portal_log "PostgreSQL ready (docker): ${PORTAL_PG_URL}"
}

# ---------------------------------------------------------------------------
# Local cluster
# ---------------------------------------------------------------------------

# Prints the bin directory of the highest installed PostgreSQL major version.
portal_pg_bindir() {
    local initdb
    initdb="$(printf '%s\n' /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)"
    [ -n "$initdb" ] && [ -x "$initdb" ] || return 1
    dirname "$initdb"
}

# Runs a command as the cluster owner: `postgres` when we are root (the server
# refuses to run as root), the current user otherwise.
# Runs from / so that the postgres user never trips over an unreadable working directory.
_portal_pg_as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && "$@")
    fi
}

_portal_pg_paths() {
    PORTAL_PGDATA="${PORTAL_PGDATA:-/var/tmp/communitypartybuilding-pg}"
    _PORTAL_PG_DATADIR="$PORTAL_PGDATA/data"
    _PORTAL_PG_SOCKDIR="$PORTAL_PGDATA/run"
    _PORTAL_PG_LOGFILE="$PORTAL_PGDATA/log/postgresql.log"
    export PORTAL_PGDATA
}

# Installs the server packages when no initdb/pg_ctl can be found.
_portal_pg_install_server() {
    if portal_pg_bindir >/dev/null; then
        return 0
    fi
    portal_log "PostgreSQL server binaries not found; installing them"
    # Do not let the package create and start the Debian default cluster; we use our own.
    if [ "$(id -u)" -eq 0 ] && [ ! -e /etc/postgresql-common/createcluster.conf ]; then
        mkdir -p /etc/postgresql-common/createcluster.d
        printf 'create_main_cluster = false\n' >/etc/postgresql-common/createcluster.d/portal-no-main.conf
    fi
    portal_apt_install postgresql || portal_apt_install postgresql-15 || return 1
    portal_pg_bindir >/dev/null || {
        portal_err "PostgreSQL installed but no /usr/lib/postgresql/*/bin/initdb found"
        return 1
    }
}

# Creates the directory tree with the right owner and the cluster itself (once).
_portal_pg_init() {
    local bindir="$1"
    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
        portal_log "creating system user 'postgres'"
        useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres || return 1
    fi
    mkdir -p "$PORTAL_PGDATA" "$_PORTAL_PG_SOCKDIR" "$(dirname "$_PORTAL_PG_LOGFILE")" || return 1
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres: "$PORTAL_PGDATA" "$_PORTAL_PG_SOCKDIR" "$(dirname "$_PORTAL_PG_LOGFILE")" || return 1
        chmod 0755 "$PORTAL_PGDATA" || return 1
        if ! runuser -u postgres -- test -w "$PORTAL_PGDATA"; then
            portal_err "user 'postgres' cannot write $PORTAL_PGDATA (is a parent directory private?); set PORTAL_PGDATA elsewhere"
            return 1
        fi
    fi
    chmod 0755 "$_PORTAL_PG_SOCKDIR" || return 1

    if [ -s "$_PORTAL_PG_DATADIR/PG_VERSION" ]; then
        local have want
        have="$(cat "$_PORTAL_PG_DATADIR/PG_VERSION")"
        want="$(basename "$(dirname "$bindir")")"
        if [ "$have" != "$want" ]; then
            portal_warn "cluster in $_PORTAL_PG_DATADIR is version $have, newest binaries are $want; using version $have"
            if [ -x "/usr/lib/postgresql/$have/bin/pg_ctl" ]; then
                _PORTAL_PG_BINDIR="/usr/lib/postgresql/$have/bin"
            else
                portal_err "PostgreSQL $have binaries are missing; remove $PORTAL_PGDATA to start over"
                return 1
            fi
        fi
        return 0
    fi

    portal_log "initdb: new cluster in $_PORTAL_PG_DATADIR ($("$bindir/postgres" --version))"
    if [ -d "$_PORTAL_PG_DATADIR" ]; then
        # Left over from an interrupted initdb: no PG_VERSION, so nothing worth keeping.
        rm -rf "$_PORTAL_PG_DATADIR" || return 1
    fi
    local -a initdb=("$bindir/initdb" -D "$_PORTAL_PG_DATADIR" -E UTF8
        --auth-local=peer --auth-host=scram-sha-256)
    if ! _portal_pg_as_owner "${initdb[@]}" --locale=C.UTF-8 >/dev/null; then
        portal_warn "initdb with locale C.UTF-8 failed; retrying with locale C (encoding UTF8)"
        rm -rf "$_PORTAL_PG_DATADIR"
        _portal_pg_as_owner "${initdb[@]}" --locale=C >/dev/null || {
            portal_err "initdb failed"
            return 1
        }
    fi
}

# (Re)writes our settings; they take effect at the next server start.
_portal_pg_configure() {
    _PORTAL_PG_CONF_CHANGED=0
    local conf="$_PORTAL_PG_DATADIR/portal.conf" tmp
    tmp="$(mktemp)" || return 1
    cat >"$tmp" <<EOF
# Written by scripts/lib/postgres.sh on every run; edit that script instead.
listen_addresses = '127.0.0.1'
port = ${PORTAL_PG_PORT}
unix_socket_directories = '${_PORTAL_PG_SOCKDIR}'
password_encryption = 'scram-sha-256'
max_connections = 200
shared_buffers = '128MB'
work_mem = '8MB'
maintenance_work_mem = '64MB'
synchronous_commit = off
max_wal_size = '1GB'
checkpoint_timeout = '15min'
ssl = off
lc_messages = 'C'
log_min_messages = warning
log_line_prefix = '%m [%p] %q%u@%d '
EOF
    cat >"$tmp.hba" <<'EOF'
# Written by scripts/lib/postgres.sh. TYPE DATABASE USER ADDRESS METHOD
local   all       all                 peer
host    all       all   127.0.0.1/32  scram-sha-256
host    all       all   ::1/128       scram-sha-256
EOF
    local rc=0
    _portal_pg_install_file "$tmp" "$conf" 0600 || rc=1
    _portal_pg_install_file "$tmp.hba" "$_PORTAL_PG_DATADIR/pg_hba.conf" 0600 || rc=1
    rm -f "$tmp" "$tmp.hba"
    [ "$rc" -eq 0 ] || return 1
    if ! grep -q "^include_if_exists = 'portal.conf'" "$_PORTAL_PG_DATADIR/postgresql.conf"; then
        printf "\n# Portal settings (scripts/lib/postgres.sh)\ninclude_if_exists = 'portal.conf'\n" \
            >>"$_PORTAL_PG_DATADIR/postgresql.conf" || return 1
    fi
}

_portal_pg_install_file() {
    local src="$1" dest="$2" mode="$3"
    if [ -f "$dest" ] && cmp -s "$src" "$dest"; then
        return 0
    fi
    _PORTAL_PG_CONF_CHANGED=1
    cp "$src" "$dest" || return 1
    chmod "$mode" "$dest" || return 1
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres: "$dest" || return 1
    fi
}

_portal_pg_is_ready() {
    "$_PORTAL_PG_BINDIR/pg_isready" -q -h "$_PORTAL_PG_SOCKDIR" -p "$PORTAL_PG_PORT" -t 2 >/dev/null 2>&1
}

# Starts the server unless it is already running; copes with a stale postmaster.pid.
_portal_pg_start() {
    local pidfile="$_PORTAL_PG_DATADIR/postmaster.pid" pid status=0
    _portal_pg_as_owner "$_PORTAL_PG_BINDIR/pg_ctl" -D "$_PORTAL_PG_DATADIR" status >/dev/null 2>&1 || status=$?
    pid="$(head -n 1 "$pidfile" 2>/dev/null || true)"
    if [ "$status" -eq 0 ] && ! tr '\0' ' ' <"/proc/${pid:-0}/cmdline" 2>/dev/null | grep -q postgres; then
        # The PID in the lock file now belongs to some other process (after a reboot).
        portal_warn "removing stale $pidfile (pid ${pid:-?} is not a postmaster)"
        rm -f "$pidfile" || return 1
    elif [ "$status" -eq 0 ]; then
        # A postmaster is alive. Give a server that is still starting a moment.
        for _ in $(seq 1 60); do
            if _portal_pg_is_ready; then
                if [ "${_PORTAL_PG_CONF_CHANGED:-0}" = 1 ]; then
                    portal_log "settings changed: reloading (port/socket/memory changes need a restart: portal_pg_stop_local)"
                    _portal_pg_as_owner "$_PORTAL_PG_BINDIR/pg_ctl" -D "$_PORTAL_PG_DATADIR" reload >/dev/null || return 1
                fi
                return 0
            fi
            sleep 1
        done
        portal_err "PostgreSQL (pid $pid) is running but not accepting connections on ${_PORTAL_PG_SOCKDIR}; see $_PORTAL_PG_LOGFILE"
        return 1
    elif [ "$status" -eq 3 ] && [ -f "$pidfile" ]; then
        # "no server running" although a lock file exists: left over from a crash or reboot.
        # (The server would cope too, but a PID reused after a reboot can fool it.)
        portal_log "removing stale $pidfile"
        rm -f "$pidfile" || return 1
    elif [ "$status" -ne 3 ]; then
        portal_err "pg_ctl status failed (exit $status) for $_PORTAL_PG_DATADIR"
        return 1
    fi

    portal_log "starting PostgreSQL on 127.0.0.1:${PORTAL_PG_PORT} (log: $_PORTAL_PG_LOGFILE)"
    if [ "$(id -u)" -eq 0 ]; then
        touch "$_PORTAL_PG_LOGFILE" || return 1
        chown postgres: "$_PORTAL_PG_LOGFILE" || return 1
    fi
    if ! _portal_pg_as_owner "$_PORTAL_PG_BINDIR/pg_ctl" -D "$_PORTAL_PG_DATADIR" \
        -l "$_PORTAL_PG_LOGFILE" -w -t 90 start >/dev/null; then
        portal_err "PostgreSQL failed to start; last lines of $_PORTAL_PG_LOGFILE:"
        tail -n 30 "$_PORTAL_PG_LOGFILE" >&2 || true
        return 1
    fi
    for _ in $(seq 1 30); do
        if _portal_pg_is_ready; then
            return 0
        fi
        sleep 1
    done
    portal_err "PostgreSQL started but is not ready; see $_PORTAL_PG_LOGFILE"
    return 1
}

# Creates/updates role `portal` (LOGIN CREATEDB, password portal) and its database.
_portal_pg_bootstrap() {
    _portal_pg_as_owner "$_PORTAL_PG_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 \
        -h "$_PORTAL_PG_SOCKDIR" -p "$PORTAL_PG_PORT" -d postgres >/dev/null <<EOF
SET client_min_messages = warning;
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${PORTAL_PG_USER}') THEN
        CREATE ROLE ${PORTAL_PG_USER} LOGIN CREATEDB PASSWORD '${PORTAL_PG_PASSWORD}';
    ELSE
        ALTER ROLE ${PORTAL_PG_USER} LOGIN CREATEDB PASSWORD '${PORTAL_PG_PASSWORD}';
    END IF;
END
\$\$;
SELECT format('CREATE DATABASE %I OWNER %I ENCODING ''UTF8'' TEMPLATE template0',
              '${PORTAL_PG_DATABASE}', '${PORTAL_PG_USER}')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '${PORTAL_PG_DATABASE}')
\gexec
EOF
}

# portal_pg_ensure_local: private cluster on 127.0.0.1:$PORTAL_PG_PORT (not the Debian
# default cluster). Idempotent: a no-op apart from checks when it is already up.
portal_pg_ensure_local() {
    _portal_pg_paths
    portal_log "PostgreSQL: using local cluster in $PORTAL_PGDATA (127.0.0.1:${PORTAL_PG_PORT})"
    if [ "$(id -u)" -ne 0 ] && [ -d "$PORTAL_PGDATA/data" ] && [ ! -O "$PORTAL_PGDATA/data" ]; then
        portal_err "$PORTAL_PGDATA/data belongs to another user; run as root or set PORTAL_PGDATA"
        return 1
    fi
    _portal_pg_install_server || return 1
    _PORTAL_PG_BINDIR="$(portal_pg_bindir)" || return 1
    _portal_pg_init "$_PORTAL_PG_BINDIR" || return 1
    _portal_pg_configure || return 1
    _portal_pg_start || return 1
    _portal_pg_bootstrap || {
        portal_err "could not create role/database in the local cluster"
        return 1
    }
    _portal_pg_export local
    # Check the way the app and the tests connect: TCP + password.
    if ! PGPASSWORD="$PORTAL_PG_PASSWORD" PGCONNECT_TIMEOUT=5 "$_PORTAL_PG_BINDIR/psql" -X -q -At \
        -h "$PORTAL_PG_HOST" -p "$PORTAL_PG_PORT" -U "$PORTAL_PG_USER" -d "$PORTAL_PG_DATABASE" \
        -c 'select 1' </dev/null >/dev/null; then
        portal_err "cannot log in as ${PORTAL_PG_USER} over TCP; is another server holding port ${PORTAL_PG_PORT}?"
        return 1
    fi
    portal_log "PostgreSQL ready (local): ${PORTAL_PG_URL}"
}

# portal_pg_stop_local: stop the private cluster (no-op when it is not running).
portal_pg_stop_local() {
    _portal_pg_paths
    _PORTAL_PG_BINDIR="$(portal_pg_bindir)" || return 0
    [ -f "$_PORTAL_PG_DATADIR/postmaster.pid" ] || return 0
    portal_log "stopping local PostgreSQL in $_PORTAL_PG_DATADIR"
    _portal_pg_as_owner "$_PORTAL_PG_BINDIR/pg_ctl" -D "$_PORTAL_PG_DATADIR" -m fast -w stop >/dev/null
}

# portal_pg_ensure: pick Docker or local (PORTAL_PG_MODE=auto|docker|local, default auto).
portal_pg_ensure() {
    case "${PORTAL_PG_MODE:-auto}" in
        docker) portal_pg_ensure_docker ;;
        local) portal_pg_ensure_local ;;
        auto | "")
            if portal_docker_available; then
                portal_pg_ensure_docker
            else
                portal_log "no Docker engine answers; using a local PostgreSQL cluster"
                portal_pg_ensure_local
            fi
            ;;
        *)
            portal_err "PORTAL_PG_MODE must be auto, docker or local (got '${PORTAL_PG_MODE}')"
            return 1
            ;;
    esac
}
