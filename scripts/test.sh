#!/usr/bin/env bash
# Build the solution once and run every test project (unit tests first).
#
#   scripts/test.sh                       # everything
#   scripts/test.sh --filter 'FullyQualifiedName~Committee'   # extra args go to each `dotnet test`
#
# PostgreSQL for the integration tests:
#   * PORTAL_TEST_POSTGRES already set  -> used as is (an Npgsql connection string to a server
#                                          where the user may CREATE DATABASE).
#   * a Docker engine answers           -> PORTAL_TEST_POSTGRES stays unset: Testcontainers
#                                          starts its own PostgreSQL.
#   * no Docker, or PORTAL_TEST_LOCAL_PG=1 -> private local cluster on 127.0.0.1:55432
#                                          (scripts/lib/postgres.sh), and PORTAL_TEST_POSTGRES
#                                          points at it.
# Other knobs: PORTAL_TEST_HANG_TIMEOUT (default 20m; a test that hangs that long is killed,
# empty or 0 disables), PORTAL_PGDATA (local cluster location), PORTAL_TEST_CLOCK (pin the tests' and the app's
# clock: a date or an ISO instant), PORTAL_TEST_PINNED_CLOCKS (the pins of the second run of the date-sensitive
# tests after a full run, space-separated; "none" skips that run).
#
# Results: artifacts/test-results/<project>.trx. The last line printed is always
#   Tests: <passed> passed, <failed> failed, <skipped> skipped
# Exit status is non-zero when the build or any test run failed, or when no test ran.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib/postgres.sh
source "$ROOT/scripts/lib/postgres.sh"

RESULTS_DIR="$ROOT/artifacts/test-results"
HANG_TIMEOUT="${PORTAL_TEST_HANG_TIMEOUT:-20m}"
SOLUTION=""
FAILED_STEPS=()
SUMMARY_DONE=0

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_CLI_UI_LANGUAGE=en
# Playwright must use the system Chromium, never download a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# Prints "<passed> <failed> <skipped> <files>" summed over the given .trx files.
trx_counts() {
    if [ "$#" -eq 0 ]; then
        echo "0 0 0 0"
        return 0
    fi
    if command -v python3 >/dev/null 2>&1; then
        python3 - "$@" <<'PY'
import sys
import xml.etree.ElementTree as ET

passed = failed = skipped = files = 0
for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        print(f"[portal] WARNING: cannot read {path}: {exc}", file=sys.stderr)
        continue
    counters = next((e for e in root.iter() if e.tag.rsplit('}', 1)[-1] == 'Counters'), None)
    if counters is None:
        continue
    files += 1
    n = lambda name: int(counters.get(name, '0') or 0)
    passed += n('passed')
    failed += n('failed') + n('error') + n('timeout') + n('aborted')
    skipped += max(n('total') - n('executed'), n('notExecuted'), 0)
print(passed, failed, skipped, files)
PY
        return
    fi
    # Fallback without python3: read the attributes of <Counters .../> with sed.
    local file counters p=0 f=0 s=0 files=0 name skip
    local total executed not_executed passed failed error timeout aborted
    for file in "$@"; do
        counters="$(grep -o '<Counters [^>]*>' "$file" 2>/dev/null | head -n 1 || true)"
        [ -n "$counters" ] || continue
        files=$((files + 1))
        for name in total executed notExecuted passed failed error timeout aborted; do
            printf -v "_trx_$name" '%s' "$(sed -n "s/.* $name=\"\([0-9]*\)\".*/\1/p" <<<"$counters")"
        done
        total="${_trx_total:-0}" executed="${_trx_executed:-0}" not_executed="${_trx_notExecuted:-0}"
        passed="${_trx_passed:-0}" failed="${_trx_failed:-0}" error="${_trx_error:-0}"
        timeout="${_trx_timeout:-0}" aborted="${_trx_aborted:-0}"
        p=$((p + passed))
        f=$((f + failed + error + timeout + aborted))
        skip=$((total - executed))
        [ "$not_executed" -gt "$skip" ] && skip="$not_executed"
        [ "$skip" -gt 0 ] || skip=0
        s=$((s + skip))
    done
    echo "$p $f $s $files"
}

