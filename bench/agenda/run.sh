#!/usr/bin/env bash
# Agenda benchmark (issue 3, "Speed"): the registration rush (2 000 registrations over 20 events of 50 seats with waiting
# lists, 64 connections) and the month's first page of the public agenda and of GET /api/v1/events (a month of 2 000
# events, 32 connections), each against a plain ADO.NET baseline (bench/agenda/AgendaBaseline) on the same database,
# on SQLite and PostgreSQL. Results: bench/results/agenda-latest.md and docs/PERFORMANCE.md (section "Agenda").
#
#   ./bench/agenda/run.sh                               both databases (a throwaway PostgreSQL cluster: run as root)
#   BENCH_DATABASES=sqlite ./bench/agenda/run.sh        one database
#   MAILLAGE_BENCH_POSTGRES='Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres' ./bench/agenda/run.sh
#                                                       use that server (a fresh database is created and dropped)
# Knobs: BENCH_ROUNDS (3 rush rounds, the median is reported), BENCH_SECONDS (15 per read measurement), BENCH_WARMUP (read warm-up chunks of 5 s per endpoint, repeated until the tiered compiler is idle),
#        BENCH_WARM_REGISTRATIONS (at least 4 000 registrations before the rush rounds, for each server, in chunks shaped like
#        a round; the chunks go on until the server's tiered JIT compiler is idle: on a 2-core Xeon it was still recompiling
#        hot code, optimised, after 20 000 registrations and took up to 16 % of Maillage's CPU in the measured rounds),
#        BENCH_ONLY (all | rush | reads), BENCH_KEEP=1 (keep the temporary directory),
#        BENCH_IDLE_LOAD / BENCH_IDLE_WAIT (wait up to N s for the 1-min load average to fall under a threshold; 2.0, 120).
# Maillage runs in Production with Maillage__RateLimits__RegistrationsPerMinute=1000000 and
# Maillage__RateLimits__RegistrationsPerEventPerAddress=1000000: the per-address limits on public registrations (30 a
# minute, 6 an hour per event by default) would otherwise turn the rush, fired from one address, into 429s.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATABASES=${BENCH_DATABASES:-sqlite postgres}
ROUNDS=${BENCH_ROUNDS:-3}
SECONDS_EACH=${BENCH_SECONDS:-15}
WARMUP=${BENCH_WARMUP:-5}
WARM_REGISTRATIONS=${BENCH_WARM_REGISTRATIONS:-4000}
ONLY=${BENCH_ONLY:-all}
IDLE_LOAD=${BENCH_IDLE_LOAD:-2.0}
IDLE_WAIT=${BENCH_IDLE_WAIT:-120}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
WORK=$(mktemp -d /tmp/maillage-agenda-bench.XXXXXX)
chmod 755 "$WORK"
APP_PID=""; BASE_PID=""; PG_DIR=""; PG_SERVER=""; PG_DB=""
log() { echo "[agenda-bench $(date +%H:%M:%S)] $*" >&2; }
stop() { [[ -n "$1" ]] && kill "$1" 2>/dev/null && wait "$1" 2>/dev/null || true; }
cleanup() {
  stop "$APP_PID"; stop "$BASE_PID"
  if [[ -n "$PG_DB" && -n "$PG_SERVER" ]]; then psql "$(pg_uri "$PG_SERVER")" -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true; fi
  if [[ -n "$PG_DIR" ]]; then runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR" -m fast -w stop >/dev/null 2>&1 || true; fi
  if [[ -z "${BENCH_KEEP:-}" ]]; then rm -rf "$WORK"; else log "kept $WORK"; fi
}
trap cleanup EXIT
# "Host=h;Port=p;Username=u;Database=d" -> postgresql://u@h:p/d (for psql)
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
dotnet build "$ROOT/bench/agenda/AgendaBench/AgendaBench.csproj" -c Release -nologo -v q >/dev/null
dotnet build "$ROOT/bench/agenda/AgendaBaseline/AgendaBaseline.csproj" -c Release -nologo -v q >/dev/null
MAILLAGE="$ROOT/src/Maillage/bin/Release/net10.0/Maillage.dll"
BENCH="$ROOT/bench/agenda/AgendaBench/bin/Release/net10.0/AgendaBench.dll"
BASELINE="$ROOT/bench/agenda/AgendaBaseline/bin/Release/net10.0/AgendaBaseline.dll"

