#!/usr/bin/env bash
# Alert delivery under load: the ingest data set posted by ../shared/bench/ingest_bench.py to Sundial's Kapacitor
# write API while one task raises an event for every point (`.crit(lambda: TRUE)`, no state-changes-only) and sends
# each through `.post()`, three times in one run: to a live local sink that answers 200, to a dead endpoint
# (connection refused), and with no handler. The task's throughput should not depend on the endpoint; prints, per
# case, ingest_bench's JSON (points/s, server CPU and RSS), the alert node's counters, and the outbox's dead letters
# 5 s after the ingest (retries are cut to 2 s here so the dead endpoint's events are dead letters by then).
#
# usage: bench/alert_delivery.sh [POINTS]        env: SHARED_DIR (default ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${SHARED_DIR:-$(cd .. && pwd)/shared}"
POINTS="${1:-200000}"
WORK="$(mktemp -d /tmp/sundial-alerts-XXXX)"
swift build -c release --product sundial >&2
python3 - "$WORK/sink.port" <<'PY' &
import http.server, socketserver, sys
class Sink(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *args): pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Sink)
open(sys.argv[1], "w").write(str(server.server_address[1]))
server.serve_forever()
PY
SINK_PID=$!
trap 'kill $SINK_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 50); do [ -s "$WORK/sink.port" ] && break; sleep 0.1; done
SINK="http://127.0.0.1:$(cat "$WORK/sink.port")/alerts"
# Retries end after 2 s so the dead endpoint's events become dead letters within the run.
printf '[alert-delivery]\n  retry-interval = "100ms"\n  retry-max-interval = "500ms"\n  retry-for = "2s"\n' > "$WORK/sundial.conf"

run_case() {
    local name="$1" handler="$2"
    rm -rf "$WORK/sundial"
    .build/release/sundial serve --config "$WORK/sundial.conf" --data-dir "$WORK/sundial" --store-bind-address 127.0.0.1:18086 \
        --tasks-bind-address 127.0.0.1:19192 --control-bind-address 127.0.0.1:18988 --log-level off &
    local pid=$!
    for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:19192/kapacitor/v1/ping" && break; sleep 0.1; done
    python3 -c 'import json, sys
script = "dbrp \"bench\".\"autogen\"\nstream\n    |from().measurement(\x27cpu\x27)\n    |alert().crit(lambda: TRUE)" + sys.argv[1] + "\n"
print(json.dumps({"id": "every_point", "status": "enabled", "script": script}))' "$handler" \
        | curl -sf -o /dev/null -X POST http://127.0.0.1:19192/kapacitor/v1/tasks -H 'Content-Type: application/json' --data-binary @- \
        || { kill "$pid"; echo "could not create the task" >&2; exit 1; }
    echo "== $name"
    python3 "$SHARED/bench/ingest_bench.py" --url http://127.0.0.1:19192/kapacitor/v1 --points "$POINTS" --server-pid "$pid"
    sleep 5  # past the retry time: what could not be delivered is a dead letter now
    curl -sf http://127.0.0.1:19192/kapacitor/v1/tasks/every_point \
        | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["stats"]["node-stats"]["alert2"]))'
    curl -sf http://127.0.0.1:19192/kapacitor/v1/alerts/dead-letters \
        | python3 -c 'import json,sys; print("dead letters kept:", len(json.load(sys.stdin)["dead-letters"]))'
    kill "$pid"
    wait "$pid" 2>/dev/null || true
}

run_case "live endpoint" ".post('$SINK')"
run_case "dead endpoint" ".post('http://127.0.0.1:9/alerts')"
run_case "no handler" ""
