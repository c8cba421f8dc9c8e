#!/usr/bin/env bash
# What gzip adds to large /query answers, Sundial (release build) beside Debian's InfluxDB 1.6.7: the same 200,000
# points (../shared/bench/ingest_bench.py) in both, then each large query over one keep-alive connection with and
# without `Accept-Encoding: gzip` (bench/request_loop.py: median latency, server CPU, answer size).
#
# usage: bench/gzip_compare.sh [REQUESTS] [ROUNDS]        env: SHARED_DIR (default ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${SHARED_DIR:-$(cd .. && pwd)/shared}"
REQUESTS="${1:-40}"
ROUNDS="${2:-3}"
WORK="$(mktemp -d /tmp/sundial-gzip-XXXX)"
swift build -c release --product sundial >&2
INFLUX_PID=$(INFLUX_WIPE=1 "$SHARED/bench/start_influxd.sh" "$WORK/influx" 18186 | tail -1)
.build/release/sundial serve --data-dir "$WORK/sundial" --store-bind-address 127.0.0.1:18086 \
    --tasks-bind-address 127.0.0.1:19192 --control-bind-address 127.0.0.1:18988 --log-level error &
SUNDIAL_PID=$!
trap 'kill $INFLUX_PID $SUNDIAL_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:18086/ping" && break; sleep 0.1; done
for port in 18186 18086; do
    python3 "$SHARED/bench/ingest_bench.py" --url "http://127.0.0.1:$port" --create-db --points 200000 > /dev/null
done
sleep 15  # let InfluxDB snapshot its cache, as a long-running server would have
quote() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote_plus(sys.argv[1]))' "$1"; }
for query in "SELECT * FROM cpu WHERE host = 'host_7'" "SELECT * FROM cpu LIMIT 20000"; do
    target="/query?db=bench&q=$(quote "$query")"
    python3 bench/request_loop.py --requests "$REQUESTS" --rounds "$ROUNDS" \
        "18186:$INFLUX_PID:$target" "18186:$INFLUX_PID:$target HEADER Accept-Encoding: gzip" \
        "18086:$SUNDIAL_PID:$target" "18086:$SUNDIAL_PID:$target HEADER Accept-Encoding: gzip"
done
