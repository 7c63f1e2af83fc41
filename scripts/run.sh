#!/usr/bin/env bash
# Run the portal locally with demo data.
#
#   scripts/run.sh                 # http://localhost:5080
#   PORTAL_URL=http://localhost:5090 scripts/run.sh
#
# PostgreSQL comes from `docker compose up -d db` when a Docker engine answers, otherwise
# from a private local cluster on 127.0.0.1:55432 (see scripts/lib/postgres.sh;
# PORTAL_PG_MODE=local|docker forces one). Extra arguments are passed to the app.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib/postgres.sh
source "$ROOT/scripts/lib/postgres.sh"

PORTAL_URL="${PORTAL_URL:-http://localhost:5080}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null 2>&1; then
    portal_err "the .NET SDK (dotnet) is not on PATH; install the SDK named in global.json"
    exit 1
fi

portal_pg_ensure
portal_ensure_cjk_fonts || portal_warn "could not install fonts-noto-cjk; Chinese text in generated documents may render as boxes"

export ConnectionStrings__Portal="$PORTAL_PG_CONNECTION"
export Portal__MigrateOnStartup=true
export Portal__SeedDemoData=true
# The address printed in issued PDFs' verification links (never taken from the request's Host header).
export Portal__PublicBaseUrl="${Portal__PublicBaseUrl:-$PORTAL_URL}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

portal_log "starting the portal (dotnet run -c Release; the first build takes a minute)"
portal_log "URL:      ${PORTAL_URL}"
portal_log "Database: ${PORTAL_PG_URL} (${PORTAL_PG_MODE})"
portal_log "Demo accounts (password Demo#2026pass): admin@example.org, orgdept@example.org,"
portal_log "          staff.donghu@example.org, staff.xicheng@example.org"
portal_log "Stop with Ctrl+C."

# --no-launch-profile: the environment above, not Properties/launchSettings.json, decides.
exec dotnet run -c Release --no-launch-profile --project "$ROOT/src/CommunityPartyBuilding.Web" \
    -- --urls "$PORTAL_URL" "$@"
