#!/usr/bin/env bash
# Documents benchmark (issue 21, "Speed"): a report of about 40 pages (a 2 000-row table) rendered as PDF, DOCX, XLSX and
# ODS in one process, warm; target: each well under 1 s. No database, no server: the renderers alone.
#
#   ./bench/documents/run.sh            2 000 rows, 15 renders per format
#   ./bench/documents/run.sh 5000 10    rows, renders
# Writes bench/results/documents-latest.md (git-ignored); the current figures go to docs/PERFORMANCE.md ("Documents").
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$ROOT/bench/results"
OUT="$ROOT/bench/results/documents-latest.md"
dotnet build -c Release "$ROOT/bench/documents/DocumentsBench" -v q -nologo >"$ROOT/bench/results/documents-build.log" || { cat "$ROOT/bench/results/documents-build.log" >&2; exit 1; }
{
  echo "# Documents benchmark — $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1 /proc/loadavg) at start; $(dotnet --version)."
  echo
  dotnet "$ROOT/bench/documents/DocumentsBench/bin/Release/net10.0/DocumentsBench.dll" "$@"
} | tee "$OUT"
