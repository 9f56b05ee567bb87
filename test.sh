#!/usr/bin/env bash
# Runs every test project on SQLite and on PostgreSQL.
# Installs what the tests need when it is missing (Debian's postgresql and chromium), starts a
# throwaway PostgreSQL cluster on a free port in a temporary folder, and stops it at the end.
set -euo pipefail
cd "$(dirname "$0")"

need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || need+=(python3-aiosmtpd)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} (Debian packages)..."
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pgdir=$(mktemp -d /tmp/maillage-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$pgdir"
stop_pg() {
  as_pg "$pgbin/pg_ctl" -D "$pgdir" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pgdir"
}
trap stop_pg EXIT
as_pg "$pgbin/initdb" -D "$pgdir" -U postgres --auth=trust >/dev/null
as_pg "$pgbin/pg_ctl" -D "$pgdir" -l "$pgdir/server.log" -w \
  -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off" start >/dev/null
echo "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"

projects=$(ls tests/*/*.csproj)
for p in $projects; do dotnet build "$p" -c Release -nologo -v q; done

passed=0; failed=0; skipped=0; status=0
for db in sqlite postgres; do
  for p in $projects; do
    echo "=== $(basename "$p" .csproj) on $db"
    log=$(mktemp)
    set +e
    MAILLAGE_TEST_DATABASE=$db \
    MAILLAGE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Maximum Pool Size=50" \
      dotnet test "$p" -c Release --no-build -nologo 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    set -e
    summary=$(grep -E "(Passed|Failed)!" "$log" | tail -n 1 || true)
    f=$(echo "$summary" | sed -nE 's/.*Failed: +([0-9]+).*/\1/p'); p_=$(echo "$summary" | sed -nE 's/.*Passed: +([0-9]+).*/\1/p')
    s_=$(echo "$summary" | sed -nE 's/.*Skipped: +([0-9]+).*/\1/p')
    passed=$((passed + ${p_:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s_:-0}))
    if [ "$rc" -ne 0 ]; then status=1; [ -n "$f" ] && [ "$f" -gt 0 ] || failed=$((failed + 1)); fi
    rm -f "$log"
  done
done
echo
# Skipped: tests of one database only ([PostgresFact], [SqliteFact]) on the other; see tests/README.md.
echo "$passed passed, $skipped skipped, $failed failed"
exit $status
