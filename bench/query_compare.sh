#!/usr/bin/env bash
# Side-by-side query benchmark: the ingest data set (2,000,000 points) written to Debian's InfluxDB 1.6.7 and to
# Sundial (release build), then ../shared/bench/query_bench.py against both. InfluxDB's first answers are the golden
# file Sundial's are compared with. Prints both latency tables (stderr of query_bench) and the JSON results.
#
# usage: bench/query_compare.sh [REPEAT]        env: SHARED_DIR (default ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${SHARED_DIR:-$(cd .. && pwd)/shared}"
REPEAT="${1:-10}"
WORK="$(mktemp -d /tmp/sundial-query-XXXX)"
swift build -c release --product sundial >&2
INFLUX_PID=$(INFLUX_WIPE=1 "$SHARED/bench/start_influxd.sh" "$WORK/influx" 18186 | tail -1)
.build/release/sundial serve --data-dir "$WORK/sundial" --store-bind-address 127.0.0.1:18086 \
    --tasks-bind-address 127.0.0.1:19192 --control-bind-address 127.0.0.1:18988 --log-level error &
SUNDIAL_PID=$!
trap 'kill $INFLUX_PID $SUNDIAL_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:18086/ping" && break; sleep 0.1; done
for port in 18186 18086; do
    python3 "$SHARED/bench/ingest_bench.py" --url "http://127.0.0.1:$port" --create-db > /dev/null
done
sleep 15  # let InfluxDB snapshot its cache, as a long-running server would have
# Before each query, wait (up to a minute) for the machine to be quiet: InfluxDB compacts what the ingest wrote for a
# while after it, and a query timed during that would make InfluxDB look slower than it is.
python3 "$SHARED/bench/query_bench.py" --url http://127.0.0.1:18186 --repeat "$REPEAT" --server-pid "$INFLUX_PID" \
    --quiet-wait 60 --golden-out "$WORK/golden.json" --out "$WORK/influx.json"
python3 "$SHARED/bench/query_bench.py" --url http://127.0.0.1:18086 --repeat "$REPEAT" --server-pid "$SUNDIAL_PID" \
    --quiet-wait 60 --golden "$WORK/golden.json" --out "$WORK/sundial.json"
python3 - "$WORK/influx.json" "$WORK/sundial.json" <<'PY'
import json, sys
influx, sundial = (json.load(open(p)) for p in sys.argv[1:])
print(json.dumps({"influxdb": influx, "sundial": sundial}))
PY
