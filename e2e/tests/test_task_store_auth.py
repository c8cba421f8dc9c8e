"""Tasks on an auth-enabled embedded store act as `[task] store-username`, with that user's privileges, as Kapacitor
acts as its `[[influxdb]]` user: a batch task may read only what the user may read and `influxDBOut` write only where
the user may write; without credentials both are refused, so defining a task never bypasses the store's auth."""

import time

import requests
from harness.waiting import wait_for

BATCH = """dbrp "metrics"."autogen"
batch
    |query('SELECT max("v") AS peak FROM "metrics"."autogen"."m"').period(1h).every(1s)
    |httpOut('peak')
    |influxDBOut().database('private').retentionPolicy('autogen').measurement('peak')
"""


def start(make_server, tmp_path, name, task_section=""):
    config = tmp_path / f"{name}.conf"
    config.write_text("[store]\n  auth-enabled = true\n" + task_section)
    server = make_server(name, extra_args=["--config", str(config)]).start()
    admin = ("root", "root-pw")
    query = f"{server.store_url}/query"
    assert requests.post(query, params={"q": "CREATE USER root WITH PASSWORD 'root-pw' WITH ALL PRIVILEGES"}).status_code == 200
    for statement in ("CREATE DATABASE metrics", "CREATE DATABASE private", "CREATE USER reader WITH PASSWORD 'reader-pw'",
                      "GRANT READ ON metrics TO reader"):
        assert requests.post(query, params={"q": statement}, auth=admin).status_code == 200, statement
    now = int(time.time())
    written = requests.post(f"{server.store_url}/write", params={"db": "metrics", "precision": "s"}, auth=admin,
                            data="\n".join(f"m v={i} {now - 60 + i}" for i in range(5)))
    assert written.status_code == 204, written.text
    created = requests.post(f"{server.tasks_url}/kapacitor/v1/tasks", json={"id": "peak", "script": BATCH, "status": "enabled"})
    assert created.status_code == 200, created.text
    return server



def test_without_credentials_a_task_can_neither_read_nor_write(make_server, tmp_path):
    server = start(make_server, tmp_path, "nocreds")
    assert wait_for(lambda: "the tasks have no credentials: set [task] store-username" in server.log()), server.log()[-2000:]
    output = requests.get(f"{server.tasks_url}/kapacitor/v1/tasks/peak/peak").json()
    assert not output.get("series"), output


def test_a_task_reads_and_writes_only_what_its_user_may(make_server, tmp_path):
    server = start(make_server, tmp_path, "reader", '[task]\n  store-username = "reader"\n  store-password = "reader-pw"\n')
    peak = wait_for(lambda: requests.get(f"{server.tasks_url}/kapacitor/v1/tasks/peak/peak").json().get("series"))
    assert peak and peak[0]["values"][0][1] == 4, peak

    def refused_write():
        nodes = requests.get(f"{server.tasks_url}/kapacitor/v1/tasks/peak").json()["stats"]["node-stats"]
        return next(node for name, node in nodes.items() if name.startswith("influxdb_out"))["write_errors"] > 0
    assert wait_for(refused_write)
    assert '"reader" user is not authorized to write to database "private"' in server.log()
    rows = requests.get(f"{server.store_url}/query", params={"q": "SELECT * FROM peak", "db": "private"}, auth=("root", "root-pw")).json()
    assert "series" not in rows["results"][0], rows
    assert "reader-pw" not in server.log()


def test_a_stream_task_reads_only_databases_its_user_may(make_server, tmp_path):
    server = start(make_server, tmp_path, "streams", '[task]\n  store-username = "reader"\n  store-password = "reader-pw"\n')
    script = 'dbrp "{db}"."autogen"\nstream\n    |from().measurement(\'m\')\n    |httpOut(\'out\')\n'
    allowed = requests.post(f"{server.tasks_url}/kapacitor/v1/tasks",
                            json={"id": "ok", "script": script.format(db="metrics"), "status": "enabled"})
    assert allowed.status_code == 200 and allowed.json()["executing"], allowed.text
    refused = requests.post(f"{server.tasks_url}/kapacitor/v1/tasks",
                            json={"id": "private", "script": script.format(db="private"), "status": "enabled"})
    assert refused.status_code == 400, refused.text
    assert 'cannot read private: "reader" user is not authorized to read database "private"' in refused.json()["error"]
