#!/usr/bin/env bash
# Run the performance benchmarks and write their reports into docs/benchmarks/ (read docs/performance.md).
#
#   scripts/bench.sh                      # everything: about 5 minutes on 2 cores (longer when the machine is busy)
#   scripts/bench.sh --sql-only           # only the SQL / EXPLAIN / index report (seconds)
#   scripts/bench.sh --quick              # that and the interleaved timings, without BenchmarkDotNet (a minute)
#   scripts/bench.sh --filter '*Api*'     # other arguments go to BenchmarkDotNet
#   scripts/bench.sh ballots 60 32        # ballot load (issue #6): 60 s, 32 clients → docs/benchmarks/ballot-load.md
#   scripts/bench.sh --dashboard          # only the dashboard (500,000 activities in the street): about 5 minutes
#   scripts/bench.sh --reports            # only the PDF reports (issue #7; no database needed): about 1 minute
#   scripts/bench.sh overload 30 200      # overload (issue #18): 200 clients, 30 s per scenario, 6 scenarios → docs/benchmarks/overload.md
#   scripts/bench.sh overload 15 50 probe 4  # one overload scenario (0–5) profiled: SQL per request, server vs client time, thread pool (printed only)
#   scripts/bench.sh --circuits           # open Blazor circuits (issue #18): the portal as its own process under 4 GC
#                                         # configurations, 50/100/200 Chromium pages each, then HTTP loads on the same
#                                         # process and the memory after them; about 13-20 minutes per configuration
#                                         # (PORTAL_BENCH_CIRCUIT_CONFIGS=default,1gb and PORTAL_BENCH_CIRCUIT_LEVELS=50 narrow it,
#                                         # PORTAL_BENCH_CIRCUIT_HTTP_LOAD=0 leaves out the HTTP loads; Chromium needs about
#                                         # 9 GB for 200 pages)
#
# Only a plain run (no arguments) replaces the reports in docs/benchmarks/; a partial run leaves its results in
# artifacts/benchmarks/results/ so that the committed figures always come from one complete run.
#
# Not part of the test suite: scripts/test.sh builds the benchmark project with the solution but never runs it.
# The benchmark creates its own database (cpb_bench_<timestamp>, dropped at the end; PORTAL_BENCH_KEEP_DB=1 keeps it),
# starts the portal in-process on 127.0.0.1 (ephemeral port), and stops by itself: BenchmarkDotNet runs a bounded
# number of iterations, and PORTAL_BENCH_TIMEOUT (default 30m) ends a run that hangs.
#
# PostgreSQL: PORTAL_BENCH_POSTGRES if set (an Npgsql connection string to a server where the user may
# CREATE DATABASE); otherwise portal_pg_ensure (scripts/lib/postgres.sh: Docker when an engine answers, else the
# private local cluster on 127.0.0.1:55432) and its admin connection.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib/postgres.sh
source "$ROOT/scripts/lib/postgres.sh"

PROJECT="benchmarks/CommunityPartyBuilding.Benchmarks"
ARTIFACTS="$ROOT/artifacts/benchmarks"
DOCS="$ROOT/docs/benchmarks"
TIMEOUT="${PORTAL_BENCH_TIMEOUT:-30m}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_CLI_UI_LANGUAGE=en

if ! command -v dotnet >/dev/null 2>&1; then
    portal_err "the .NET SDK (dotnet) is not on PATH; install the SDK named in global.json"
    exit 1
fi

if [ "$*" = "--reports" ]; then
    portal_log "reports only: no PostgreSQL needed"
elif [ -n "${PORTAL_BENCH_POSTGRES:-}" ]; then
    portal_log "PostgreSQL: using PORTAL_BENCH_POSTGRES from the environment"
else
    portal_pg_ensure
    export PORTAL_BENCH_POSTGRES="$PORTAL_PG_ADMIN_CONNECTION"
    portal_log "PORTAL_BENCH_POSTGRES=${PORTAL_BENCH_POSTGRES}"
fi

portal_log "dotnet build $PROJECT -c Release"
dotnet build "$ROOT/$PROJECT" -c Release

