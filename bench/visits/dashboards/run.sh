#!/usr/bin/env bash
# Dashboards over 10 million visits of one Cité, on SQLite and PostgreSQL (docs/performance-history.md, "Visit dashboards").
#   ./bench/visits/dashboards/run.sh                 10 000 000 visits over 10 years, 50 runs, both databases
#   BENCH_COUNT=1000000 BENCH_DATABASES=sqlite ./bench/visits/dashboards/run.sh
# PostgreSQL: MAILLAGE_BENCH_POSTGRES (a server connection string; the database maillage_bench_visits is
# created there and kept, so that a second run skips the seeding), default the test server on port 55432.
# The SQLite file is kept in bench/visits/dashboards/data (git-ignored) for the same reason.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
COUNT=${BENCH_COUNT:-10000000}
YEARS=${BENCH_YEARS:-10}
RUNS=${BENCH_RUNS:-50}
DATABASES=${BENCH_DATABASES:-sqlite postgres}
SERVER=${MAILLAGE_BENCH_POSTGRES:-Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres}
libpq() { echo "$1" | sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Database=/dbname=/; s/Password=/password=/'; }
dotnet build "$HERE/DashboardBench.csproj" -c Release -v q -nologo >/dev/null
BIN="$HERE/bin/Release/net10.0/DashboardBench.dll"
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%Y-%m-%dT%H:%MZ)"
for db in $DATABASES; do
  echo "load average before $db: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ "$db" = sqlite ]; then
    mkdir -p "$HERE/data"
    Maillage__DataDirectory="$HERE/data" dotnet "$BIN" "$COUNT" "$YEARS" "$RUNS"
  else
    CS="$SERVER"
    DBNAME=maillage_bench_visits
    psql "$(libpq "$CS")" -tAc "SELECT 1 FROM pg_database WHERE datname='$DBNAME'" | grep -q 1 || psql "$(libpq "$CS")" -c "CREATE DATABASE $DBNAME" >/dev/null
    Database__Provider=Postgres ConnectionStrings__Maillage="$(echo "$CS" | sed "s/Database=[^;]*/Database=$DBNAME/")" dotnet "$BIN" "$COUNT" "$YEARS" "$RUNS"
  fi
  echo "load average after $db: $(cut -d' ' -f1-3 /proc/loadavg)"
done
