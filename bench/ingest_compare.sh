#!/usr/bin/env bash
# Side-by-side ingest benchmark: Debian's InfluxDB 1.6.7 and Sundial (release build) on loopback, the same load
# generator (../shared/bench/ingest_bench.py: 2,000,000 points, batches of 5000, 4 clients), both syncing their WAL
# before acknowledging. Then both are flushed and compacted and their bytes per stored value compared.
#
# usage: bench/ingest_compare.sh [ROUNDS]        env: SHARED_DIR (default ../shared), POINTS (default 2000000)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${SHARED_DIR:-$(cd .. && pwd)/shared}"
[ -f "$SHARED/bench/ingest_bench.py" ] || { echo "load generator not found under $SHARED/bench (set SHARED_DIR)" >&2; exit 1; }
ROUNDS="${1:-2}"
POINTS="${POINTS:-2000000}"
WORK="$(mktemp -d /tmp/sundial-ingest-XXXX)"
INFLUX_PORT=18186
SUNDIAL_PORT=18086

swift build -c release --product sundial >&2
SUNDIAL=.build/release/sundial

# InfluxDB snapshots its cache and compacts once a shard has been cold this long; short so the disk figure is final.
export INFLUXDB_DATA_CACHE_SNAPSHOT_WRITE_COLD_DURATION=1s INFLUXDB_DATA_COMPACT_FULL_WRITE_COLD_DURATION=1s
INFLUX_PID=$(INFLUX_WIPE=1 "$SHARED/bench/start_influxd.sh" "$WORK/influx" "$INFLUX_PORT" | tail -1)
"$SUNDIAL" serve --data-dir "$WORK/sundial" --store-bind-address "127.0.0.1:$SUNDIAL_PORT" \
    --tasks-bind-address 127.0.0.1:19192 --control-bind-address 127.0.0.1:18988 --log-level error &
SUNDIAL_PID=$!
trap 'kill $INFLUX_PID $SUNDIAL_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$SUNDIAL_PORT/ping" && break; sleep 0.1; done

run() {  # name port pid db
    python3 "$SHARED/bench/ingest_bench.py" --url "http://127.0.0.1:$2" --db "$4" --create-db --points "$POINTS" --server-pid "$3" \
        | sed "s/^/{\"server\": \"$1\", \"round_db\": \"$4\", \"result\": /; s/$/}/"
}
# Each round starts on a quiet machine: the previous round's server is still snapshotting and compacting what it
# was sent (InfluxDB runs here with 1s cold durations), and that must not be charged to the other server.
wait_quiet() {
    python3 - <<'PY'
import time
def busy():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:9]]
    return sum(v) - v[3] - v[4], sum(v)
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    b0, t0 = busy(); time.sleep(1); b1, t1 = busy()
    if (b1 - b0) / max(t1 - t0, 1) < 0.1:  # under 10% of the machine's cores busy
        break
PY
}
for round in $(seq 1 "$ROUNDS"); do
    wait_quiet
    run influxdb "$INFLUX_PORT" "$INFLUX_PID" "bench_r$round"
    wait_quiet
    run sundial "$SUNDIAL_PORT" "$SUNDIAL_PID" "bench_r$round"
done

sleep 20  # let InfluxDB snapshot and compact its cold shards
kill "$INFLUX_PID"; wait "$INFLUX_PID" 2>/dev/null || true
kill "$SUNDIAL_PID"; wait "$SUNDIAL_PID" 2>/dev/null || true
"$SUNDIAL" store compact --data-dir "$WORK/sundial" >&2
influx_bytes=$(du -sb "$WORK/influx/data" "$WORK/influx/wal" | awk '{s+=$1} END {print s}')
sundial_bytes=$(du -sb "$WORK/sundial/store" | awk '{print $1}')
values=$((POINTS * 4 * ROUNDS))
python3 - "$influx_bytes" "$sundial_bytes" "$values" <<'PY'
import json, sys
influx, sundial, values = map(int, sys.argv[1:])
print(json.dumps({"disk": {"influxdb_bytes": influx, "sundial_bytes": sundial, "values": values,
      "influxdb_bytes_per_value": round(influx / values, 3), "sundial_bytes_per_value": round(sundial / values, 3)}}))
PY
rm -rf "$WORK"
