#!/usr/bin/env bash
# Side-by-side query benchmark: the ingest data set (2,000,000 points) written to Debian's InfluxDB 1.6.7 and to
# Sundial (release build), then ../shared/bench/query_bench.py against both, one query at a time, InfluxDB then
# Sundial. InfluxDB's first answers are the golden files Sundial's are compared with. Prints the latency lines of
# query_bench and a ratio table (stderr) and the merged JSON results (stdout).
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
# Query by query, InfluxDB then Sundial, so both see the machine in the same state (this VM's speed drifts over
# minutes); before each, wait (up to a minute) for the machine to be quiet: InfluxDB compacts what the ingest wrote for
# a while after it, and a query timed during that would make InfluxDB look slower than it is.
QUERIES="mean_usage_user_1m_by_host_1h max_usage_system_host_7 count_usage_idle_all last_star_by_host show_tag_values_host
raw_select_limit_1000 mean_usage_idle_10m_all_24h sum_counter_cpu0_1h_buckets_12h raw_one_series_1h percentile_regex_hosts"
for id in $QUERIES; do
    python3 "$SHARED/bench/query_bench.py" --url http://127.0.0.1:18186 --repeat "$REPEAT" --server-pid "$INFLUX_PID" \
        --only "$id" --quiet-wait 60 --golden-out "$WORK/golden-$id.json" --out "$WORK/influx-$id.json"
    python3 "$SHARED/bench/query_bench.py" --url http://127.0.0.1:18086 --repeat "$REPEAT" --server-pid "$SUNDIAL_PID" \
        --only "$id" --quiet-wait 60 --golden "$WORK/golden-$id.json" --out "$WORK/sundial-$id.json"
done
python3 - "$WORK" $QUERIES <<'PY'
import json, sys
work, ids = sys.argv[1], sys.argv[2:]
def merged(server):
    runs = [json.load(open(f"{work}/{server}-{id}.json")) for id in ids]
    return {"queries": [query for run in runs for query in run["queries"]],
            "golden_equal": sum(run.get("golden_equal", 0) for run in runs), "golden_total": len(ids)}
influx, sundial = merged("influx"), merged("sundial")
influx.pop("golden_equal")
print(json.dumps({"influxdb": influx, "sundial": sundial}))
for a, b in zip(influx["queries"], sundial["queries"]):
    print(f"{a['id']:34s} InfluxDB {a['median_ms']:9.3f} ms  Sundial {b['median_ms']:9.3f} ms  ratio {b['median_ms'] / a['median_ms']:.2f}",
          file=sys.stderr)
print(f"golden answers equal: {sundial['golden_equal']} of {len(ids)}", file=sys.stderr)
PY