# shellcheck disable=SC2317 # invoked from the EXIT trap
finish() {
    local rc="$1"
    [ "$SUMMARY_DONE" = 0 ] || return 0
    SUMMARY_DONE=1
    set +e
    local -a trx_files=()
    local file
    if [ -d "$RESULTS_DIR" ]; then
        while IFS= read -r file; do
            trx_files+=("$file")
        done < <(find "$RESULTS_DIR" -maxdepth 1 -name '*.trx' -type f | sort)
    fi
    if [ -d "$RESULTS_DIR" ]; then
        # The blame collector leaves empty per-run folders behind.
        find "$RESULTS_DIR" -mindepth 1 -type d -empty -delete 2>/dev/null
    fi
    local passed failed skipped files
    read -r passed failed skipped files < <(trx_counts ${trx_files[@]+"${trx_files[@]}"})
    passed="${passed:-0}" failed="${failed:-0}" skipped="${skipped:-0}"

    if [ "$rc" -eq 0 ] && [ "$failed" -gt 0 ]; then
        FAILED_STEPS+=("failed tests in the .trx files")
        rc=1
    fi
    if [ "$rc" -eq 0 ] && [ $((passed + failed)) -eq 0 ]; then
        portal_err "no test ran"
        FAILED_STEPS+=("no test ran")
        rc=1
    fi
    if [ "${#FAILED_STEPS[@]}" -gt 0 ]; then
        portal_log "FAILED: ${FAILED_STEPS[*]+"${FAILED_STEPS[*]}"}"
    elif [ "$rc" -ne 0 ]; then
        portal_log "FAILED (exit $rc)"
    fi
    portal_log "results: ${files:-0} .trx file(s) in ${RESULTS_DIR#"$ROOT"/}"
    portal_log "wall time: $((SECONDS / 60))m$((SECONDS % 60))s"
    printf 'Tests: %s passed, %s failed, %s skipped\n' "$passed" "$failed" "$skipped"
    exit "$rc"
}
trap 'finish $?' EXIT

# --- prerequisites -----------------------------------------------------------
if ! command -v dotnet >/dev/null 2>&1; then
    portal_err "the .NET SDK (dotnet) is not on PATH; install the SDK named in global.json"
    exit 1
fi
portal_log "dotnet SDK $(dotnet --version)"

for candidate in CommunityPartyBuilding.sln CommunityPartyBuilding.slnx; do
    if [ -f "$ROOT/$candidate" ]; then
        SOLUTION="$candidate"
        break
    fi
done
if [ -z "$SOLUTION" ]; then
    portal_err "CommunityPartyBuilding.sln not found in $ROOT"
    exit 1
fi

# Browser and document tools used by the integration tests.
missing_packages=()
[ -x /usr/bin/chromium ] || missing_packages+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing_packages+=(poppler-utils)
if [ "${#missing_packages[@]}" -gt 0 ]; then
    portal_log "installing test tools: ${missing_packages[*]}"
    portal_apt_install "${missing_packages[@]}" \
        || portal_warn "could not install ${missing_packages[*]}; browser/PDF tests will fail"
fi
portal_ensure_cjk_fonts || portal_warn "could not install fonts-noto-cjk; Chinese text may render as boxes"

# PostgreSQL for the integration tests.
if [ -n "${PORTAL_TEST_POSTGRES:-}" ]; then
    portal_log "PostgreSQL: using PORTAL_TEST_POSTGRES from the environment"
elif [ "${PORTAL_TEST_LOCAL_PG:-0}" = 1 ] || ! portal_docker_available; then
    if [ "${PORTAL_TEST_LOCAL_PG:-0}" = 1 ]; then
        portal_log "PORTAL_TEST_LOCAL_PG=1: using the local PostgreSQL cluster"
    else
        portal_log "no Docker engine answers: using the local PostgreSQL cluster"
    fi
    portal_pg_ensure_local
    export PORTAL_TEST_POSTGRES="Host=${PORTAL_PG_HOST};Port=${PORTAL_PG_PORT};Username=${PORTAL_PG_USER};Password=${PORTAL_PG_PASSWORD};Database=postgres"
    portal_log "PORTAL_TEST_POSTGRES=${PORTAL_TEST_POSTGRES}"
else
    unset PORTAL_TEST_POSTGRES
    portal_log "Docker engine answers: integration tests start PostgreSQL with Testcontainers"
fi

# --- build -------------------------------------------------------------------
rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"

portal_log "dotnet build $SOLUTION -c Release"
if ! dotnet build "$ROOT/$SOLUTION" -c Release; then
    FAILED_STEPS+=("build")
    portal_err "build failed; no tests run"
    exit 1
fi

# --- OpenAPI lint ------------------------------------------------------------
# The document the build wrote (Microsoft.Extensions.ApiDescription.Server, see the Web project) against Redocly's
# recommended rules (redocly.yaml); any error fails this script. Needs npx (Node.js and npm); see docs/openapi.md.
OPENAPI_DOCUMENT="src/CommunityPartyBuilding.Web/obj/openapi/portal-api.json"
REDOCLY_CLI="@redocly/cli@2.77.0"
portal_log "OpenAPI lint: $REDOCLY_CLI lint (recommended) $OPENAPI_DOCUMENT"
if [ ! -f "$ROOT/$OPENAPI_DOCUMENT" ]; then
    portal_err "$OPENAPI_DOCUMENT is missing: the build of src/CommunityPartyBuilding.Web writes it"
    FAILED_STEPS+=("OpenAPI lint (no document)")
elif ! command -v npx >/dev/null 2>&1; then
    portal_err "npx is not on PATH: the OpenAPI lint needs Node.js and npm (apt-get install nodejs npm); lint NOT run"
    FAILED_STEPS+=("OpenAPI lint (npx unavailable)")
