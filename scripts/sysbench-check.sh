#!/usr/bin/env bash
# Runs sysbench's OLTP workloads (prepare, a short run, cleanup) against a fresh `tilite serve` and fails on
# any error. Usage: scripts/sysbench-check.sh [seconds-per-run]   (env: SYSBENCH_TABLES, SYSBENCH_TABLE_SIZE,
# SYSBENCH_THREADS, TILITE_PORT to use an already running server instead of starting one).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
secs="${1:-5}"
tables="${SYSBENCH_TABLES:-2}"
size="${SYSBENCH_TABLE_SIZE:-1000}"
threads="${SYSBENCH_THREADS:-1}"
workloads=(oltp_read_write oltp_point_select oltp_insert oltp_update_index oltp_delete select_random_ranges)

if ! command -v sysbench >/dev/null; then
  echo "sysbench is not installed (Debian/Ubuntu: apt-get install -y sysbench)" >&2
  exit 2
fi

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

port="${TILITE_PORT:-}"
if [[ -z "$port" ]]; then
  # The compiled CLI when built, else the sources through tsx; port 0 lets the OS pick a free port.
  # The log exists before the server starts: the port poll below must not race the redirection.
  : >"$work/server.log"
  if [[ -f "$root/dist/src/cli/main.js" ]]; then
    node "$root/bin/tilite.js" serve --port 0 --memory >"$work/server.log" 2>&1 &
  else
    printf 'const { main } = await import(%s);\nprocess.exitCode = await main(process.argv.slice(2));\n' \
      "'$root/src/cli/main.ts'" >"$work/serve.mts"
    "$root/node_modules/.bin/tsx" "$work/serve.mts" serve --port 0 --memory >"$work/server.log" 2>&1 &
  fi
  server_pid=$!
  for _ in $(seq 1 200); do
    port="$(sed -n 's/.*listening on [^:]*:\([0-9]*\).*/\1/p' "$work/server.log")"
    [[ -n "$port" ]] && break
    if ! kill -0 "$server_pid" 2>/dev/null; then cat "$work/server.log" >&2; echo "server did not start" >&2; exit 1; fi
    sleep 0.1
  done
  [[ -n "$port" ]] || { cat "$work/server.log" >&2; echo "server did not report its port" >&2; exit 1; }
fi

# Concurrent oltp_read_write transactions lock rows in random orders, so deadlocks (1213) happen against
# any locking database, MySQL included; sysbench retries them by default, and so does this check (they are
# counted and printed). Every other error fails the check.
common=(--db-driver=mysql --mysql-host=127.0.0.1 "--mysql-port=$port" --mysql-user=root --mysql-db=test
  "--tables=$tables" "--table-size=$size" --mysql-ignore-errors=1213)
failed=0

# Runs one sysbench phase; fails when sysbench exits non-zero or reports errors of any kind.
phase() {
  local workload="$1" what="$2"; shift 2
  local out="$work/$workload-$what.log"
  if ! timeout 300 sysbench "$workload" "${common[@]}" "$@" "$what" >"$out" 2>&1; then
    echo "FAIL $workload $what (exit status)"; tail -20 "$out"; failed=1; return 1
  fi
  if grep -qiE 'FATAL|error [0-9]+' "$out" || grep -qE 'reconnects: +[1-9]' "$out"; then
    echo "FAIL $workload $what (errors reported)"; grep -iE 'FATAL|error|reconnects' "$out" | head -20; failed=1; return 1
  fi
  if [[ "$what" == run ]]; then
    echo "ok   $workload run: $(grep -E 'queries:' "$out" | tr -s ' ' | head -1), deadlocks retried: $(grep -E 'ignored errors:' "$out" | tr -s ' ' | cut -d' ' -f4)"
  else
    echo "ok   $workload $what"
  fi
}

for w in "${workloads[@]}"; do
  # select_random_ranges refuses --tables > 1 in every phase.
  extra=()
  [[ "$w" == select_random_ranges ]] && extra=(--tables=1)
  phase "$w" prepare "${extra[@]}" || continue
  phase "$w" run "${extra[@]}" "--time=$secs" "--threads=$threads" || true
  phase "$w" cleanup "${extra[@]}" || true
done

if [[ "$failed" != 0 ]]; then echo "sysbench check FAILED"; exit 1; fi
echo "sysbench check passed (port $port)"
