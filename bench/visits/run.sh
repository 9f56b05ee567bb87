#!/usr/bin/env bash
# Visits benchmark: ingestion through POST /api/v1/visits (batches of 1 000; single entries at 16 connections)
# against a plain ADO.NET baseline running Maillage's own insert statements, and the bytes per visit, on SQLite
# and PostgreSQL. Results: bench/results/visits-latest.md and docs/PERFORMANCE.md (section "Visits").
#
#   ./bench/visits/run.sh                                   both databases (a throwaway PostgreSQL cluster, as root)
#   BENCH_DATABASES=sqlite ./bench/visits/run.sh            one database
#   MAILLAGE_BENCH_POSTGRES='Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres' ./bench/visits/run.sh
#                                                           use that server (a fresh database is created and dropped)
# Knobs: BENCH_SECONDS (15 per measurement), BENCH_STORAGE_ROWS (300000).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATABASES=${BENCH_DATABASES:-sqlite postgres}
SECONDS_EACH=${BENCH_SECONDS:-15}
STORAGE_ROWS=${BENCH_STORAGE_ROWS:-300000}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
WORK=$(mktemp -d /tmp/maillage-visits-bench.XXXXXX)
chmod 755 "$WORK"
APP_PID=""; PG_DIR=""; PG_SERVER=""; PG_DB=""
log() { echo "[visits-bench $(date +%H:%M:%S)] $*" >&2; }
cleanup() {
  [[ -n "$APP_PID" ]] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  if [[ -n "$PG_DB" && -n "$PG_SERVER" ]]; then psql "$(pg_uri "$PG_SERVER")" -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true; fi
  if [[ -n "$PG_DIR" ]]; then runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR" -m fast -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
# "Host=h;Port=p;Username=u;Database=d" -> postgresql://u@h:p/d (for psql)
pg_uri() { python3 -c 'import sys; d=dict(kv.split("=",1) for kv in sys.argv[1].split(";") if kv); print("postgresql://%s@%s:%s/%s" % (d.get("Username","postgres"), d.get("Host","127.0.0.1"), d.get("Port","5432"), d.get("Database","postgres")))' "$1"; }

log "building Release"
dotnet build "$ROOT/src/Maillage/Maillage.csproj" -c Release -nologo -v q >/dev/null
dotnet build "$ROOT/bench/visits/VisitsBench/VisitsBench.csproj" -c Release -nologo -v q >/dev/null
MAILLAGE="$ROOT/src/Maillage/bin/Release/net10.0/Maillage.dll"
BENCH="$ROOT/bench/visits/VisitsBench/bin/Release/net10.0/VisitsBench.dll"

rows=()
for db in $DATABASES; do
  export ASPNETCORE_ENVIRONMENT=Production Maillage__Security__RequireTwoFactor=false Logging__LogLevel__Default=Warning
  if [[ $db == sqlite ]]; then
    export Database__Provider=Sqlite Maillage__DataDirectory="$WORK/sqlite"; unset ConnectionStrings__Maillage || true
    CS="Data Source=$WORK/sqlite/maillage.db;Pooling=True"
  else
    if [[ -n "${MAILLAGE_BENCH_POSTGRES:-}" ]]; then
      PG_SERVER=$MAILLAGE_BENCH_POSTGRES
    else
      PG_DIR="$WORK/pg"; mkdir -p "$PG_DIR"; chown postgres "$PG_DIR"; port=$(free_port)
      runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR" -U postgres --auth=trust >/dev/null
      runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/log" -w -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
      PG_SERVER="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    fi
    PG_DB="maillage_visits_bench_$$"
    psql "$(pg_uri "$PG_SERVER")" -qc "CREATE DATABASE $PG_DB" >/dev/null
    # With Npgsql's automatic preparation and no reset of returned connections, as Maillage sets them by default, for
    # Maillage and the baseline alike.
    CS="${PG_SERVER/Database=postgres/Database=$PG_DB};Maximum Pool Size=100;Max Auto Prepare=64;Auto Prepare Min Usages=2;No Reset On Close=true"
    [[ $CS == *"Database=$PG_DB"* ]] || CS="$CS;Database=$PG_DB"
    export Database__Provider=Postgres ConnectionStrings__Maillage="$CS"
  fi
  log "$db: migrate, a reception agent of Saint-Julien and an API token"
  dotnet "$MAILLAGE" migrate >/dev/null
  dotnet "$MAILLAGE" create-user --email bench.accueil@bench.maillage.test --password 'bench-visits-2026-long' \
    --role receptionAgent --scope structure:grand-geneve/saint-julien-en-genevois >/dev/null
  TOKEN=$(dotnet "$MAILLAGE" create-token --email bench.accueil@bench.maillage.test --name bench --scopes read,visits | tail -n 1)
  PORT=$(free_port)
  dotnet "$MAILLAGE" --urls "http://127.0.0.1:$PORT" >"$WORK/app-$db.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.1; done
  load=$(cut -d' ' -f1 /proc/loadavg)
  log "$db: measuring (load average $load)"
  out=$(dotnet "$BENCH" --url "http://127.0.0.1:$PORT" --token "$TOKEN" --provider "$db" --database "$CS" --seconds "$SECONDS_EACH" --storage "$STORAGE_ROWS" --maillage-pid "$APP_PID")
  rows+=("$out")
  rows+=("| $db | load average at start | $load | | | |")
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
  if [[ $db == postgres ]]; then psql "$(pg_uri "$PG_SERVER")" -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null; PG_DB=""; fi
done

mkdir -p "$ROOT/bench/results"
{
  echo "Visits benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo
  echo "| database | measure | Maillage (HTTP API) | plain ADO.NET baseline | ratio | target |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} | tee "$ROOT/bench/results/visits-latest.md"
