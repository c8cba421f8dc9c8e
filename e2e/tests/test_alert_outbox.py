"""Alerts are not lost when an endpoint fails: the outbox stores each event before its first attempt, retries with
back-off, survives a kill -9 in between, delivers every event in order per alert id once the endpoint recovers, and
turns what cannot be delivered in the retry time into dead letters the API and the task's stats show."""

import signal

import requests

from harness.sinks import HTTPSink
from harness.sundial_server import write_to_tasks
from harness.waiting import wait_for

SCRIPT = """dbrp "db"."rp"
stream
    |from().measurement('cpu').groupBy('host')
    |alert()
        .id('{{ index .Tags "host" }}')
        .message('{{ .ID }} {{ .Level }} {{ index .Fields "usage_idle" }}')
        .crit(lambda: "usage_idle" < 10.0)
        .post('URL')
"""


def start(make_server, tmp_path, retry_for):
    conf = tmp_path / "sundial.conf"
    conf.write_text(f'[alert-delivery]\n  retry-interval = "100ms"\n  retry-max-interval = "300ms"\n  retry-for = "{retry_for}"\n')
    return make_server(extra_args=["--config", str(conf)]).start()


def test_a_failing_endpoint_gets_every_event_in_order_after_a_kill(make_server, tmp_path):
    sink = HTTPSink(statuses={"/alerts": 500})
    server = start(make_server, tmp_path, "1h")
    api = f"{server.tasks_url}/kapacitor/v1"
    try:
        script = SCRIPT.replace("URL", f"{sink.url}/alerts")
        assert requests.post(f"{api}/tasks", json={"id": "cpu", "script": script, "status": "enabled"}).status_code == 200
        # host a: CRITICAL, OK, CRITICAL; host b: CRITICAL, OK.
        write_to_tasks(server, "cpu,host=a usage_idle=5 1\ncpu,host=b usage_idle=6 1\ncpu,host=a usage_idle=50 2\n")
        write_to_tasks(server, "cpu,host=b usage_idle=60 3\ncpu,host=a usage_idle=7 4\n")
        assert wait_for(lambda: len(sink.requests) >= 8, timeout=20)
        assert sink.accepted("/alerts") == []
        server.stop(signal.SIGKILL)

        sink.statuses["/alerts"] = 200
        server.start()
        assert wait_for(lambda: len(sink.accepted("/alerts")) == 5, timeout=20)
        delivered = [body["message"] for body in sink.accepted("/alerts")]
        per_host = {host: [m for m in delivered if m.startswith(host + " ")] for host in ("a", "b")}
        assert per_host == {"a": ["a CRITICAL 5", "a OK 50", "a CRITICAL 7"], "b": ["b CRITICAL 6", "b OK 60"]}, delivered
        assert requests.get(f"{api}/alerts/dead-letters").json()["dead-letters"] == []
    finally:
        server.stop()
        sink.stop()


def test_a_dead_endpoint_fills_the_dead_letters_without_stopping_the_task(make_server, tmp_path):
    sink = HTTPSink(statuses={"/dead": 503})
    server = start(make_server, tmp_path, "500ms")
    api = f"{server.tasks_url}/kapacitor/v1"
    try:
        script = SCRIPT.replace("URL", f"{sink.url}/dead")
        assert requests.post(f"{api}/tasks", json={"id": "cpu", "script": script, "status": "enabled"}).status_code == 200
        write_to_tasks(server, "cpu,host=a usage_idle=5 1\ncpu,host=a usage_idle=50 2\n")
        assert wait_for(lambda: len(requests.get(f"{api}/alerts/dead-letters").json()["dead-letters"]) == 2, timeout=20)
        letters = requests.get(f"{api}/alerts/dead-letters").json()["dead-letters"]
        assert [letter["message"] for letter in letters] == ["a CRITICAL 5", "a OK 50"]
        assert all(letter["owner"] == "task cpu alert2" and letter["kind"] == "post" for letter in letters)
        assert letters[0]["attempts"] >= 2 and "503" in letters[0]["error"], letters[0]
        # The recovery waited behind its critical; once the endpoint had failed for the whole retry time, it was made a
        # dead letter without waiting a retry time of its own.
        assert letters[1]["attempts"] == 0 and "longer than the retry time" in letters[1]["error"], letters[1]
        assert "503" in letters[1]["error"], letters[1]
        # The task kept going: later points are processed and counted, and its stats count the dead letters.
        write_to_tasks(server, "cpu,host=b usage_idle=5 3\n")
        def stats():
            return requests.get(f"{api}/tasks/cpu").json()["stats"]["node-stats"]["alert2"]

        assert wait_for(lambda: stats()["alerts_triggered"] == 3, timeout=10), stats()
        # The new event gets its attempt; the endpoint still failing after the retry time, it is a dead letter at once.
        assert wait_for(lambda: stats()["dead_letters"] == 3, timeout=10), stats()
        assert requests.get(f"{api}/alerts/dead-letters").json()["dead-letters"][2]["attempts"] == 1
        assert requests.delete(f"{api}/alerts/dead-letters").status_code == 204
        assert requests.get(f"{api}/alerts/dead-letters").json()["dead-letters"] == []
    finally:
        server.stop()
        sink.stop()
