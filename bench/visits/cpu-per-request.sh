#!/usr/bin/env bash
# CPU time the server spends per request, for one visit POSTed to /api/v1/visits and for GET /api/v1/me, with an
# API token, at 16 connections (wrk). Unlike latency, CPU time per request barely moves with the load of other
# processes, so two builds can be compared on a busy machine (docs/decisions/0006, docs/PERFORMANCE.md).
#
#   ./bench/visits/cpu-per-request.sh                        this working tree
#   ./bench/visits/cpu-per-request.sh path/to/Maillage.dll   another build (e.g. of an older commit) on the same data
# SQLite only. Needs wrk (Debian package `wrk`). Knob: BENCH_SECONDS (10).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SECONDS_EACH=${BENCH_SECONDS:-10}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 2; }
WORK=$(mktemp -d /tmp/maillage-cpu-bench.XXXXXX)
APP_PID=""
cleanup() { [[ -n "$APP_PID" ]] && kill "$APP_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
if [[ $# -ge 1 ]]; then DLL=$(realpath "$1"); else
  dotnet build "$ROOT/src/Maillage/Maillage.csproj" -c Release -nologo -v q >/dev/null
  DLL="$ROOT/src/Maillage/bin/Release/net10.0/Maillage.dll"
fi
export ASPNETCORE_ENVIRONMENT=Production Maillage__Security__RequireTwoFactor=false Logging__LogLevel__Default=Warning
export Database__Provider=Sqlite Maillage__DataDirectory="$WORK/data"
dotnet "$DLL" migrate >/dev/null
dotnet "$DLL" create-user --email cpu.bench@bench.maillage.test --password 'bench-visits-2026-long' \
  --role receptionAgent --scope structure:grand-geneve/saint-julien-en-genevois >/dev/null
TOKEN=$(dotnet "$DLL" create-token --email cpu.bench@bench.maillage.test --name bench --scopes read,visits | tail -n 1)
STRUCTURE=$(python3 - "$WORK/data/maillage.db" <<'PY'
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT Id FROM Structures WHERE Slug = 'saint-julien-en-genevois'").fetchone()[0])
PY
)
cat > "$WORK/post.lua" <<LUA
math.randomseed(os.time())
local function uuid()
  return (string.gsub('xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx', '[xy]', function (c)
    return string.format('%x', (c == 'x') and math.random(0, 15) or math.random(8, 11)) end))
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $TOKEN"
request = function()
  return wrk.format(nil, "/api/v1/visits", nil, '{"clientId":"' .. uuid() .. '","structureId":$STRUCTURE,"kind":"visit","channel":"walkIn","publicStatus":"jobSeeker","ageBracket":"26-44","gender":"female","needs":[],"services":[]}')
end
LUA
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dotnet "$DLL" --urls "http://127.0.0.1:$PORT" >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.2; done
ticks() { awk '{print $14 + $15}' "/proc/$APP_PID/stat"; }
hz=$(getconf CLK_TCK)
run() { # what, wrk arguments...
  local what=$1; shift
  wrk -t2 -c16 -d3s "$@" >/dev/null   # warm-up
  local t0 out t1 n
  t0=$(ticks); out=$(wrk -t2 -c16 -d"${SECONDS_EACH}s" --latency "$@"); t1=$(ticks)
  n=$(echo "$out" | grep -oP '\d+(?= requests in)')
  printf '| %s | %s requests | %s ms CPU/request | p50 %s | p99 %s | load %s |\n' "$what" "$n" \
    "$(python3 -c "print(round(($t1 - $t0) * 1000 / $hz / $n, 3))")" \
    "$(echo "$out" | awk '$1 == "50%" {print $2}')" "$(echo "$out" | awk '$1 == "99%" {print $2}')" "$(cut -d' ' -f1 /proc/loadavg)"
}
echo "| request | count | server CPU | latency p50 | latency p99 | load average |"
echo "|---|---|---|---|---|---|"
run "POST /api/v1/visits (one visit)" -s "$WORK/post.lua" "http://127.0.0.1:$PORT"
run "GET /api/v1/me" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/me"
