#!/usr/bin/env bash
# Measures the app's start-up: from launching the built program to GET /health answering healthy, N times, and prints
# each time and the median. Usage: bench/startup/measure-startup.sh <checkout> [runs=5] [port=5399]
# The checkout must be built (dotnet build <checkout>/src/Server). Its private PostgreSQL is started by the app as usual
# (the first run initialises the cluster and is not counted).
set -euo pipefail
checkout=$(cd "$1" && pwd); runs=${2:-5}; port=${3:-5399}
dll="$checkout/src/Server/bin/Debug/net10.0/Server.dll"
[ -f "$dll" ] || { echo "not built: $dll" >&2; exit 1; }
once() {
  local start end pid
  start=$(date +%s.%N)
  (cd "$checkout/src/Server" && exec dotnet "$dll" --urls "http://127.0.0.1:$port" >/tmp/startup-$port.log 2>&1) &
  pid=$!
  until curl -fsS "http://127.0.0.1:$port/health" 2>/dev/null | grep -Eiq '"healthy": ?true|"status": ?"healthy"|^healthy'; do
    sleep 0.05
    kill -0 $pid 2>/dev/null || { echo "app exited; see /tmp/startup-$port.log" >&2; exit 1; }
  done
  end=$(date +%s.%N)
  kill -TERM $pid; wait $pid 2>/dev/null || true
  echo "$end - $start" | bc
}
once >/dev/null   # warm-up: creates the private cluster
times=()
for _ in $(seq "$runs"); do times+=("$(once)"); done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "runs: %d  median: %.2f s  min: %.2f s  max: %.2f s\n", NR, a[int((NR+1)/2)], a[1], a[NR]}'
