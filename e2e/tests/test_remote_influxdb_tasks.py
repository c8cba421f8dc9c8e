"""Tasks against a remote InfluxDB: Debian's InfluxDB 1.6.7 named in `[[influxdb]]`. Sundial subscribes to it (the
subscription shows in its SHOW SUBSCRIPTIONS), a stream task gets the points written to InfluxDB through that
subscription and writes its means back with influxDBOut, and a batch task queries InfluxDB on its schedule."""

import json
import time

import influxdb
import requests

from harness.influxd_server import InfluxDServer
from harness.waiting import wait_for

STREAM = """dbrp "telegraf"."autogen"
stream
    |from().measurement('cpu').groupBy('host')
    |window().period(10s).every(10s)
    |mean('usage_idle').as('mean')
    |influxDBOut().database('telegraf').retentionPolicy('autogen').measurement('cpu_mean').buffer(1)
"""

BATCH = """dbrp "telegraf"."autogen"
batch
    |query('SELECT max("usage_idle") AS peak FROM "telegraf"."autogen"."cpu"')
        .period(1h).every(1s).groupBy('host')
    |httpOut('peak')
"""



def test_tasks_read_and_write_a_remote_influxdb(make_server, tmp_path):
    influx = InfluxDServer(tmp_path / "influxd").start()
    try:
        remote = influxdb.InfluxDBClient(host="127.0.0.1", port=influx.port, database="telegraf")
        remote.create_database("telegraf")
        config = tmp_path / "sundial.conf"
        config.write_text(f'[[influxdb]]\n  name = "remote"\n  urls = ["{influx.url}"]\n  subscriptions-sync-interval = "1s"\n')
        server = make_server(extra_args=["--config", str(config)]).start()

        def subscribed():
            rows = list(remote.query("SHOW SUBSCRIPTIONS").get_points("telegraf"))
            return [r for r in rows if r["name"].startswith("kapacitor-")]

        subscription = wait_for(subscribed)
        assert subscription and subscription[0]["destinations"] == [f"http://localhost:{server.tasks_port}"], subscription

        for task_id, script in (("cpu_mean", STREAM), ("peak", BATCH)):
            created = requests.post(f"{server.tasks_url}/kapacitor/v1/tasks", json={"id": task_id, "script": script, "status": "enabled"})
            assert created.status_code == 200 and created.json()["executing"], created.text

        now = int(time.time()) - 60
        points = [f"cpu,host=a usage_idle={5 if i < 10 else 50} {now + i}" for i in range(12)]
        assert remote.write_points(points, time_precision="s", protocol="line")

        means = wait_for(lambda: list(remote.query("SELECT mean FROM cpu_mean").get_points()))
        assert [m["mean"] for m in means] == [5.0], means
        peak = wait_for(lambda: requests.get(f"{server.tasks_url}/kapacitor/v1/tasks/peak/peak").json().get("series"))
        assert peak[0]["tags"] == {"host": "a"} and peak[0]["values"][0][1] == 50, peak

        stats = requests.get(f"{server.tasks_url}/kapacitor/v1/tasks/cpu_mean").json()["stats"]["node-stats"]
        assert stats["from1"]["emitted"] == 12 and stats["influxdb_out4"]["points_written"] == 1, json.dumps(stats)
        # The embedded store took none of it: the tasks read and wrote InfluxDB.
        ours = requests.get(server.store_url + "/query", params={"q": "SHOW DATABASES"}).json()
        assert ["telegraf"] not in ours["results"][0]["series"][0].get("values", []), ours
    finally:
        influx.stop()