rm -rf "$ARTIFACTS"
mkdir -p "$ARTIFACTS"
portal_log "running the benchmarks (bounded; timeout $TIMEOUT)"
started=$SECONDS
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
# From the output folder: WebApplicationFactory and BenchmarkDotNet both look next to the assembly.
(
    cd "$ROOT/$PROJECT/bin/Release/net10.0"
    timeout --signal=INT --kill-after=60s "$TIMEOUT" dotnet CommunityPartyBuilding.Benchmarks.dll "$@"
)
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
elapsed="$(((SECONDS - started) / 60))m$(((SECONDS - started) % 60))s"
portal_log "benchmarks finished in $elapsed (load average before: $load_before, after: $load_after)"

results="$ARTIFACTS/results"
dashboard_only=0
reports_only=0
if [ "$*" = "--circuits" ]; then
    mkdir -p "$DOCS"
    cp "$results/circuits.md" "$DOCS/circuits.md"
    portal_log "circuits: docs/benchmarks/circuits.md"
    exit 0
elif [ "$*" = "--dashboard" ]; then
    dashboard_only=1
elif [ "$*" = "--reports" ]; then
    reports_only=1
elif [ "${1:-}" = "overload" ] || [ "${1:-}" = "ballots" ]; then
    portal_log "${1} run: its report is in docs/benchmarks/"
    exit 0
elif [ "$#" -gt 0 ]; then
    portal_log "partial run ($*): results in ${results#"$ROOT"/}/, docs/benchmarks/ left as it was"
    exit 0
fi

# The machine, next to the figures it produced.
{
    echo "# Machine of the last scripts/bench.sh run"
    echo
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- Commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD -- . ':!docs' ':!README.md' 2>/dev/null || echo ' (with uncommitted changes)')"
    echo "- CPU: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || echo unknown))"
    echo "- Kernel: $(uname -sr)"
    echo "- Run: $elapsed; load average (1, 5, 15 min) before $load_before, after $load_after"
    echo "- .NET SDK: $(dotnet --version)"
    pg_version="$(grep -h -m1 -o 'PostgreSQL [0-9.]* ([^)]*)' "$results/unit-list-sql.md" "$results/dashboard-sql.md" 2>/dev/null | head -1 || true)"
    if [ "$reports_only" = 1 ]; then
        echo "- PostgreSQL: not used (the reports benchmark renders from generated data)"
    else
        echo "- PostgreSQL: ${pg_version:-unknown}, same machine"
    fi
    echo
    echo '`free -h`:'
    echo
    echo '```'
    free -h
    echo '```'
} > "$ARTIFACTS/machine.md"

mkdir -p "$DOCS"
# The reports' figures (issue #7; both a plain run and --reports produce them).
cp "$results/report-render.md" "$DOCS/report-render.md"
cp "$results/CommunityPartyBuilding.Benchmarks.ReportBenchmarks-report-github.md" "$DOCS/report-benchmark.md"
if [ "$reports_only" = 1 ]; then
    cp "$ARTIFACTS/machine.md" "$DOCS/report-machine.md"
    cat "$DOCS/report-benchmark.md"
    portal_log "reports: docs/benchmarks/report-benchmark.md, report-render.md, report-machine.md"
    exit 0
fi

# The dashboard's figures (both kinds of complete run produce them).
cp "$results/dashboard-sql.md" "$DOCS/dashboard-sql.md"
cp "$results/dashboard-interleaved.md" "$DOCS/dashboard-interleaved.md"
cp "$results/CommunityPartyBuilding.Benchmarks.DashboardBenchmarks-report-github.md" "$DOCS/dashboard-report.md"
if [ "$dashboard_only" = 1 ]; then
    cp "$ARTIFACTS/machine.md" "$DOCS/dashboard-machine.md"
    cat "$DOCS/dashboard-report.md"
    portal_log "dashboard: docs/benchmarks/dashboard-report.md, dashboard-sql.md, dashboard-interleaved.md, dashboard-machine.md"
    exit 0
fi
cp "$ARTIFACTS/machine.md" "$DOCS/machine.md"

cp "$results/unit-list-sql.md" "$DOCS/unit-list-sql.md"
cp "$results/unit-list-interleaved.md" "$DOCS/unit-list-interleaved.md"
cp "$results/CommunityPartyBuilding.Benchmarks.UnitListBenchmarks-report-github.md" "$DOCS/unit-list-report.md"
cat "$DOCS/unit-list-report.md"
portal_log "BenchmarkDotNet report: docs/benchmarks/unit-list-report.md"
portal_log "SQL and plans: docs/benchmarks/unit-list-sql.md; interleaved medians: docs/benchmarks/unit-list-interleaved.md;"
portal_log "machine: docs/benchmarks/machine.md"
