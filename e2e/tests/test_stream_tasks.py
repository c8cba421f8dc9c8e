"""Stream tasks run on the real binary: points written to the embedded store with the PyPI `influxdb` client flow
through an enabled task (window, mean, alert, influxDBOut), the alert reaches its log file and its topic, the mean is
written back to the store, and the task is running again after `kill -9` and a restart."""

import json
import signal
import subprocess
import time
import urllib.request

import influxdb
import requests

from harness.waiting import wait_for

SCRIPT = """dbrp "telegraf"."autogen"
var data = stream
    |from().measurement('cpu').groupBy('host')
    |window().period(10s).every(10s)
    |mean('usage_idle')
data
    |alert()
        .id('cpu:{{ index .Tags "host" }}')
        .crit(lambda: "mean" < 10.0)
        .log('%s')
data
    |influxDBOut().database('telegraf').retentionPolicy('autogen').measurement('cpu_mean').buffer(1)
"""


def curl(method, url, body=None):
    args = ["curl", "-s", "-X", method, "-w", "\n%{http_code}", url]
    if body is not None:
        args += ["-H", "Content-Type: application/json", "--data-binary", body]
    output = subprocess.run(args, capture_output=True, text=True, check=True, timeout=30).stdout
    text, _, code = output.rpartition("\n")
    return int(code), text



def test_store_writes_run_through_an_enabled_task(make_server, tmp_path):
    # `.log()` writes only where [task] alert-log-directories allows.
    server = make_server(env={"SUNDIAL_TASK_ALERT_LOG_DIRECTORIES": str(tmp_path)}).start()
    alert_log = tmp_path / "alerts.log"
    client = influxdb.InfluxDBClient(host="127.0.0.1", port=server.store_port, database="telegraf")
    client.create_database("telegraf")
    task = {"id": "cpu_mean", "script": SCRIPT % alert_log, "status": "enabled"}
    code, body = curl("POST", f"{server.tasks_url}/kapacitor/v1/tasks", json.dumps(task))
    assert code == 200, body
    assert json.loads(body)["executing"] is True

    base = 1_700_000_000
    points = [f"cpu,host=a usage_idle={5 if i < 10 else 50} {base + i}" for i in range(12)]
    assert client.write_points(points, time_precision="s", protocol="line")

    means = wait_for(lambda: list(client.query("SELECT mean, host FROM cpu_mean").get_points()))
    assert means == [{"time": "2023-11-14T22:13:30Z", "mean": 5.0, "host": "a"}]
    logged = wait_for(lambda: alert_log.exists() and alert_log.read_text().strip())
    event = json.loads(logged.splitlines()[0])
    assert (event["id"], event["level"], event["previousLevel"]) == ("cpu:a", "CRITICAL", "OK")
    assert event["data"]["series"][0]["values"] == [["2023-11-14T22:13:30Z", 5]]

    code, body = curl("GET", f"{server.tasks_url}/kapacitor/v1/alerts/topics/main:cpu_mean:alert4/events")
    assert code == 200, body
    assert [e["state"]["level"] for e in json.loads(body)["events"]] == ["CRITICAL"]
    code, body = curl("GET", f"{server.tasks_url}/kapacitor/v1/tasks/cpu_mean")
    stats = json.loads(body)["stats"]["node-stats"]
    assert stats["from1"]["emitted"] == 12
    assert stats["influxdb_out5"]["points_written"] == 1

    server.stop(sig=signal.SIGKILL)
    server.start()
    code, body = curl("GET", f"{server.tasks_url}/kapacitor/v1/tasks/cpu_mean")
    assert json.loads(body)["executing"] is True, body


