#!/usr/bin/env bash
# Stream-task throughput: the ingest data set (2,000,000 points by default) posted by ../shared/bench/ingest_bench.py
# to Sundial's Kapacitor write API (/kapacitor/v1/write, 4 clients, batches of 5,000) while one enabled task runs
# from |window(1m) |mean |alert over it, grouped by host. Prints ingest_bench's JSON (points/s, server CPU) and the
# task's node counters.
#
# usage: bench/task_throughput.sh [POINTS]        env: SHARED_DIR (default ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${SHARED_DIR:-$(cd .. && pwd)/shared}"
POINTS="${1:-2000000}"
WORK="$(mktemp -d /tmp/sundial-tasks-XXXX)"
swift build -c release --product sundial >&2
.build/release/sundial serve --data-dir "$WORK/sundial" --store-bind-address 127.0.0.1:18086 \
    --tasks-bind-address 127.0.0.1:19192 --control-bind-address 127.0.0.1:18988 --log-level error &
SUNDIAL_PID=$!
trap 'kill $SUNDIAL_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:19192/kapacitor/v1/ping" && break; sleep 0.1; done
curl -sf -o /dev/null -X POST http://127.0.0.1:19192/kapacitor/v1/tasks -H 'Content-Type: application/json' --data-binary @- <<'JSON'
{"id": "cpu_mean", "status": "enabled", "script": "dbrp \"bench\".\"autogen\"\nstream\n    |from().measurement('cpu').groupBy('host')\n    |window().period(1m).every(1m)\n    |mean('usage_idle')\n    |alert().crit(lambda: \"mean\" < 5.0).id('{{ index .Tags \"host\" }}')\n"}
JSON
python3 "$SHARED/bench/ingest_bench.py" --url http://127.0.0.1:19192/kapacitor/v1 --points "$POINTS" --server-pid "$SUNDIAL_PID"
curl -sf http://127.0.0.1:19192/kapacitor/v1/tasks/cpu_mean | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["stats"]["node-stats"]))'
