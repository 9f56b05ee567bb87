#!/usr/bin/env bash
# Funding benchmark (issue 21, "Speed"): the annual report of a convention whose territory holds 1 million visits and
# 2 000 events in the year — the report page (p99 < 300 ms), its PDF, XLSX and ODS (< 1 s), and the indicators it uses
# through Indicators.ComputeAsync against the hand-written SQL of bench/indicators in the same run (≥ 0.5×).
# Results: bench/results/funding-latest.md (git-ignored) and docs/PERFORMANCE.md (section "Funding").
#   ./bench/funding/run.sh                                          SQLite, 1 000 000 visits, 2 000 events, 50 runs
#   MAILLAGE_BENCH_POSTGRES='Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres' BENCH_DATABASES=postgres ./bench/funding/run.sh
# The seeded data is kept (bench/funding/data, git-ignored; PostgreSQL database maillage_bench_funding) so that a second
# run skips the seeding. Knobs: BENCH_VISITS, BENCH_EVENTS, BENCH_RUNS, BENCH_DATA (the SQLite directory).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/bench/funding"
VISITS=${BENCH_VISITS:-1000000}
EVENTS=${BENCH_EVENTS:-2000}
RUNS=${BENCH_RUNS:-50}
DATABASES=${BENCH_DATABASES:-sqlite}
SERVER=${MAILLAGE_BENCH_POSTGRES:-Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres}
libpq() { echo "$1" | sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Database=/dbname=/; s/Password=/password=/'; }
dotnet build "$HERE/FundingBench/FundingBench.csproj" -c Release -v q -nologo >/dev/null
BIN="$HERE/FundingBench/bin/Release/net10.0/FundingBench.dll"
mkdir -p "$ROOT/bench/results"
export Logging__LogLevel__Default=Warning Email__PickupDirectory="${TMPDIR:-/tmp}/maillage-funding-bench-mail"
{
echo "# Funding benchmark — $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$ROOT" rev-parse --short HEAD)"
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
for db in $DATABASES; do
  echo "load average before $db: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ "$db" = sqlite ]; then
    DATA=${BENCH_DATA:-$HERE/data}
    mkdir -p "$DATA"
    Database__Provider=Sqlite Maillage__DataDirectory="$DATA" dotnet "$BIN" "$VISITS" "$EVENTS" "$RUNS"
  else
    DBNAME=maillage_bench_funding
    psql "$(libpq "$SERVER")" -tAc "SELECT 1 FROM pg_database WHERE datname='$DBNAME'" | grep -q 1 || psql "$(libpq "$SERVER")" -c "CREATE DATABASE $DBNAME" >/dev/null
    Database__Provider=Postgres ConnectionStrings__Maillage="$(echo "$SERVER" | sed "s/Database=[^;]*/Database=$DBNAME/")" dotnet "$BIN" "$VISITS" "$EVENTS" "$RUNS"
  fi
  echo "load average after $db: $(cut -d' ' -f1-3 /proc/loadavg)"
done
} | tee "$ROOT/bench/results/funding-latest.md"
