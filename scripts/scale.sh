#!/usr/bin/env bash
# Two portal instances behind nginx on a machine without Docker (docs/operations.md, "Two or more instances").
#
#   scripts/scale.sh                 # PostgreSQL, instances a and b on 127.0.0.1:5081/5082, nginx on :5080; Ctrl+C stops
#   scripts/scale.sh --check         # the same on other ports (5180-5182, a private cluster on 55433), then the scale
#                                    # checks (tests/...IntegrationTests, category Scale), then everything is stopped
#   scripts/scale.sh stop            # stops what a previous run left (instances, nginx; the cluster of --check)
#   scripts/scale.sh instance-stop a|b  / instance-start a|b   # used by the checks: one instance down and up again
#   scripts/scale.sh db-stop / db-start                        # used by the checks: PostgreSQL down and up again
#
# With a Docker engine, `docker compose --profile scale up --build` runs the same set-up in containers.
# nginx comes from Debian's package (installed when missing); it runs as its own process with a configuration
# generated from scripts/nginx/portal.conf.template into artifacts/scale/, not as the system service.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

MODE="${1:-run}"
CHECK=0
if [ "$MODE" = "--check" ]; then
    CHECK=1
fi

# --check keeps away from a demo (scripts/run.sh on 5080, its cluster on 55432): its own ports and cluster, because it
# stops and restarts that cluster on purpose.
if [ "$CHECK" = 1 ] || [ -f "$ROOT/artifacts/scale/check" ]; then
    export PORTAL_PG_MODE=local
    export PORTAL_PG_PORT="${PORTAL_SCALE_PG_PORT:-55433}"
    export PORTAL_PGDATA="${PORTAL_SCALE_PGDATA:-/var/tmp/communitypartybuilding-pg-scale}"
    PROXY_PORT="${PORTAL_SCALE_PORT:-5180}"
else
    PROXY_PORT="${PORTAL_SCALE_PORT:-5080}"
fi
PORT_A=$((PROXY_PORT + 1))
PORT_B=$((PROXY_PORT + 2))
STATE="$ROOT/artifacts/scale"
WEB="$ROOT/src/CommunityPartyBuilding.Web"
DLL="$WEB/bin/Release/net10.0/CommunityPartyBuilding.Web.dll"

# shellcheck source=scripts/lib/postgres.sh
source "$ROOT/scripts/lib/postgres.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

instance_port() {
    case "$1" in
        a) echo "$PORT_A" ;;
        b) echo "$PORT_B" ;;
        *) portal_err "instance must be a or b (got '$1')"; return 1 ;;
    esac
}

wait_ready() { # URL SECONDS
    local deadline=$((SECONDS + $2))
    until curl -fs -o /dev/null --max-time 5 "$1/health/ready"; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            return 1
        fi
        sleep 1
    done
}

# instance_start NAME [seed]: one portal process on 127.0.0.1:PORT, logging to artifacts/scale/NAME.log.
instance_start() {
    local name="$1" seed="${2:-}" port
    port="$(instance_port "$name")"
    mkdir -p "$STATE"
    (
        cd "$WEB"
        export ASPNETCORE_ENVIRONMENT=Development
        export ConnectionStrings__Portal="$PORTAL_PG_CONNECTION"
        export Portal__PublicBaseUrl="http://localhost:${PROXY_PORT}"
        export Portal__Proxy__KnownProxies__0=127.0.0.1
        export Portal__Proxy__InstanceName="$name"
        export Portal__MigrateOnStartup=false Portal__SeedDemoData=false
        if [ "$seed" = seed ]; then
            # Only the first instance migrates and seeds; the second starts once the database is ready.
            export Portal__MigrateOnStartup=true Portal__SeedDemoData=true
        fi
        if [ "$CHECK" = 1 ] || [ -f "$STATE/check" ]; then
            # The checks want the first reminder pass soon; every other setting (rate limits included) is production's.
            export Portal__Reminders__StartDelaySeconds=5
        fi
        exec dotnet "$DLL" --urls "http://127.0.0.1:${port}" </dev/null >>"$STATE/$name.log" 2>&1
    ) &
    echo $! >"$STATE/$name.pid"
    portal_log "instance $name: http://127.0.0.1:${port} (pid $(cat "$STATE/$name.pid"), log artifacts/scale/$name.log)"
    if ! wait_ready "http://127.0.0.1:${port}" 240; then
        portal_err "instance $name did not become ready; last lines of its log:"
        tail -n 40 "$STATE/$name.log" >&2 || true
        return 1
    fi
}

instance_stop() {
    local name="$1" pid
    [ -f "$STATE/$name.pid" ] || return 0
    pid="$(cat "$STATE/$name.pid")"
    if kill -0 "$pid" 2>/dev/null; then
        portal_log "stopping instance $name (pid $pid)"
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 30); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$STATE/$name.pid"
}

