#!/usr/bin/env bash
# CitésLab benchmark (issue 23, "Speed"): 10 000 holders and 100 000 steps over 5 years followed by one coach; the coach's
# workspace (/gestion/citeslab) against a plain ADO.NET baseline (bench/entrepreneurship/EntrepreneurshipBaseline) on the
# same database and in the same run, the year's indicators and the erasure of one holder timed, on SQLite by default.
# Results: bench/results/entrepreneurship-latest.md and docs/PERFORMANCE.md (section "CitésLab").
#
#   ./bench/entrepreneurship/run.sh                     SQLite
#   MAILLAGE_BENCH_POSTGRES='Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres' BENCH_DATABASES=postgres ./bench/entrepreneurship/run.sh
#                                                       that PostgreSQL server (a fresh database is created and dropped);
#                                                       without MAILLAGE_BENCH_POSTGRES a throwaway cluster (run as root)
# Knobs: BENCH_SECONDS (15 per read measurement), BENCH_WARMUP (10: chunks of that many seconds of the same load, per
#        server, repeated until its tiered compiler is idle — bench/Shared/WarmUp.cs),
#        BENCH_CONNECTIONS (8 concurrent requests), BENCH_KEEP=1 (keep the temporary directory and, on an existing
#        PostgreSQL server, the database),
#        BENCH_IDLE_LOAD / BENCH_IDLE_WAIT (wait up to N s for the 1-min load average to fall under a threshold; 2.0, 120).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATABASES=${BENCH_DATABASES:-sqlite}
CONNECTIONS=${BENCH_CONNECTIONS:-8}
SECONDS_EACH=${BENCH_SECONDS:-15}
WARMUP=${BENCH_WARMUP:-10}
IDLE_LOAD=${BENCH_IDLE_LOAD:-2.0}
IDLE_WAIT=${BENCH_IDLE_WAIT:-120}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
WORK=$(mktemp -d /tmp/maillage-citeslab-bench.XXXXXX)
chmod 755 "$WORK"
APP_PID=""; BASE_PID=""; PG_DIR=""; PG_SERVER=""; PG_DB=""
log() { echo "[citeslab-bench $(date +%H:%M:%S)] $*" >&2; }
stop() { [[ -n "$1" ]] && kill "$1" 2>/dev/null && wait "$1" 2>/dev/null || true; }
cleanup() {
  stop "$APP_PID"; stop "$BASE_PID"
  if [[ -n "$PG_DB" && -n "$PG_SERVER" && -z "${BENCH_KEEP:-}" ]]; then psql "$(pg_uri "$PG_SERVER")" -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true; fi
  if [[ -n "$PG_DIR" ]]; then runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR" -m fast -w stop >/dev/null 2>&1 || true; fi
  if [[ -z "${BENCH_KEEP:-}" ]]; then rm -rf "$WORK"; else log "kept $WORK"; fi
}
trap cleanup EXIT
pg_uri() { python3 -c 'import sys; d=dict(kv.split("=",1) for kv in sys.argv[1].split(";") if kv); print("postgresql://%s@%s:%s/%s" % (d.get("Username","postgres"), d.get("Host","127.0.0.1"), d.get("Port","5432"), d.get("Database","postgres")))' "$1"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
wait_idle() {
  local waited=0
  while ! awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v t="$IDLE_LOAD" 'BEGIN { exit !(l < t) }'; do
    (( waited >= IDLE_WAIT )) && { log "machine still busy (load $(loadavg)); going on"; return 0; }
    (( waited % 30 == 0 )) && log "waiting for a quieter machine (load $(loadavg))"
    sleep 5; waited=$(( waited + 5 ))
  done
}
ready() { for _ in $(seq 600); do curl -sf "$1/health/ready" >/dev/null && return 0; sleep 0.1; done; log "$1 never became ready"; return 1; }

log "building Release"
dotnet build "$ROOT/src/Maillage/Maillage.csproj" -c Release -nologo -v q >/dev/null
dotnet build "$ROOT/bench/entrepreneurship/EntrepreneurshipBench/EntrepreneurshipBench.csproj" -c Release -nologo -v q >/dev/null
dotnet build "$ROOT/bench/entrepreneurship/EntrepreneurshipBaseline/EntrepreneurshipBaseline.csproj" -c Release -nologo -v q >/dev/null
MAILLAGE="$ROOT/src/Maillage/bin/Release/net10.0/Maillage.dll"
BENCH="$ROOT/bench/entrepreneurship/EntrepreneurshipBench/bin/Release/net10.0/EntrepreneurshipBench.dll"
BASELINE="$ROOT/bench/entrepreneurship/EntrepreneurshipBaseline/bin/Release/net10.0/EntrepreneurshipBaseline.dll"

rows=(); loads=(); status=0
for db in $DATABASES; do
  export ASPNETCORE_ENVIRONMENT=Production Maillage__Security__RequireTwoFactor=false Logging__LogLevel__Default=Warning Email__PickupDirectory="$WORK/mail-$db"
  if [[ $db == sqlite ]]; then
    export Database__Provider=Sqlite Maillage__DataDirectory="$WORK/sqlite"; unset ConnectionStrings__Maillage || true
    BASE_CS="Data Source=$WORK/sqlite/maillage.db;Pooling=True"
  else
    unset Maillage__DataDirectory || true
    if [[ -n "${MAILLAGE_BENCH_POSTGRES:-}" ]]; then
      PG_SERVER=$MAILLAGE_BENCH_POSTGRES
    else
      PG_DIR="$WORK/pg"; mkdir -p "$PG_DIR"; chown postgres "$PG_DIR"; port=$(free_port)
      runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR" -U postgres --auth=trust >/dev/null
      runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/log" -w -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
      PG_SERVER="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    fi
    PG_DB="maillage_citeslab_bench_$$"
    psql "$(pg_uri "$PG_SERVER")" -qc "CREATE DATABASE $PG_DB" >/dev/null
    CS="${PG_SERVER/Database=postgres/Database=$PG_DB}"
    [[ $CS == *"Database=$PG_DB"* ]] || CS="$CS;Database=$PG_DB"
    export Database__Provider=Postgres ConnectionStrings__Maillage="$CS"
    # Maillage turns Npgsql's automatic preparation on and the reset of returned connections off: the baseline too.
    BASE_CS="$CS;Max Auto Prepare=64;Auto Prepare Min Usages=2;No Reset On Close=true"
  fi
  log "$db: migrate (reference network)"
  (cd "$ROOT/src/Maillage" && dotnet "$MAILLAGE" migrate >/dev/null)
  MPORT=$(free_port); BPORT=$(free_port)
  (cd "$ROOT/src/Maillage" && exec dotnet "$MAILLAGE" --urls "http://127.0.0.1:$MPORT") >"$WORK/app-$db.log" 2>&1 &
  APP_PID=$!
  dotnet "$BASELINE" --provider "$db" --database "$BASE_CS" --urls "http://127.0.0.1:$BPORT" >"$WORK/baseline-$db.log" 2>&1 &
  BASE_PID=$!
  ready "http://127.0.0.1:$MPORT"; ready "http://127.0.0.1:$BPORT"
  wait_idle
  before=$(loadavg)
  log "$db: measuring (load average $before)"
  if ! out=$(dotnet "$BENCH" --maillage "http://127.0.0.1:$MPORT" --baseline "http://127.0.0.1:$BPORT" --provider "$db" \
      --maillage-pid "$APP_PID" --baseline-pid "$BASE_PID" --seconds "$SECONDS_EACH" --warmup "$WARMUP" --connections "$CONNECTIONS"); then
    status=1; log "$db: a correctness check failed (see above)"
  fi
  rows+=("$out")
  loads+=("$db: $before before, $(loadavg) after")
  stop "$APP_PID"; APP_PID=""; stop "$BASE_PID"; BASE_PID=""
  if [[ $db == postgres ]]; then
    if [[ -z "${BENCH_KEEP:-}" ]]; then psql "$(pg_uri "$PG_SERVER")" -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null; else log "kept database $PG_DB"; fi
    PG_DB=""
    if [[ -n "$PG_DIR" ]]; then runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR" -m fast -w stop >/dev/null; PG_DIR=""; fi
  fi
done

mkdir -p "$ROOT/bench/results"
{
  echo "CitésLab benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src bench ':!bench/results' || echo ' (with uncommitted changes)'),"
  echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), .NET SDK $(dotnet --version), PostgreSQL $("$PG_BIN/postgres" --version | awk '{ print $3 }')$([[ -n "${MAILLAGE_BENCH_POSTGRES:-}" ]] && echo ' (existing server)' || echo ' (throwaway cluster)');"
  echo "load generator, Maillage, baseline and database on the same cores."
  echo "Load average (1, 5, 15 min): $(IFS=';'; echo "${loads[*]}")."
  echo "Command: \`BENCH_DATABASES='$DATABASES' BENCH_SECONDS=$SECONDS_EACH BENCH_WARMUP=$WARMUP BENCH_CONNECTIONS=$CONNECTIONS ./bench/entrepreneurship/run.sh\`"
  echo
  echo "| database | measure | Maillage | plain ADO.NET baseline | ratio | targets |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} | tee "$ROOT/bench/results/entrepreneurship-latest.md"
cp "$ROOT/bench/results/entrepreneurship-latest.md" "$ROOT/bench/results/entrepreneurship-$(date -u +%Y%m%dT%H%M%SZ).md"
exit $status