def test_kapacitor_write_api_feeds_tasks_and_rejects_bad_lines(server):
    script = 'dbrp "db"."rp"\nstream\n    |from().measurement(\'m\')\n    |httpOut(\'last\')\n'
    code, body = curl("POST", f"{server.tasks_url}/kapacitor/v1/tasks", json.dumps({"id": "raw", "script": script, "status": "enabled"}))
    assert code == 200, body
    request = urllib.request.Request(f"{server.tasks_url}/kapacitor/v1/write?db=db&rp=rp&precision=s", data=b"m v=1 10\nm v=2 11\n")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 204
    code, body = curl("GET", f"{server.tasks_url}/kapacitor/v1/tasks/raw/last")
    assert json.loads(body)["series"][0]["values"] == [["1970-01-01T00:00:11Z", 2]]
    code, body = curl("POST", f"{server.tasks_url}/kapacitor/v1/write?db=db&rp=rp", "m v=\n")
    assert code == 400 and body.startswith("unable to parse 'm v='"), body
    assert server.process.poll() is None


def write_three_cpu_points(server):
    """cpu usage_idle 10, 20, 30 of host a in the last 30 s, in the embedded store's telegraf database."""
    client = influxdb.InfluxDBClient(host="127.0.0.1", port=server.store_port, database="telegraf")
    client.create_database("telegraf")
    now = int(time.time())
    assert client.write_points([f"cpu,host=a usage_idle={v} {now - 30 + i}" for i, v in enumerate([10, 20, 30])], time_precision="s", protocol="line")


def httpout_series(server, task_id):
    code, body = curl("GET", f"{server.tasks_url}/kapacitor/v1/tasks/{task_id}/out")
    return json.loads(body).get("series") if code == 200 else None


def test_a_batch_task_queries_the_embedded_store_on_its_schedule(server):
    write_three_cpu_points(server)
    script = """dbrp "telegraf"."autogen"
batch
    |query('SELECT mean("usage_idle") AS value FROM "telegraf"."autogen"."cpu"')
        .period(1h).every(1s).groupBy('host')
    |httpOut('out')
"""
    code, body = curl("POST", f"{server.tasks_url}/kapacitor/v1/tasks", json.dumps({"id": "hourly", "script": script, "status": "enabled"}))
    assert code == 200, body

    series = wait_for(lambda: httpout_series(server, "hourly"), timeout=10)
    assert series and series[0]["tags"] == {"host": "a"} and series[0]["columns"] == ["time", "value"], series
    assert series[0]["values"][0][1] == 20


def test_chronograf_relative_and_deadman_rules_run(server):
    rules = f"{server.control_url}/chronograf/v1/sources/0/kapacitors/0/rules"
    query = {
        "database": "telegraf", "retentionPolicy": "autogen", "measurement": "cpu",
        "fields": [{"value": "mean", "type": "func", "args": [{"value": "usage_idle", "type": "field"}]}],
        "tags": {}, "groupBy": {"time": "1m", "tags": ["host"]}, "areTagsAccepted": True,
    }
    for trigger, values in (("relative", {"change": "change", "shift": "1m", "operator": "greater than", "value": "10"}),
                            ("deadman", {"period": "5m"})):
        rule = {"name": f"cpu {trigger}", "trigger": trigger, "every": "30s", "message": "", "values": values, "query": query,
                "alertNodes": {}}
        code, body = curl("POST", rules, json.dumps(rule))
        assert code == 201, body
        task_id = json.loads(body)["id"]
        code, body = curl("GET", f"{server.tasks_url}/kapacitor/v1/tasks/{task_id}")
        assert json.loads(body)["executing"] is True, (trigger, body)