rows=(); loads=(); status=0
for db in $DATABASES; do
  export ASPNETCORE_ENVIRONMENT=Production Maillage__Security__RequireTwoFactor=false Logging__LogLevel__Default=Warning \
    Maillage__RateLimits__RegistrationsPerMinute=1000000 Maillage__RateLimits__RegistrationsPerEventPerAddress=1000000 Email__PickupDirectory="$WORK/mail-$db"
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
    PG_DB="maillage_agenda_bench_$$"
    psql "$(pg_uri "$PG_SERVER")" -qc "CREATE DATABASE $PG_DB" >/dev/null
    CS="${PG_SERVER/Database=postgres/Database=$PG_DB}"
    [[ $CS == *"Database=$PG_DB"* ]] || CS="$CS;Database=$PG_DB"
    export Database__Provider=Postgres ConnectionStrings__Maillage="$CS"
    # Maillage turns Npgsql's automatic preparation on and the reset of returned connections off by default
    # (DatabaseSetup.PostgresConnectionString): the baseline gets the same, so that both talk to PostgreSQL alike.
    BASE_CS="$CS;Max Auto Prepare=64;Auto Prepare Min Usages=2;No Reset On Close=true"
  fi
  log "$db: migrate (reference network)"
  (cd "$ROOT/src/Maillage" && dotnet "$MAILLAGE" migrate >/dev/null)
  MPORT=$(free_port); BPORT=$(free_port)
  # Content root = the project directory (as with `dotnet run`), so that wwwroot is found.
  (cd "$ROOT/src/Maillage" && exec dotnet "$MAILLAGE" --urls "http://127.0.0.1:$MPORT") >"$WORK/app-$db.log" 2>&1 &
  APP_PID=$!
  dotnet "$BASELINE" --provider "$db" --database "$BASE_CS" --urls "http://127.0.0.1:$BPORT" >"$WORK/baseline-$db.log" 2>&1 &
  BASE_PID=$!
  ready "http://127.0.0.1:$MPORT"; ready "http://127.0.0.1:$BPORT"
  wait_idle
  before=$(loadavg)
  log "$db: measuring (load average $before)"
  if ! out=$(dotnet "$BENCH" --maillage "http://127.0.0.1:$MPORT" --baseline "http://127.0.0.1:$BPORT" --provider "$db" --only "$ONLY" \
      --maillage-pid "$APP_PID" --baseline-pid "$BASE_PID" \
      --rounds "$ROUNDS" --seconds "$SECONDS_EACH" --warmup "$WARMUP" --warm-registrations "$WARM_REGISTRATIONS"); then
    status=1; log "$db: a correctness check failed (see above)"
  fi
  rows+=("$out")
  loads+=("$db: $before before, $(loadavg) after")
  stop "$APP_PID"; APP_PID=""; stop "$BASE_PID"; BASE_PID=""
  if [[ $db == postgres ]]; then
    psql "$(pg_uri "$PG_SERVER")" -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null; PG_DB=""
    if [[ -n "$PG_DIR" ]]; then runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR" -m fast -w stop >/dev/null; PG_DIR=""; fi
  fi
done

mkdir -p "$ROOT/bench/results"
{
  echo "Agenda benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src bench ':!bench/results' || echo ' (with uncommitted changes)'),"
  echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), .NET SDK $(dotnet --version), PostgreSQL $("$PG_BIN/postgres" --version | awk '{ print $3 }')$([[ -n "${MAILLAGE_BENCH_POSTGRES:-}" ]] && echo ' (existing server)' || echo ' (throwaway cluster)');"
  echo "load generator, Maillage, baseline and database on the same cores."
  echo "Load average (1, 5, 15 min): $(IFS=';'; echo "${loads[*]}")."
  echo "Command: \`BENCH_DATABASES='$DATABASES' BENCH_ROUNDS=$ROUNDS BENCH_SECONDS=$SECONDS_EACH ./bench/agenda/run.sh\`"
  echo
  echo "| database | measure | Maillage | plain ADO.NET baseline | ratio | targets |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} | tee "$ROOT/bench/results/agenda-latest.md"
cp "$ROOT/bench/results/agenda-latest.md" "$ROOT/bench/results/agenda-$(date -u +%Y%m%dT%H%M%SZ).md"
exit $status
