#!/usr/bin/env bash
# First start of the application as `dotnet run` makes it (Development, SQLite, an empty data directory): the time
# from launching the built application to its first answer on /health, i.e. migrating, loading the reference network,
# seeding the demo users, events and ~105 000 demo visits. The build is done first and not timed. See docs/PERFORMANCE.md.
#
#   ./bench/first-start/run.sh              3 runs, prints each and the median
#   BENCH_RUNS=5 ./bench/first-start/run.sh
#   BENCH_CONFIGURATION=Debug ./bench/first-start/run.sh   (as `dotnet run`; Release by default)
#   BENCH_BEFORE=<commit> ./bench/first-start/run.sh        also measures <commit> (exported with git archive, built
#                                                          apart), alternating runs, for a before/after in one run
#   BENCH_AFTER=<commit>                                   measure <commit> instead of this working tree (exported too)
set -euo pipefail
HERE=$(cd "$(dirname "$0")/../.." && pwd)
REPO=$HERE
RUNS=${BENCH_RUNS:-3}
CONFIGURATION=${BENCH_CONFIGURATION:-Release}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

if [ -n "${BENCH_AFTER:-}" ]; then
  AFTER=$(mktemp -d /tmp/maillage-first-start-after.XXXXXX)
  git -C "$REPO" archive "$BENCH_AFTER" | tar -x -C "$AFTER"
  HERE=$AFTER
fi
SOURCES=("$HERE")
if [ -n "${BENCH_BEFORE:-}" ]; then
  BEFORE=$(mktemp -d /tmp/maillage-first-start-before.XXXXXX)
  git -C "$REPO" archive "$BENCH_BEFORE" | tar -x -C "$BEFORE"
  SOURCES=("$BEFORE" "$HERE")
fi
for ROOT in "${SOURCES[@]}"; do dotnet build "$ROOT/src/Maillage" -c "$CONFIGURATION" -v q -nologo >/dev/null; done
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC'); $CONFIGURATION"
declare -A times cpus
for run in $(seq "$RUNS"); do
 for ROOT in "${SOURCES[@]}"; do
  label=$([ "$ROOT" = "$HERE" ] && echo "${BENCH_AFTER:-this tree}" || echo "$BENCH_BEFORE")
  DLL="$ROOT/src/Maillage/bin/$CONFIGURATION/net10.0/Maillage.dll"
  WORK=$(mktemp -d /tmp/maillage-first-start.XXXXXX)
  PORT=$(free_port)
  start=$(date +%s%N)
  (cd "$ROOT/src/Maillage" && ASPNETCORE_ENVIRONMENT=Development exec dotnet "$DLL" --urls "http://127.0.0.1:$PORT" \
      --Maillage:DataDirectory="$WORK" --Email:PickupDirectory="$WORK/mail" >"$WORK/log" 2>&1) &
  pid=$!
  until curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "the application stopped:"; tail -20 "$WORK/log"; exit 1; fi
    sleep 0.1
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  # Processor time of the application so far (user + system, /proc clock ticks): steadier than the wall time on a busy machine.
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%d", ($14 + $15) * 1000 / hz}' "/proc/$pid/stat")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  visits=$(python3 -c "import sqlite3,glob; print(sqlite3.connect(glob.glob('$WORK/*.db')[0]).execute('select count(*) from Visits').fetchone()[0])")
  echo "run $run, $label: first start ${ms} ms past the build, ${cpu} ms of processor time ($visits visits seeded, load $(cut -d' ' -f1 /proc/loadavg))"
  times[$label]="${times[$label]:-} $ms"
  cpus[$label]="${cpus[$label]:-} $cpu"
  grep -h "Start-up:" "$WORK/log" | sed "s/^ */    /" || true
  rm -rf "$WORK"
 done
done
for label in "${!times[@]}"; do
  median=$(printf '%s\n' ${times[$label]} | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  cpu=$(printf '%s\n' ${cpus[$label]} | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "median, $label: ${median} ms, ${cpu} ms of processor time"
done