def test_alert_state_survives_a_restart(make_server, tmp_path):
    """With stateChangesOnly, an alert that was CRITICAL before a restart does not fire again for more CRITICAL data
    after it, and its recovery still says it was CRITICAL (the topic's states are kept in alerts.sqlite)."""
    # `.log()` writes only where [task] alert-log-directories allows.
    server = make_server(env={"SUNDIAL_TASK_ALERT_LOG_DIRECTORIES": str(tmp_path)}).start()
    alert_log = tmp_path / "alerts.log"
    script = f"""dbrp "db"."rp"
stream
    |from().measurement('cpu')
    |alert().crit(lambda: "usage_idle" < 10.0).stateChangesOnly().id('cpu').log('{alert_log}')
"""
    code, body = curl("POST", f"{server.tasks_url}/kapacitor/v1/tasks", json.dumps({"id": "cpu", "script": script, "status": "enabled"}))
    assert code == 200, body

    def write(lines):
        request = urllib.request.Request(f"{server.tasks_url}/kapacitor/v1/write?db=db&rp=rp&precision=s", data=lines.encode())
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 204

    def logged():
        return [json.loads(line) for line in alert_log.read_text().splitlines()] if alert_log.exists() else []

    write("cpu usage_idle=5 1\ncpu usage_idle=5 2\n")
    assert [e["level"] for e in wait_for(logged)] == ["CRITICAL"]
    server.stop()
    server.start()
    code, body = curl("GET", f"{server.tasks_url}/kapacitor/v1/alerts/topics/main:cpu:alert2/events/cpu")
    assert code == 200 and json.loads(body)["state"]["level"] == "CRITICAL", body
    write("cpu usage_idle=5 3\ncpu usage_idle=50 4\n")
    events = wait_for(lambda: logged() if len(logged()) == 2 else None)
    assert [(e["level"], e["previousLevel"]) for e in events] == [("CRITICAL", "OK"), ("OK", "CRITICAL")], events


def test_alert_logs_are_written_only_where_allowed(make_server, tmp_path):
    """`.log()` may not append to any file the server's user can write, nor make executable files."""
    server = make_server(env={"SUNDIAL_TASK_ALERT_LOG_DIRECTORIES": str(tmp_path / "logs")}).start()
    cases = [(f"'{tmp_path}/elsewhere.log'", "is outside the directories alert logs may be written to"),
             (f"'{tmp_path}/logs/../elsewhere.log'", "must be absolute, without . or .. parts"),
             (f"'{tmp_path}/logs/a.log').mode(0755", "alert log mode 755 gives more than 0644 (rw-r--r--)")]
    for index, (target, message) in enumerate(cases):
        script = f"stream\n    |from().measurement('cpu')\n    |alert().crit(lambda: TRUE).log({target})\n"
        answer = requests.post(f"{server.tasks_url}/kapacitor/v1/tasks", json={
            "id": f"t{index}", "type": "stream", "dbrps": [{"db": "telegraf", "rp": "autogen"}], "script": script,
            "status": "enabled"})
        # Kapacitor's answer to a task that cannot start: 400 with the reason.
        assert answer.status_code == 400 and message in answer.json()["error"], answer.text
    handler = requests.post(f"{server.tasks_url}/kapacitor/v1/alerts/topics/cpu/handlers",
                            json={"id": "h", "kind": "log", "options": {"path": "/etc/cron.d/sundial"}})
    assert handler.status_code == 400 and "is outside the directories" in handler.json()["error"], handler.text
    assert not (tmp_path / "elsewhere.log").exists()


def test_kapacitor_loopback_feeds_the_tasks_reading_its_database(server):
    """A task writes its points back into the stream as another database and policy; a second task reading those
    sees them (Kapacitor's kapacitorLoopback), and a task looping into what it reads is refused."""
    loop = ("dbrp \"db\".\"rp\"\nstream\n    |from().measurement('m')\n    |eval(lambda: \"v\" * 10.0).as('v')\n"
            "    |kapacitorLoopback().database('looped').retentionPolicy('autogen').measurement('m10')\n")
    reader = "dbrp \"looped\".\"autogen\"\nstream\n    |from().measurement('m10')\n    |httpOut('last')\n"
    for task_id, script in (("loop", loop), ("reader", reader)):
        code, body = curl("POST", f"{server.tasks_url}/kapacitor/v1/tasks", json.dumps({"id": task_id, "script": script, "status": "enabled"}))
        assert code == 200, body
    request = urllib.request.Request(f"{server.tasks_url}/kapacitor/v1/write?db=db&rp=rp&precision=s", data=b"m v=1 10\nm v=2 11\n")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 204

    def last():
        code, body = curl("GET", f"{server.tasks_url}/kapacitor/v1/tasks/reader/last")
        series = json.loads(body).get("series") if code == 200 else None
        return series and series[0]["values"]
    assert wait_for(lambda: last() == [["1970-01-01T00:00:11Z", 20]], timeout=5), last()
    looping = "dbrp \"db\".\"rp\"\nstream\n    |from()\n    |kapacitorLoopback().database('db').retentionPolicy('rp')\n"
    code, body = curl("POST", f"{server.tasks_url}/kapacitor/v1/tasks", json.dumps({"id": "looping", "script": looping, "status": "enabled"}))
    assert code == 400 and "loop detected on dbrp" in body, body


