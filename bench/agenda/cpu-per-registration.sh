#!/usr/bin/env bash
# Server CPU time per public registration (POST /api/v1/events/{id}/registrations) at 64 connections (wrk), with the
# e-mail dispatcher running (as in production) and with it held back (the request alone). On SQLite by default; with
# BENCH_DATABASE=postgres and MAILLAGE_BENCH_POSTGRES='Host=...;Port=...;Username=postgres;Database=postgres' on that
# server (a fresh database each measurement), where PostgreSQL's own CPU per registration is reported too.
# CPU time per request barely moves with other processes' load, so builds can be compared on a busy machine.
#
#   ./bench/agenda/cpu-per-registration.sh                        this working tree
#   ./bench/agenda/cpu-per-registration.sh path/to/Maillage.dll   another build (e.g. of an older commit)
# Needs wrk (Debian package `wrk`). Knobs: BENCH_DATABASE (sqlite | postgres), BENCH_SECONDS (12), BENCH_CAPACITY (100000: every registration confirmed;
# 50: the rest waitlisted).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SECONDS_EACH=${BENCH_SECONDS:-12}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 2; }
if [[ $# -ge 1 ]]; then DLL=$(realpath "$1"); else
  dotnet build "$ROOT/src/Maillage/Maillage.csproj" -c Release -nologo -v q >/dev/null
  DLL="$ROOT/src/Maillage/bin/Release/net10.0/Maillage.dll"
fi
DATABASE=${BENCH_DATABASE:-sqlite}
if [[ $DATABASE == postgres && -z "${MAILLAGE_BENCH_POSTGRES:-}" ]]; then echo "BENCH_DATABASE=postgres needs MAILLAGE_BENCH_POSTGRES (a server's connection string)" >&2; exit 2; fi
pg_uri() { python3 -c 'import sys; d=dict(kv.split("=",1) for kv in sys.argv[1].split(";") if kv); print("postgresql://%s@%s:%s/%s" % (d.get("Username","postgres"), d.get("Host","127.0.0.1"), d.get("Port","5432"), d.get("Database","postgres")))' "$1"; }
# CPU ticks of every PostgreSQL process (the server's backends keep their pooled connections through a measurement).
pg_ticks() { local t=0 f; for f in $(pgrep -x postgres); do t=$((t + $(awk '{print $14+$15}' "/proc/$f/stat" 2>/dev/null || echo 0))); done; echo $t; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

WORK=""; APP_PID=""; PG_DB=""
cleanup() {
  [[ -n "$APP_PID" ]] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
  [[ -n "$PG_DB" ]] && psql "$(pg_uri "$MAILLAGE_BENCH_POSTGRES")" -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1
  [[ -n "$WORK" ]] && rm -rf "$WORK"; APP_PID=""; WORK=""; PG_DB=""
}
trap cleanup EXIT

measure() { # $1: label, $2: dispatch interval in seconds
  WORK=$(mktemp -d /tmp/maillage-reg-cpu.XXXXXX)
  export ASPNETCORE_ENVIRONMENT=Production Maillage__Security__RequireTwoFactor=false Logging__LogLevel__Default=Warning \
    Maillage__RateLimits__RegistrationsPerMinute=1000000 Maillage__RateLimits__RegistrationsPerEventPerAddress=1000000 Email__PickupDirectory="$WORK/mail" Email__DispatchIntervalSeconds="$2" \
    Maillage__DataDirectory="$WORK/data"
  if [[ $DATABASE == postgres ]]; then
    PG_DB="maillage_cpu_bench_$$"
    psql "$(pg_uri "$MAILLAGE_BENCH_POSTGRES")" -qc "CREATE DATABASE $PG_DB" >/dev/null
    export Database__Provider=Postgres ConnectionStrings__Maillage="${MAILLAGE_BENCH_POSTGRES/Database=postgres/Database=$PG_DB}"
  else
    export Database__Provider=Sqlite; unset ConnectionStrings__Maillage || true
  fi
  (cd "$ROOT/src/Maillage" && dotnet "$DLL" migrate >/dev/null)
  dotnet "$DLL" create-user --email organiser@bench.maillage.test --password 'bench-agenda-2026-long' \
    --role eventOrganiser --scope structure:grand-geneve/annemasse >/dev/null
  local token; token=$(dotnet "$DLL" create-token --email organiser@bench.maillage.test --name bench --scopes read,agenda | tail -n 1)
  local port; port=$(free_port)
  (cd "$ROOT/src/Maillage" && exec dotnet "$DLL" --urls "http://127.0.0.1:$port") >"$WORK/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.1; done
  local structure
  if [[ $DATABASE == postgres ]]; then
    structure=$(psql "$(pg_uri "$ConnectionStrings__Maillage")" -tAc "SELECT \"Id\" FROM \"Structures\" WHERE \"Slug\" = 'annemasse'")
  else
    structure=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT Id FROM Structures WHERE Slug = 'annemasse'\").fetchone()[0])" "$WORK/data/maillage.db")
  fi
  local event; event=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/events" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"title\":\"Bench\",\"type\":\"tradeZoom\",\"structureId\":$structure,\"startsAt\":\"2027-03-01T13:00:00Z\",\"endsAt\":\"2027-03-01T15:00:00Z\",\"capacity\":${BENCH_CAPACITY:-100000},\"registrationMode\":\"waitlist\",\"roomName\":\"Salle\",\"status\":\"published\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  cat > "$WORK/post.lua" <<LUA
local counter = 1
function setup(thread) thread:set("tid", counter); counter = counter + 1 end
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  n = n + 1
  return wrk.format(nil, "/api/v1/events/$event/registrations", nil, '{"firstName":"Camille","lastName":"Rush","email":"' .. PHASE .. '-' .. tid .. '-' .. n .. '@bench.maillage.test","phone":"04 50 00 00 00","publicStatus":"jobSeeker","consent":true}')
end
LUA
  sed 's/PHASE/"warm"/' "$WORK/post.lua" > "$WORK/warm.lua"; sed 's/PHASE/"run"/' "$WORK/post.lua" > "$WORK/run.lua"
  wrk -t2 -c64 -d15s -s "$WORK/warm.lua" "http://127.0.0.1:$port" >/dev/null # warm-up (JIT), not measured
  local c0 c1 p0 p1 out reqs
  c0=$(awk '{print $14+$15}' "/proc/$APP_PID/stat"); p0=$(pg_ticks)
  out=$(wrk -t2 -c64 -d"${SECONDS_EACH}s" --latency -s "$WORK/run.lua" "http://127.0.0.1:$port")
  c1=$(awk '{print $14+$15}' "/proc/$APP_PID/stat"); p1=$(pg_ticks)
  reqs=$(echo "$out" | awk '/requests in/ {print $1}')
  local errors; errors=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  local pg=""
  [[ $DATABASE == postgres ]] && pg=", PostgreSQL CPU $(python3 -c "print(round(($p1 - $p0) * 10 / $reqs, 2))") ms/registration"
  printf '%s (%s): %s registrations/s, p99 %s, server CPU %s ms/registration%s%s\n' "$1" "$DATABASE" \
    "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" "$(echo "$out" | awk '$1 == "99%" {print $2}')" \
    "$(python3 -c "print(round(($c1 - $c0) * 10 / $reqs, 2))")" "$pg" "${errors:+, $errors non-2xx}"
  cleanup
}
measure "with the e-mail dispatcher (every 5 s)" 5
measure "request alone (dispatcher held back)" 3600
