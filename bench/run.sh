#!/usr/bin/env bash
# Maillage load benchmark: GET /api/v1/structures and GET /lieux against a plain ADO.NET baseline
# (bench/Baseline), on SQLite and on PostgreSQL, with wrk. See docs/PERFORMANCE.md.
#
#   ./bench/run.sh                         both databases (a throwaway PostgreSQL 15 cluster, run as root)
#   BENCH_DATABASES=sqlite ./bench/run.sh  one database only
#   MAILLAGE_BENCH_POSTGRES='Host=...;Database=...;Username=...' ./bench/run.sh   reuse a PostgreSQL database
#                                          (it should be empty: the first start then includes migration and seed)
# Knobs: BENCH_DURATION (20s), BENCH_CONNECTIONS (32), BENCH_THREADS (2), BENCH_WARMUP (5s).
# Writes bench/results/latest.md (git-ignored) and a dated copy next to it.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${BENCH_DURATION:-20s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
WARMUP=${BENCH_WARMUP:-5s}
DATABASES=${BENCH_DATABASES:-sqlite postgres}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
# Free TCP ports picked at start (other services on the machine may hold the usual ones).
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
MAILLAGE_PORT=${BENCH_MAILLAGE_PORT:-$(free_port)}
BASELINE_PORT=${BENCH_BASELINE_PORT:-$(free_port)}
PG_PORT=${BENCH_PG_PORT:-$(free_port)}
# Other work on the machine skews the figures: wait (at most BENCH_IDLE_WAIT seconds) for the
# one-minute load average to fall under BENCH_IDLE_LOAD before each database, and record it.
IDLE_LOAD=${BENCH_IDLE_LOAD:-1.0}
IDLE_WAIT=${BENCH_IDLE_WAIT:-300}
# Targets from the issue.
API_RATIO_TARGET=0.5
PAGE_RATIO_TARGET=0.35
P99_TARGET_MS=50
STARTUP_TARGET_MS=3000
RSS_TARGET_MB=250

RESULTS=$ROOT/bench/results
mkdir -p "$RESULTS"
WORK=$(mktemp -d /tmp/maillage-bench.XXXXXX)
chmod 755 "$WORK"
PIDS=()
PG_DIR=""

log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }

stop_pid() {
    local pid=$1
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    fi
}

cleanup() {
    for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
    if [[ -n "$PG_DIR" ]]; then runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR" -m fast -w stop >/dev/null 2>&1 || true; fi
    if [[ -z "${BENCH_KEEP:-}" ]]; then rm -rf "$WORK"; else log "kept $WORK"; fi
}
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
    log "installing wrk"
    apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi

log "building Release"
dotnet build "$ROOT/src/Maillage/Maillage.csproj" -c Release -nologo -v q >/dev/null
dotnet build "$ROOT/bench/Baseline/Baseline.csproj" -c Release -nologo -v q >/dev/null
MAILLAGE_DLL=$ROOT/src/Maillage/bin/Release/net10.0/Maillage.dll
BASELINE_DLL=$ROOT/bench/Baseline/bin/Release/net10.0/Baseline.dll

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Waits for URL to answer 200; prints the milliseconds since $2 (a now_ms value).
wait_ready() {
    local url=$1 started=$2 pid=$3
    for _ in $(seq 1200); do
        if [[ "$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)" == 200 ]]; then echo $(( $(now_ms) - started )); return 0; fi
        kill -0 "$pid" 2>/dev/null || { log "process $pid died"; return 1; }
        sleep 0.02
    done
    log "$url never became ready"; return 1
}

# Starts Maillage (Release) on the database described by the MAILLAGE_DB_ENV array; sets LAST_PID, prints start-up ms.
start_maillage() {
    local logfile=$1 started pid
    started=$(now_ms)
    # Content root = the project directory (as with `dotnet run`), so that wwwroot is found.
    (cd "$ROOT/src/Maillage" && exec env ASPNETCORE_ENVIRONMENT=Production Maillage__Security__RequireTwoFactor=false \
        Logging__LogLevel__Default=Warning "${MAILLAGE_DB_ENV[@]}" \
        dotnet "$MAILLAGE_DLL" --urls "http://127.0.0.1:$MAILLAGE_PORT" >"$logfile" 2>&1) &
    pid=$!
    PIDS+=("$pid")
    LAST_PID=$pid
    wait_ready "http://127.0.0.1:$MAILLAGE_PORT/health/ready" "$started" "$pid" >"$WORK/startup"
}