def test_sideload_reads_values_files_and_reloads_them(server, tmp_path):
    """Per-host thresholds from YAML and JSON files (Kapacitor's sideload), read again on
    POST /kapacitor/v1/sideload/reload."""
    values = tmp_path / "sideload"
    (values / "hosts").mkdir(parents=True)
    (values / "hosts" / "web1.yml").write_text("threshold: 90\nteam: web\n")
    (values / "default.json").write_text('{"threshold": 50.5, "team": "ops"}')
    script = ("dbrp \"db\".\"rp\"\nstream\n    |from().measurement('cpu').groupBy('host')\n"
              f"    |sideload().source('file://{values}').order('hosts/{{{{.host}}}}.yml', 'default.json')"
              ".field('threshold', 0.0).tag('team', 'nobody')\n    |httpOut('last')\n")
    code, body = curl("POST", f"{server.tasks_url}/kapacitor/v1/tasks", json.dumps({"id": "side", "script": script, "status": "enabled"}))
    assert code == 200, body

    def written_and_read(lines):
        request = urllib.request.Request(f"{server.tasks_url}/kapacitor/v1/write?db=db&rp=rp&precision=s", data=lines)
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 204
        code, body = curl("GET", f"{server.tasks_url}/kapacitor/v1/tasks/side/last")
        return {s["tags"]["host"]: (s["tags"]["team"], dict(zip(s["columns"], s["values"][-1]))["threshold"]) for s in json.loads(body)["series"]}
    assert written_and_read(b"cpu,host=web1 v=1 10\ncpu,host=db1 v=1 10\n") == {"web1": ("web", 90), "db1": ("ops", 50.5)}
    (values / "hosts" / "web1.yml").write_text("threshold: 95\n")
    code, body = curl("POST", f"{server.tasks_url}/kapacitor/v1/sideload/reload")
    assert code == 204, body
    assert written_and_read(b"cpu,host=web1 v=1 11\n")["web1"] == ("ops", 95)
    (values / "default.json").write_text("{not json")
    code, body = curl("POST", f"{server.tasks_url}/kapacitor/v1/sideload/reload")
    assert code == 500 and "default.json" in body and "failed to update sideload cache" in body, body


def test_a_batch_task_runs_on_its_cron_schedule(server):
    """`.cron()` (Kapacitor's syntax with seconds): the query runs at the schedule's times; a bad expression or
    one with `.every()` as well is refused."""
    write_three_cpu_points(server)
    script = """dbrp "telegraf"."autogen"
batch
    |query('SELECT mean("usage_idle") AS value FROM "telegraf"."autogen"."cpu"')
        .period(1h).cron('*/2 * * * * * *')
    |httpOut('out')
"""
    code, body = curl("POST", f"{server.tasks_url}/kapacitor/v1/tasks", json.dumps({"id": "cron", "script": script, "status": "enabled"}))
    assert code == 200, body

    series = wait_for(lambda: httpout_series(server, "cron"), timeout=10)
    assert series and series[0]["values"][0][1] == 20, series
    started = series[0]["values"][0][0]
    assert int(started[17:19]) % 2 == 0, f"runs at even seconds (the mean is at the range's start, an hour before): {started}"
    for bad, message in (("'61 * * * * * *'", "out of range"), ("'0 0 0 15W * ? *'", "not supported")):
        broken = script.replace("'*/2 * * * * * *'", bad)
        code, body = curl("POST", f"{server.tasks_url}/kapacitor/v1/tasks", json.dumps({"id": "bad", "script": broken, "status": "enabled"}))
        assert code == 400 and message in body, body
        curl("DELETE", f"{server.tasks_url}/kapacitor/v1/tasks/bad")
