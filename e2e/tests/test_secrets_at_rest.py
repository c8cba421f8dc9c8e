"""Secrets at rest and in the process list: the data directory is its owner's alone (0700) and every file the server
makes in it 0600; connection passwords come from Chronograf's environment variables instead of flags a process list
shows; an alert log made with `.mode(0644)` gets exactly that mode."""

import os
import stat
import time

import requests


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_the_data_directory_and_its_files_are_private(make_server, tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    logs = tmp_path / "logs"
    server = make_server(data_dir=data, env={"INFLUXDB_PASSWORD": "env-secret", "SUNDIAL_TASK_ALERT_LOG_DIRECTORIES": str(logs)},
                         extra_args=["--influxdb-username", "someone"]).start()
    requests.post(f"{server.store_url}/query", params={"q": "CREATE DATABASE telegraf"})
    requests.post(f"{server.store_url}/write", params={"db": "telegraf"}, data="cpu v=1")
    script = "stream\n    |from().measurement('cpu')\n    |alert().crit(lambda: TRUE).log('%s').mode(0644)\n" % (logs / "alerts.log")
    os.makedirs(logs, exist_ok=True)
    created = requests.post(f"{server.tasks_url}/kapacitor/v1/tasks", json={
        "id": "log", "type": "stream", "dbrps": [{"db": "telegraf", "rp": "autogen"}], "script": script, "status": "enabled"})
    assert created.status_code == 200, created.text
    requests.post(f"{server.store_url}/write", params={"db": "telegraf"}, data="cpu v=2")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not (logs / "alerts.log").exists():
        time.sleep(0.2)
    assert mode(data) == 0o700
    loose = [str(path) for path in data.rglob("*") if path.is_file() and mode(path) & 0o077]
    assert not loose, loose
    assert mode(logs / "alerts.log") == 0o644
    # The environment's password reached the control plane's connection to the embedded store, not the process list.
    assert "env-secret" not in " ".join(server.command())
    sources = requests.get(f"{server.control_url}/chronograf/v1/sources").json()["sources"]
    assert sources and sources[0]["username"] == "someone", sources