start_baseline() {
    local provider=$1 database=$2 logfile=$3 started pid
    started=$(now_ms)
    dotnet "$BASELINE_DLL" --provider "$provider" --database "$database" --urls "http://127.0.0.1:$BASELINE_PORT" >"$logfile" 2>&1 &
    pid=$!
    PIDS+=("$pid")
    LAST_PID=$pid
    wait_ready "http://127.0.0.1:$BASELINE_PORT/health/ready" "$started" "$pid" >"$WORK/startup"
}

# wrk latency figures to milliseconds: 850.00us, 12.34ms, 1.02s, 1.5m.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }

# Runs wrk; prints "rps p99ms errors".
load() {
    local url=$1 out=$2
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url" >"$out" 2>&1
    local rps p99 non2xx sock
    rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $5 }' "$out"); non2xx=${non2xx:-0}
    sock=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$out"); sock=${sock:-0}
    [[ $p99 == 0.00 ]] && p99=n/a
    echo "$rps $p99 $(( non2xx + sock ))"
}

rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }
verdict() { if "$@"; then echo "pass"; else echo "**FAIL**"; fi; }
# wrk leaves requests slower than its 2 s timeout out of the latency figures: any error fails the p99 target.
p99_ok() { [[ $2 == 0 ]] && lt "$1" "$P99_TARGET_MS"; }

ROWS=()
LOADS=()
SUMMARY=()

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
wait_idle() {
    local waited=0
    while ! awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v t="$IDLE_LOAD" 'BEGIN { exit !(l < t) }'; do
        (( waited >= IDLE_WAIT )) && { log "machine still busy (load $(loadavg)); going on"; return 0; }
        (( waited % 30 == 0 )) && log "waiting for a quiet machine (load $(loadavg))"
        sleep 5; waited=$(( waited + 5 ))
    done
}

