#!/usr/bin/env bash
# The indicators of an annual report over a territory of 1 million visits and 2 000 events in the year, through the one
# door (Indicators.ComputeAsync) against hand-written ADO.NET SQL computing the same figures, in the same run
# (docs/PERFORMANCE.md, "Indicators"; issue 21, "Speed": at least 0.5× the baseline).
#   ./bench/indicators/run.sh                       1 000 000 visits, 2 000 events, 30 runs, both databases
#   BENCH_VISITS=100000 BENCH_DATABASES=sqlite ./bench/indicators/run.sh
# PostgreSQL: MAILLAGE_BENCH_POSTGRES (a server connection string; the database maillage_bench_indicators is created
# there and kept, so that a second run skips the seeding), default the test server on port 55432.
# The SQLite file is kept in bench/indicators/data (git-ignored) for the same reason.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
VISITS=${BENCH_VISITS:-1000000}
EVENTS=${BENCH_EVENTS:-2000}
RUNS=${BENCH_RUNS:-30}
DATABASES=${BENCH_DATABASES:-sqlite postgres}
SERVER=${MAILLAGE_BENCH_POSTGRES:-Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres}
libpq() { echo "$1" | sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Database=/dbname=/; s/Password=/password=/'; }
dotnet build "$HERE/IndicatorBench.csproj" -c Release -v q -nologo >/dev/null
BIN="$HERE/bin/Release/net10.0/IndicatorBench.dll"
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%Y-%m-%dT%H:%MZ)"
for db in $DATABASES; do
  echo "load average before $db: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ "$db" = sqlite ]; then
    mkdir -p "$HERE/data"
    Maillage__DataDirectory="$HERE/data" dotnet "$BIN" "$VISITS" "$EVENTS" "$RUNS"
  else
    DBNAME=maillage_bench_indicators
    psql "$(libpq "$SERVER")" -tAc "SELECT 1 FROM pg_database WHERE datname='$DBNAME'" | grep -q 1 || psql "$(libpq "$SERVER")" -c "CREATE DATABASE $DBNAME" >/dev/null
    Database__Provider=Postgres ConnectionStrings__Maillage="$(echo "$SERVER" | sed "s/Database=[^;]*/Database=$DBNAME/")" dotnet "$BIN" "$VISITS" "$EVENTS" "$RUNS"
  fi
  echo "load average after $db: $(cut -d' ' -f1-3 /proc/loadavg)"
done
