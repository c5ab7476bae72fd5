#!/usr/bin/env bash
# Start-up of the app, side by side: from launching the built program to GET /health answering 200, for each checkout
# in turn (A B A B …, so both see the same machine load), N rounds; prints every time and each checkout's median.
# Usage: bench/startup/measure-startup.sh <checkout-A> <checkout-B> [rounds=7] [port=5399]
# Each checkout must be built (dotnet build <checkout>/src/Server); each starts its own private PostgreSQL as usual
# (one warm-up start each, not counted, initialises the clusters).
set -euo pipefail
a=$(cd "$1" && pwd); b=$(cd "$2" && pwd); rounds=${3:-7}; port=${4:-5399}
once() {
  local checkout=$1 start end pid dll="$1/src/Server/bin/Debug/net10.0/Server.dll"
  [ -f "$dll" ] || { echo "not built: $dll" >&2; exit 1; }
  start=$(date +%s.%N)
  (cd "$checkout/src/Server" && ASPNETCORE_URLS="http://127.0.0.1:$port" exec dotnet "$dll" >/tmp/startup-$port.log 2>&1) &
  pid=$!
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null; do
    sleep 0.05
    kill -0 $pid 2>/dev/null || { echo "app exited; see /tmp/startup-$port.log" >&2; exit 1; }
  done
  end=$(date +%s.%N)
  kill -TERM $pid; wait $pid 2>/dev/null || true
  echo "$end - $start" | bc
}
median() { sort -n | awk '{v[NR]=$1} END {printf "%.2f", v[int((NR+1)/2)]}'; }
once "$a" >/dev/null; once "$b" >/dev/null
ta=(); tb=()
for _ in $(seq "$rounds"); do ta+=("$(once "$a")"); tb+=("$(once "$b")"); done
echo "A $a: ${ta[*]}"; echo "B $b: ${tb[*]}"
ma=$(printf '%s\n' "${ta[@]}" | median); mb=$(printf '%s\n' "${tb[@]}" | median)
echo "median A: ${ma} s   median B: ${mb} s   B/A: $(echo "scale=2; $mb / $ma" | bc)   load: $(cut -d' ' -f1-3 /proc/loadavg)"