bench_database() {
    local db=$1 provider baseline_db
    wait_idle
    local load_before; load_before=$(loadavg)
    log "== $db (load average $load_before)"
    case $db in
        sqlite)
            mkdir -p "$WORK/sqlite"
            MAILLAGE_DB_ENV=("Maillage__DataDirectory=$WORK/sqlite")
            provider=sqlite; baseline_db="$WORK/sqlite/maillage.db" ;;
        postgres)
            local cs
            if [[ -n "${MAILLAGE_BENCH_POSTGRES:-}" ]]; then
                cs=$MAILLAGE_BENCH_POSTGRES
            else
                PG_DIR=$WORK/pg
                mkdir -p "$PG_DIR" && chown postgres:postgres "$PG_DIR" && chmod 700 "$PG_DIR"
                runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR" -U postgres --auth=trust >"$WORK/initdb.log" 2>&1
                runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/server.log" -w \
                    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1" start >/dev/null
                runuser -u postgres -- psql -h "$PG_DIR" -p "$PG_PORT" -U postgres -qc "CREATE DATABASE maillage" >/dev/null
                cs="Host=127.0.0.1;Port=$PG_PORT;Database=maillage;Username=postgres"
            fi
            MAILLAGE_DB_ENV=("Database__Provider=Postgres" "ConnectionStrings__Maillage=$cs")
            provider=postgres; baseline_db=$cs ;;
    esac

    # Start-up to /health/ready: an empty database (migration + seed), then the same database again.
    start_maillage "$WORK/maillage-$db-1.log"; local fresh_ms; fresh_ms=$(cat "$WORK/startup")
    stop_pid "$LAST_PID"
    start_maillage "$WORK/maillage-$db-2.log"; local warm_ms; warm_ms=$(cat "$WORK/startup")
    local maillage_pid=$LAST_PID
    log "Maillage ready in ${fresh_ms} ms (empty database), ${warm_ms} ms (existing database)"
    start_baseline "$provider" "$baseline_db" "$WORK/baseline-$db.log"; local baseline_pid=$LAST_PID
    log "Baseline ready in $(cat "$WORK/startup") ms"

    local m="http://127.0.0.1:$MAILLAGE_PORT" b="http://127.0.0.1:$BASELINE_PORT"
    for url in "$m/api/v1/structures" "$b/api/v1/structures" "$m/lieux" "$b/lieux"; do
        [[ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" == 200 ]] || { log "$url does not answer 200"; exit 1; }
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$url" >/dev/null
    done

    local ma ba mp bp
    log "wrk Maillage /api/v1/structures";  ma=($(load "$m/api/v1/structures" "$WORK/wrk-$db-maillage-api.txt"))
    log "wrk Baseline /api/v1/structures";  ba=($(load "$b/api/v1/structures" "$WORK/wrk-$db-baseline-api.txt"))
    log "wrk Maillage /lieux";              mp=($(load "$m/lieux" "$WORK/wrk-$db-maillage-page.txt"))
    log "wrk Baseline /lieux";              bp=($(load "$b/lieux" "$WORK/wrk-$db-baseline-page.txt"))
    local rss brss; rss=$(rss_mb "$maillage_pid"); brss=$(rss_mb "$baseline_pid")
    LOADS+=("$db: $load_before before, $(loadavg) after")
    cp "$WORK"/wrk-"$db"-*.txt "$RESULTS/" 2>/dev/null || true

    local api_ratio page_ratio
    api_ratio=$(ratio "${ma[0]}" "${ba[0]}"); page_ratio=$(ratio "${mp[0]}" "${bp[0]}")
    ROWS+=("| $db | GET /api/v1/structures | ${ma[0]} | ${ba[0]} | $api_ratio | ≥ $API_RATIO_TARGET | $(verdict ge "$api_ratio" "$API_RATIO_TARGET") | ${ma[1]} | ${ba[1]} | $(verdict p99_ok "${ma[1]}" "${ma[2]}") | ${ma[2]} / ${ba[2]} |")
    ROWS+=("| $db | GET /lieux | ${mp[0]} | ${bp[0]} | $page_ratio | ≥ $PAGE_RATIO_TARGET | $(verdict ge "$page_ratio" "$PAGE_RATIO_TARGET") | ${mp[1]} | ${bp[1]} | $(verdict p99_ok "${mp[1]}" "${mp[2]}") | ${mp[2]} / ${bp[2]} |")
    SUMMARY+=("| $db | $fresh_ms | $(verdict lt "$fresh_ms" "$STARTUP_TARGET_MS") | $warm_ms | $(verdict lt "$warm_ms" "$STARTUP_TARGET_MS") | $rss | $(verdict lt "$rss" "$RSS_TARGET_MB") | $brss |")

    stop_pid "$maillage_pid"; stop_pid "$baseline_pid"
    if [[ $db == postgres && -n "$PG_DIR" ]]; then
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR" -m fast -w stop >/dev/null; PG_DIR=""
    fi
}

for db in $DATABASES; do bench_database "$db"; done

{
    echo "## Run of $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "Machine: $(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/^MemTotal:/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM," \
        "$(. /etc/os-release && echo "$PRETTY_NAME"), .NET SDK $(dotnet --version), $(wrk -v 2>&1 | head -1 | awk '{ print $1, $2 }')," \
        "PostgreSQL $("$PG_BIN/postgres" --version | awk '{ print $3 }'). wrk and both servers share the same cores."
    echo "Commit: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src bench || echo ' (with uncommitted changes)')"
    echo
    echo "Load average (1, 5, 15 min) around each database: $(IFS=';'; echo "${LOADS[*]}")."
    echo
    echo "Load: \`wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency URL\`, after a $WARMUP warm-up of each URL; the four runs one after the other."
    echo
    echo "| Database | Endpoint | Maillage req/s | Baseline req/s | Ratio | Target | Verdict | Maillage p99 (ms) | Baseline p99 (ms) | p99 < $P99_TARGET_MS ms | Errors M / B (non-2xx + socket) |"
    echo "|---|---|---:|---:|---:|---|---|---:|---:|---|---:|"
    printf '%s\n' "${ROWS[@]}"
    echo
    echo "| Database | Start-up, empty database (ms) | < $STARTUP_TARGET_MS ms | Start-up, existing database (ms) | < $STARTUP_TARGET_MS ms | Maillage RSS after the run (MB) | < $RSS_TARGET_MB MB | Baseline RSS (MB) |"
    echo "|---|---:|---|---:|---|---:|---|---:|"
    printf '%s\n' "${SUMMARY[@]}"
} >"$RESULTS/latest.md"
cp "$RESULTS/latest.md" "$RESULTS/run-$(date -u +%Y%m%dT%H%M%SZ).md"
cat "$RESULTS/latest.md"