nginx_start() {
    if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
        portal_log "nginx not found; installing Debian's nginx"
        # Do not let the package start the system service on port 80.
        if [ "$(id -u)" -eq 0 ] && [ ! -e /usr/sbin/policy-rc.d ]; then
            printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
            portal_apt_install nginx-light || portal_apt_install nginx || { rm -f /usr/sbin/policy-rc.d; return 1; }
            rm -f /usr/sbin/policy-rc.d
        else
            portal_apt_install nginx-light || portal_apt_install nginx || return 1
        fi
    fi
    local nginx
    nginx="$(command -v nginx || echo /usr/sbin/nginx)"
    mkdir -p "$STATE/nginx/temp" "$STATE/nginx/logs"
    sed -e "s/\${PORTAL_INSTANCE_A}/127.0.0.1:${PORT_A}/" \
        -e "s/\${PORTAL_INSTANCE_B}/127.0.0.1:${PORT_B}/" \
        -e "s/\${PORTAL_PROXY_LISTEN}/127.0.0.1:${PROXY_PORT}/" \
        "$ROOT/scripts/nginx/portal.conf.template" >"$STATE/nginx/portal.conf"
    cat >"$STATE/nginx/nginx.conf" <<EOF
# Generated by scripts/scale.sh; edit scripts/nginx/portal.conf.template instead.
worker_processes 2;
pid $STATE/nginx/nginx.pid;
error_log $STATE/nginx/logs/error.log warn;
events { worker_connections 2048; }
http {
    access_log $STATE/nginx/logs/access.log;
    client_body_temp_path $STATE/nginx/temp/body;
    proxy_temp_path $STATE/nginx/temp/proxy;
    fastcgi_temp_path $STATE/nginx/temp/fastcgi;
    uwsgi_temp_path $STATE/nginx/temp/uwsgi;
    scgi_temp_path $STATE/nginx/temp/scgi;
    default_type application/octet-stream;
    include $STATE/nginx/portal.conf;
}
EOF
    "$nginx" -t -q -p "$STATE/nginx" -c "$STATE/nginx/nginx.conf"
    "$nginx" -p "$STATE/nginx" -c "$STATE/nginx/nginx.conf"
    portal_log "nginx: http://localhost:${PROXY_PORT} -> instances a (:${PORT_A}) and b (:${PORT_B})"
}

nginx_stop() {
    [ -f "$STATE/nginx/nginx.pid" ] || return 0
    local pid
    pid="$(cat "$STATE/nginx/nginx.pid")"
    kill -QUIT "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.25
    done
    rm -f "$STATE/nginx/nginx.pid"
}

stop_all() {
    instance_stop a
    instance_stop b
    nginx_stop
    if [ -f "$STATE/check" ]; then
        portal_pg_stop_local || true
        rm -f "$STATE/check"
    fi
}

start_all() {
    stop_all
    mkdir -p "$STATE"
    rm -f "$STATE"/*.log
    if [ "$CHECK" = 1 ]; then
        touch "$STATE/check"
        # A fresh database each time: the checks count ballots and notifications.
        export PORTAL_PG_DATABASE=communitypartybuilding_scale
        portal_pg_ensure
        PGPASSWORD="$PORTAL_PG_PASSWORD" "$(portal_pg_bindir)/psql" -X -q -h "$PORTAL_PG_HOST" -p "$PORTAL_PG_PORT" \
            -U "$PORTAL_PG_USER" -d postgres -c "DROP DATABASE IF EXISTS communitypartybuilding_scale WITH (FORCE)" \
            -c "CREATE DATABASE communitypartybuilding_scale" >/dev/null
    else
        portal_pg_ensure
    fi
    portal_ensure_cjk_fonts || portal_warn "could not install fonts-noto-cjk; Chinese text in PDFs may render as boxes"
    if [ ! -f "$DLL" ] || [ "${PORTAL_SCALE_BUILD:-1}" = 1 ]; then
        portal_log "dotnet build src/CommunityPartyBuilding.Web -c Release"
        dotnet build "$WEB" -c Release -v quiet -nologo >/dev/null
    fi
    instance_start a seed
    instance_start b
    nginx_start
    wait_ready "http://127.0.0.1:${PROXY_PORT}" 30
}

case "$MODE" in
    run)
        trap 'stop_all' EXIT
        trap 'exit 130' INT TERM
        start_all
        portal_log "Portal (two instances): http://localhost:${PROXY_PORT}  — demo accounts as in README.md. Ctrl+C stops."
        while sleep 3600; do :; done
        ;;
    --check)
        trap 'stop_all' EXIT
        export PORTAL_SCALE_BUILD="${PORTAL_SCALE_BUILD:-0}"
        start_all
        # Every variable the checks need; the checks call this script back to stop and start an instance or the database.
        export PORTAL_SCALE_PROXY="http://localhost:${PROXY_PORT}"
        export PORTAL_SCALE_INSTANCE_A="http://127.0.0.1:${PORT_A}"
        export PORTAL_SCALE_INSTANCE_B="http://127.0.0.1:${PORT_B}"
        export PORTAL_SCALE_DATABASE="$PORTAL_PG_CONNECTION"
        export PORTAL_SCALE_CTL="$ROOT/scripts/scale.sh"
        portal_log "running the scale checks against ${PORTAL_SCALE_PROXY}"
        results=()
        if [ -n "${PORTAL_SCALE_RESULTS:-}" ]; then
            # scripts/test.sh counts these with the rest of the suite.
            results=(--logger "trx;LogFileName=Scale.trx" --results-directory "$PORTAL_SCALE_RESULTS")
        fi
        dotnet test "$ROOT/tests/CommunityPartyBuilding.IntegrationTests" -c Release --no-build \
            --filter "Category=Scale" --logger "console;verbosity=normal" ${results[@]+"${results[@]}"}
        ;;
    stop) stop_all ;;
    instance-stop) instance_stop "${2:?instance a or b}" ;;
    instance-start)
        if [ -f "$STATE/check" ]; then
            export PORTAL_PG_DATABASE=communitypartybuilding_scale
            _portal_pg_export local
        else
            portal_pg_ensure >/dev/null
        fi
        instance_start "${2:?instance a or b}"
        ;;
    db-stop) portal_pg_stop_local ;;
    db-start) portal_pg_ensure_local >/dev/null ;;
    *)
        portal_err "usage: scripts/scale.sh [--check | stop | instance-stop a|b | instance-start a|b | db-stop | db-start]"
        exit 2
        ;;
esac
