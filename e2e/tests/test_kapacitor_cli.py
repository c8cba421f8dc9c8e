"""`sundial kapacitor define | define-template | list | show | show-template | delete | enable | fmt` against a running
server, with `curl` reading the same definitions from the tasks API, and the definitions back after `kill -9`."""

import json
import signal
import subprocess

CPU_TICK = """dbrp "telegraf"."autogen"
stream|from().measurement('cpu')|window().period(10s).every(10s)
  |mean('usage_idle')|alert().crit(lambda: "mean" < 10.0).log('/tmp/alerts.log')
"""

TEMPLATE_TICK = """// The measurement to watch
var measurement string
var crit = 90.0
stream
    |from()
        .measurement(measurement)
    |alert()
        .crit(lambda: "usage" > crit)
"""


def kapacitor(binary, url, *args):
    result = subprocess.run([binary, "kapacitor", "-url", url, *args], capture_output=True, text=True, timeout=60)
    return result.returncode, result.stdout, result.stderr.strip()


def curl_json(url):
    return json.loads(subprocess.run(["curl", "-sf", url], capture_output=True, text=True, check=True, timeout=30).stdout)


# cpu_alert's `.log('/tmp/alerts.log')` may write only where [task] alert-log-directories allows.
LOGS_IN_TMP = {"SUNDIAL_TASK_ALERT_LOG_DIRECTORIES": "/tmp"}


def test_tasks_and_templates_through_the_cli(make_server, sundial_binary, tmp_path):
    data_dir = tmp_path / "data"
    server = make_server(data_dir=data_dir, env=LOGS_IN_TMP).start()
    url = server.tasks_url
    (tmp_path / "cpu.tick").write_text(CPU_TICK)
    (tmp_path / "tpl.tick").write_text(TEMPLATE_TICK)
    (tmp_path / "vars.json").write_text(json.dumps({"measurement": {"type": "string", "value": "mem"}}))

    assert kapacitor(sundial_binary, url, "define", "cpu_alert", "-tick", str(tmp_path / "cpu.tick"))[0] == 0
    assert kapacitor(sundial_binary, url, "define-template", "usage", "-tick", str(tmp_path / "tpl.tick"))[0] == 0
    code, _, error = kapacitor(
        sundial_binary, url, "define", "mem_alert", "-template", "usage", "-vars", str(tmp_path / "vars.json"), "-dbrp", "telegraf.autogen")
    assert code == 0, error

    (tmp_path / "disk.yaml").write_text(
        "template-id: usage\n"
        "dbrps:\n  - db: telegraf\n    rp: autogen\n"
        "vars:\n  measurement:\n    type: string\n    value: disk\n  crit:\n    type: float\n    value: 95.5\n")
    code, _, error = kapacitor(sundial_binary, url, "define", "disk_alert", "-file", str(tmp_path / "disk.yaml"))
    assert code == 0, error
    disk = curl_json(f"{url}/kapacitor/v1/tasks/disk_alert")
    assert disk["vars"]["crit"] == {"type": "float", "value": 95.5, "description": ""}
    assert kapacitor(sundial_binary, url, "delete", "tasks", "disk_alert")[0] == 0

    code, out, _ = kapacitor(sundial_binary, url, "list", "tasks")
    assert out == (
        "ID        Type      Status    Executing Databases and Retention Policies\n"
        'cpu_alert stream    disabled  false     ["telegraf"."autogen"]\n'
        'mem_alert stream    disabled  false     ["telegraf"."autogen"]\n'
    )
    code, out, _ = kapacitor(sundial_binary, url, "list", "templates")
    assert out.splitlines()[1].split() == ["usage", "stream", "crit,measurement"]

    code, out, _ = kapacitor(sundial_binary, url, "show", "mem_alert")
    assert "Template: usage\n" in out and "Status: disabled\n" in out
    assert "measurement                   string    mem" in out
    assert out.rstrip().endswith("DOT:\ndigraph mem_alert {\nstream0 -> from1;\nfrom1 -> alert2;\n}")
    code, out, _ = kapacitor(sundial_binary, url, "show-template", "usage")
    assert "measurement                   string    <required>" in out and "The measurement to watch" in out

    (tmp_path / "bad.tick").write_text("stream\n    |from()\n    |window()\n        .period(10)\n")
    code, _, error = kapacitor(sundial_binary, url, "define", "bad", "-tick", str(tmp_path / "bad.tick"), "-dbrp", "db.rp")
    assert code == 1
    assert error == (
        "sundial: invalid TICKscript: 4:9: window.period() argument 1 must be duration, got int; write a duration such as 10s")

    assert kapacitor(sundial_binary, url, "enable", "cpu_alert")[0] == 0
    task = curl_json(f"{url}/kapacitor/v1/tasks/cpu_alert")
    assert task["status"] == "enabled" and task["type"] == "stream"
    # Enabled, the task runs: its DOT carries the throughput and each edge's count.
    assert task["executing"] is True
    assert task["dot"].startswith('digraph cpu_alert {\ngraph [throughput="0.00 points/s"];')
    assert 'stream0 -> from1 [processed="0"];' in task["dot"]

    server.stop(sig=signal.SIGKILL)
    server = make_server(data_dir=data_dir, env=LOGS_IN_TMP).start()
    ids = [t["id"] for t in curl_json(f"{server.tasks_url}/kapacitor/v1/tasks")["tasks"]]
    assert ids == ["cpu_alert", "mem_alert"], "definitions are back after kill -9"
    assert kapacitor(sundial_binary, server.tasks_url, "delete", "tasks", "cpu_alert")[0] == 0
    ids = [t["id"] for t in curl_json(f"{server.tasks_url}/kapacitor/v1/tasks")["tasks"]]
    assert ids == ["mem_alert"]


