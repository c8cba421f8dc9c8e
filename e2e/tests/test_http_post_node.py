"""The httpPost node: a real stream task posts each point to a local sink as Kapacitor's node posts it (the row as
`{"series":[…]}` JSON, or a `[[httppost]]` endpoint's URL and row templates with its headers and basic auth), passes
the answer's status on in `.codeField()` (0 when no answer came), and never stalls the task on a slow endpoint."""

import socket
import time

import requests

from harness.sinks import HTTPSink
from harness.sundial_server import write_to_tasks
from harness.waiting import wait_for


def start_task(server, task_id, script):
    answer = requests.post(f"{server.tasks_url}/kapacitor/v1/tasks", json={"id": task_id, "script": script, "status": "enabled"})
    assert answer.status_code == 200, answer.text
    return answer.json()


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_each_point_is_posted_as_a_row_with_the_nodes_headers(make_server, tmp_path):
    sink = HTTPSink()
    conf = tmp_path / "sundial.conf"
    conf.write_text(f"""
[[httppost]]
  endpoint = "rows"
  url = "{sink.url}/by-name/{{{{ .Name }}}}"
  headers = {{ X-From = "endpoint", X-Team = "endpoint" }}
  basic-auth = {{ username = "poster", password = "s3cret" }}
  row-template = '{{{{ .Name }}}}:{{{{ index .Tags "host" }}}}:{{{{ range .Values }}}}{{{{ index . "usage" }}}}{{{{ end }}}}'
""")
    server = make_server(extra_args=["--config", str(conf)]).start()
    start_task(server, "direct", f"""dbrp "db"."rp"
stream
    |from().measurement('cpu')
    |httpPost('{sink.url}/direct')
        .header('X-Team', 'ops')
""")
    start_task(server, "templated", """dbrp "db"."rp"
stream
    |from().measurement('cpu')
    |httpPost()
        .endpoint('rows')
        .header('X-Team', 'node')
""")
    write_to_tasks(server, "cpu,host=a usage=1.5,n=3i 1700000000\n")
    wait_for(lambda: sink.bodies("/direct") and sink.bodies("/by-name/cpu"), timeout=10)
    path, headers, body = next(request for request in sink.requests if request[0] == "/direct")
    assert body == {"series": [{"name": "cpu", "tags": {"host": "a"}, "columns": ["time", "n", "usage"],
                                "values": [["2023-11-14T22:13:20Z", 3, 1.5]]}]}
    assert headers["Content-Type"] == "application/json" and headers["X-Team"] == "ops"
    _, headers, body = next(request for request in sink.requests if request[0] == "/by-name/cpu")
    assert body == "cpu:a:1.5", "the endpoint's row template over .Name, .Tags and .Values"
    assert headers["X-Team"] == "node" and headers["X-From"] == "endpoint", "the node's headers override the endpoint's"
    assert headers["Authorization"] == "Basic cG9zdGVyOnMzY3JldA==" and "Content-Type" not in headers


def test_the_code_field_carries_the_answer_and_a_dead_endpoint_gives_zero(make_server):
    sink = HTTPSink(statuses={"/refuses": 503})
    server = make_server().start()
    dead = closed_port()
    start_task(server, "codes", f"""dbrp "db"."rp"
var data = stream
    |from().measurement('cpu')
data
    |httpPost('{sink.url}/refuses')
        .codeField('code')
        .captureResponse()
    |httpOut('answered')
data
    |httpPost('http://127.0.0.1:{dead}/nobody')
        .codeField('code')
        .timeout(2s)
    |httpOut('dead')
""")
    write_to_tasks(server, "cpu,host=a usage=1 1700000000\n")

    def output(endpoint):
        answer = requests.get(f"{server.tasks_url}/kapacitor/v1/tasks/codes/{endpoint}")
        series = answer.json().get("series") or []
        return series[0] if series else None

    answered = wait_for(lambda: output("answered"), timeout=10)
    assert answered["columns"] == ["time", "code", "usage"] and answered["values"][0][1] == 503
    dead_row = wait_for(lambda: output("dead"), timeout=10)
    assert dead_row["values"][0][1] == 0, "no answer: code 0, as Kapacitor"
    stats = requests.get(f"{server.tasks_url}/kapacitor/v1/tasks/codes").json()["stats"]["node-stats"]
    assert stats["http_post2"]["post_errors"] == 1 and stats["http_post2"]["errors"] == 0
    assert server.process.poll() is None


def test_a_slow_endpoint_does_not_stall_the_task(make_server):
    sink = HTTPSink(delays={"/slow": 3})
    server = make_server().start()
    start_task(server, "slow", f"""dbrp "db"."rp"
var data = stream
    |from().measurement('cpu')
data
    |httpPost('{sink.url}/slow')
data
    |httpOut('latest')
""")
    started = time.monotonic()
    for second in range(5):
        write_to_tasks(server, f"cpu,host=a usage={second} {1700000000 + second}\n")
    latest = lambda: requests.get(f"{server.tasks_url}/kapacitor/v1/tasks/slow/latest").json().get("series")  # noqa: E731
    row = wait_for(lambda: (latest() or [None])[0], timeout=10)
    assert row["values"][0][-1] == 4 and time.monotonic() - started < 3, "the other branch never waited for the endpoint"
    wait_for(lambda: len(sink.bodies("/slow")) == 5, timeout=30)
    assert [body["series"][0]["values"][0][1] for body in sink.bodies("/slow")] == [0, 1, 2, 3, 4], "posted in order"