elif REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
    npx --yes "$REDOCLY_CLI" lint --config "$ROOT/redocly.yaml" --format=stylish "$ROOT/$OPENAPI_DOCUMENT"; then
    portal_log "OpenAPI lint: passed"
else
    portal_err "OpenAPI lint: errors in $OPENAPI_DOCUMENT (or npx could not fetch $REDOCLY_CLI from the npm registry)"
    FAILED_STEPS+=("OpenAPI lint")
fi

# --- tests -------------------------------------------------------------------
projects=()
for name in UnitTests IntegrationTests; do
    project="tests/CommunityPartyBuilding.$name/CommunityPartyBuilding.$name.csproj"
    if [ -f "$project" ]; then
        projects+=("$project")
    else
        portal_err "missing test project $project"
        FAILED_STEPS+=("missing $project")
    fi
done
# Any further test projects, after the two above.
while IFS= read -r project; do
    case " ${projects[*]:-} " in
        *" $project "*) ;;
        *) projects+=("$project") ;;
    esac
done < <(find tests -mindepth 2 -maxdepth 2 -name '*.csproj' -type f 2>/dev/null | sort)

blame_args=()
if [ -n "$HANG_TIMEOUT" ] && [ "$HANG_TIMEOUT" != 0 ]; then
    blame_args=(--blame-hang-timeout "$HANG_TIMEOUT" --blame-hang-dump-type none)
fi

for project in ${projects[@]+"${projects[@]}"}; do
    name="$(basename "$project" .csproj)"
    portal_log "dotnet test $name"
    started=$SECONDS
    if dotnet test "$ROOT/$project" --no-build -c Release \
        --logger "trx;LogFileName=${name}.trx" --results-directory "$RESULTS_DIR" \
        ${blame_args[@]+"${blame_args[@]}"} "$@"; then
        portal_log "$name: passed ($((SECONDS - started))s)"
    else
        portal_log "$name: FAILED ($((SECONDS - started))s)"
        FAILED_STEPS+=("$name")
    fi
    if [ -f "$RESULTS_DIR/${name}.trx" ]; then
        read -r p f s _ < <(trx_counts "$RESULTS_DIR/${name}.trx")
        portal_log "$name: ${p} passed, ${f} failed, ${s} skipped"
    else
        portal_warn "$name produced no $RESULTS_DIR/${name}.trx"
    fi
done

# --- date-sensitive tests again, with the app's clock pinned ------------------
# Only on a full run (no extra arguments) and when the clock is not pinned already: the integration tests marked
# [Trait("Clock", "DateSensitive")] run once more with PORTAL_TEST_CLOCK (read by TestClock) at the start of next
# year and on the last day of this year's last quarter, late in the evening in Shanghai.
if [ "$#" -eq 0 ] && [ -z "${PORTAL_TEST_CLOCK:-}" ] && [ "${PORTAL_TEST_PINNED_CLOCKS:-}" != none ]; then
    year="$(date -u +%Y)"
    read -r -a pins <<<"${PORTAL_TEST_PINNED_CLOCKS:-$((year + 1))-01-02 ${year}-12-31T23:20:00+08:00}"
    integration="tests/CommunityPartyBuilding.IntegrationTests/CommunityPartyBuilding.IntegrationTests.csproj"
    for pin in "${pins[@]}"; do
        label="IntegrationTests.clock-${pin%%T*}"
        portal_log "dotnet test IntegrationTests --filter Clock=DateSensitive with PORTAL_TEST_CLOCK=$pin"
        started=$SECONDS
        if PORTAL_TEST_CLOCK="$pin" dotnet test "$ROOT/$integration" --no-build -c Release --filter "Clock=DateSensitive" \
            --logger "trx;LogFileName=${label}.trx" --results-directory "$RESULTS_DIR" \
            ${blame_args[@]+"${blame_args[@]}"}; then
            portal_log "$label: passed ($((SECONDS - started))s)"
        else
            portal_log "$label: FAILED ($((SECONDS - started))s)"
            FAILED_STEPS+=("$label")
        fi
    done
fi

# --- two instances behind nginx, and a database restart (issue 18) -----------
# Only on a full run: scripts/scale.sh --check starts its own PostgreSQL cluster (127.0.0.1:55433), two portal
# instances and nginx on 5180-5182, runs the tests of category Scale against them and stops everything.
if [ "$#" -eq 0 ] && [ "${PORTAL_TEST_SCALE:-1}" != 0 ]; then
    portal_log "scale checks: scripts/scale.sh --check"
    started=$SECONDS
    if PORTAL_SCALE_RESULTS="$RESULTS_DIR" PORTAL_SCALE_BUILD=0 bash "$ROOT/scripts/scale.sh" --check; then
        portal_log "scale checks: passed ($((SECONDS - started))s)"
    else
        portal_log "scale checks: FAILED ($((SECONDS - started))s)"
        FAILED_STEPS+=("scale checks")
    fi
fi

if [ "${#FAILED_STEPS[@]}" -gt 0 ]; then
    exit 1
fi
exit 0