def test_fmt_is_canonical_and_idempotent(sundial_binary, tmp_path):
    script = tmp_path / "cpu.tick"
    script.write_text("// watch cpu\n" + CPU_TICK)
    once = subprocess.run([sundial_binary, "kapacitor", "fmt", str(script)], capture_output=True, text=True, check=True).stdout
    assert once.startswith("// watch cpu\ndbrp \"telegraf\".\"autogen\"\nstream\n    |from()\n        .measurement('cpu')\n")
    twice = subprocess.run([sundial_binary, "kapacitor", "fmt"], input=once, capture_output=True, text=True, check=True).stdout
    assert twice == once
    broken = tmp_path / "broken.tick"
    broken.write_text("stream\n  |from(\n")
    result = subprocess.run([sundial_binary, "kapacitor", "fmt", str(broken)], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.strip() == f"sundial: {broken}:3:1: unexpected end of script, expected an expression"


def test_topics_and_topic_handlers_through_the_cli(make_server, sundial_binary, tmp_path):
    server = make_server(env={"SUNDIAL_TASK_ALERT_LOG_DIRECTORIES": str(tmp_path)}).start()
    url = server.tasks_url
    log = tmp_path / "cpu-alerts.log"
    (tmp_path / "handler.yaml").write_text(f"topic: cpu\nid: to-file\nkind: log\noptions:\n  path: {log}\n")
    code, _, error = kapacitor(sundial_binary, url, "define-topic-handler", str(tmp_path / "handler.yaml"))
    assert code == 0, error
    code, out, _ = kapacitor(sundial_binary, url, "list", "topic-handlers")
    assert out.splitlines()[1].split() == ["cpu", "to-file", "log"], out

    (tmp_path / "alert.tick").write_text(
        'dbrp "db"."rp"\nstream\n    |from().measurement(\'cpu\')\n    |alert().crit(lambda: "v" > 90.0).id(\'cpu-high\').topic(\'cpu\')\n')
    assert kapacitor(sundial_binary, url, "define", "high", "-tick", str(tmp_path / "alert.tick"))[0] == 0
    assert kapacitor(sundial_binary, url, "enable", "high")[0] == 0
    subprocess.run(["curl", "-sf", "-X", "POST", f"{url}/kapacitor/v1/write?db=db&rp=rp", "--data-binary", "cpu v=95 1"], check=True)

    code, out, _ = kapacitor(sundial_binary, url, "list", "topics", "cpu")
    assert [line.split() for line in out.splitlines()] == [["ID", "Level", "Collected"], ["cpu", "CRITICAL", "1"]], out
    code, out, _ = kapacitor(sundial_binary, url, "show-topic", "cpu")
    assert "Level: CRITICAL" in out and "cpu-high" in out and "cpu-high is CRITICAL" in out, out
    assert '"id":"cpu-high"' in log.read_text()

    assert kapacitor(sundial_binary, url, "delete", "topic-handlers", "cpu", "to-file")[0] == 0
    assert kapacitor(sundial_binary, url, "list", "topic-handlers")[1].splitlines()[1:] == []
    assert kapacitor(sundial_binary, url, "delete", "topics", "cpu")[0] == 0
    assert "cpu " not in kapacitor(sundial_binary, url, "list", "topics")[1]
