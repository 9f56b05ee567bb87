#!/usr/bin/env bash
# Rooms benchmark (issue 20, "Speed"): the booking rush — 2 000 booking requests over 20 rooms and 100 overlapping slots at
# 64 connections — against a plain ADO.NET baseline doing the same guarded insert (bench/rooms/RoomsBaseline) on the same
# database, on SQLite and PostgreSQL. Targets: zero double bookings (checked in the database), every 201 a row, at least
# 0.5× the baseline's throughput, p99 under 150 ms. Results: bench/results/rooms-latest.md and docs/PERFORMANCE.md ("Rooms").
#
#   ./bench/rooms/run.sh                                both databases (a throwaway PostgreSQL cluster: run as root)
#   BENCH_DATABASES=sqlite ./bench/rooms/run.sh         one database
#   MAILLAGE_BENCH_POSTGRES='Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres' ./bench/rooms/run.sh
#                                                       use that server (a fresh database is created and dropped)
# Knobs: BENCH_WARMUPS (2 warm-up rushes per server before the measured one), BENCH_KEEP=1 (keep the temporary directory).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATABASES=${BENCH_DATABASES:-sqlite postgres}
WARMUPS=${BENCH_WARMUPS:-2}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
WORK=$(mktemp -d /tmp/maillage-rooms-bench.XXXXXX)
chmod 755 "$WORK"
APP_PID=""; BASE_PID=""; PG_DIR=""; PG_SERVER=""; PG_DB=""
log() { echo "[rooms-bench $(date +%H:%M:%S)] $*" >&2; }
stop() { [[ -n "$1" ]] && kill "$1" 2>/dev/null && wait "$1" 2>/dev/null || true; }
pg_uri() { python3 -c 'import sys; d=dict(kv.split("=",1) for kv in sys.argv[1].split(";") if kv); print("postgresql://%s@%s:%s/%s" % (d.get("Username","postgres"), d.get("Host","127.0.0.1"), d.get("Port","5432"), d.get("Database","postgres")))' "$1"; }
cleanup() {
  stop "$APP_PID"; stop "$BASE_PID"
  if [[ -n "$PG_DB" && -n "$PG_SERVER" ]]; then psql "$(pg_uri "$PG_SERVER")" -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true; fi
  if [[ -n "$PG_DIR" ]]; then runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR" -m fast -w stop >/dev/null 2>&1 || true; fi
  if [[ -z "${BENCH_KEEP:-}" ]]; then rm -rf "$WORK"; else log "kept $WORK"; fi
}
trap cleanup EXIT
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
ready() { for _ in $(seq 600); do curl -sf "$1/health/ready" >/dev/null && return 0; sleep 0.1; done; log "$1 never became ready"; return 1; }

log "building Release"
dotnet build "$ROOT/src/Maillage/Maillage.csproj" -c Release -nologo -v q >/dev/null
dotnet build "$ROOT/bench/rooms/RoomsBench/RoomsBench.csproj" -c Release -nologo -v q >/dev/null
dotnet build "$ROOT/bench/rooms/RoomsBaseline/RoomsBaseline.csproj" -c Release -nologo -v q >/dev/null
MAILLAGE="$ROOT/src/Maillage/bin/Release/net10.0/Maillage.dll"
BENCH="$ROOT/bench/rooms/RoomsBench/bin/Release/net10.0/RoomsBench.dll"
BASELINE="$ROOT/bench/rooms/RoomsBaseline/bin/Release/net10.0/RoomsBaseline.dll"

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
    PG_DB="maillage_rooms_bench_$$"
    psql "$(pg_uri "$PG_SERVER")" -qc "CREATE DATABASE $PG_DB" >/dev/null
    CS="${PG_SERVER/Database=postgres/Database=$PG_DB}"
    [[ $CS == *"Database=$PG_DB"* ]] || CS="$CS;Database=$PG_DB"
    export Database__Provider=Postgres ConnectionStrings__Maillage="$CS"
    BASE_CS="$CS;Max Auto Prepare=64;Auto Prepare Min Usages=2;No Reset On Close=true"
  fi
  log "$db: migrate (reference network and rooms)"
  (cd "$ROOT/src/Maillage" && dotnet "$MAILLAGE" migrate >/dev/null)
  MPORT=$(free_port); BPORT=$(free_port)
  (cd "$ROOT/src/Maillage" && exec dotnet "$MAILLAGE" --urls "http://127.0.0.1:$MPORT") >"$WORK/app-$db.log" 2>&1 &
  APP_PID=$!
  dotnet "$BASELINE" --provider "$db" --database "$BASE_CS" --urls "http://127.0.0.1:$BPORT" >"$WORK/baseline-$db.log" 2>&1 &
  BASE_PID=$!
  ready "http://127.0.0.1:$MPORT"; ready "http://127.0.0.1:$BPORT"
  before=$(loadavg)
  log "$db: measuring (load average $before)"
  if ! out=$(dotnet "$BENCH" --maillage "http://127.0.0.1:$MPORT" --baseline "http://127.0.0.1:$BPORT" --provider "$db" --warmups "$WARMUPS" --maillage-pid "$APP_PID" --baseline-pid "$BASE_PID"); then
    status=1; log "$db: a check or a target failed (see above)"
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
  echo "Rooms benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src bench ':!bench/results' || echo ' (with uncommitted changes)'),"
  echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), .NET SDK $(dotnet --version)$([[ -n "${MAILLAGE_BENCH_POSTGRES:-}" ]] && echo ', PostgreSQL: existing server' || true);"
  echo "load generator, Maillage, baseline and database on the same cores."
  echo "Load average (1, 5, 15 min): $(IFS=';'; echo "${loads[*]}")."
  echo "Command: \`BENCH_DATABASES='$DATABASES' BENCH_WARMUPS=$WARMUPS ./bench/rooms/run.sh\`"
  echo
  echo "| database | measure | Maillage | plain ADO.NET baseline | ratio | targets |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} | tee "$ROOT/bench/results/rooms-latest.md"
cp "$ROOT/bench/results/rooms-latest.md" "$ROOT/bench/results/rooms-$(date -u +%Y%m%dT%H%M%SZ).md"
exit $status
