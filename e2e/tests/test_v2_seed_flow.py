"""The "Kapacitor with InfluxDB 2.x" set-up exactly as its users write it: Sundial's store onboarded the 2.x way with auth,
a bucket mapped from `my-db`/`my-rp`, and a second `sundial serve` running only the tasks service whose `[[influxdb]]`
section names a real user with the token as password and `disable-subscriptions = true`. The batch example that joins
errors and views into `error_percent` writes back to `my-db`/`my-rp` and is read through the mapped bucket; a stream
task fed Telegraf-style through the tasks service's `/write` writes its means back; a token that may only read gets
InfluxDB 2.x's 403, which the task logs and counts."""

import time

import influxdb
import pytest
import requests

from harness.sundial_server import SundialServer
from harness.waiting import wait_for

USER, PASSWORD, TOKEN = "jdoe", "jdoe-password", "seed-operator-token"

ERROR_PERCENT = """dbrp "my-db"."my-rp"

var errors = batch
    |query('SELECT sum(value) FROM "my-db"."my-rp".errors')
        .period(1h)
        .every(2s)
        .groupBy(time(1m), *)
        .fill(0)

var views = batch
    |query('SELECT sum(value) FROM "my-db"."my-rp".views')
        .period(1h)
        .every(2s)
        .groupBy(time(1m), *)
        .fill(0)

errors
    |join(views)
        .as('errors', 'views')
    |eval(lambda: ("errors.sum" / ("views.sum" + "errors.sum")) * 100.0)
        .as('error_percent')
    |influxDBOut()
        .database('my-db')
        .retentionPolicy('my-rp')
        .measurement('error_percent')
"""

CPU_MEAN = """dbrp "my-db"."my-rp"

stream
    |from().measurement('cpu').groupBy('host')
    |window().period(10s).every(10s)
    |mean('usage_idle').as('mean')
    |influxDBOut().database('my-db').retentionPolicy('my-rp').measurement('cpu_mean')
"""



def tasks_only(tmp_path, name: str, store: SundialServer, password: str) -> SundialServer:
    """A `sundial serve` with only the tasks service, pointed at `store` with the seed's `[[influxdb]]` section."""
    config = tmp_path / f"{name}.conf"
    config.write_text(f"""[store]
  enabled = false
[control]
  enabled = false

[[influxdb]]
  enabled = true
  name = "InfluxDB OSS 2.x"
  default = true
  urls = ["{store.store_url}"]
  username = "{USER}"
  password = "{password}"
  disable-subscriptions = true
""")
    server = SundialServer(data_dir=tmp_path / f"{name}-data", log_path=tmp_path / f"{name}.log",
                           address_flags=("tasks",), extra_args=["--config", str(config)])
    server.start(wait=False)
    ping = f"{server.tasks_url}/kapacitor/v1/ping"

    def answers():
        try:
            return requests.get(ping, timeout=1).status_code == 204
        except requests.RequestException:
            return server.process.poll() is not None
    assert wait_for(answers, 30) and server.process.poll() is None, server.log()
    return server


@pytest.fixture
def seed(make_server, tmp_path):
    """The store in 2.x mode: onboarded, a bucket `my-bucket` mapped from my-db/my-rp, and a read-only token."""
    config = tmp_path / "store.conf"
    config.write_text("[store]\n  auth-enabled = true\n")
    store = make_server("store", extra_args=["--config", str(config)]).start()
    setup = requests.post(store.store_url + "/api/v2/setup", json={
        "username": USER, "password": PASSWORD, "org": "my-org", "bucket": "telegraf", "token": TOKEN})
    assert setup.status_code == 201, setup.text
    org_id = setup.json()["org"]["id"]
    headers = {"Authorization": f"Token {TOKEN}"}
    bucket = requests.post(store.store_url + "/api/v2/buckets", headers=headers, json={"orgID": org_id, "name": "my-bucket"})
    assert bucket.status_code == 201, bucket.text
    bucket_id = bucket.json()["id"]
    mapping = requests.post(store.store_url + "/api/v2/dbrps", headers=headers, json={
        "orgID": org_id, "bucketID": bucket_id, "database": "my-db", "retention_policy": "my-rp", "default": True})
    assert mapping.status_code == 201, mapping.text
    reader = requests.post(store.store_url + "/api/v2/authorizations", headers=headers, json={
        "orgID": org_id, "description": "read only",
        "permissions": [{"action": "read", "resource": {"type": "buckets", "id": bucket_id, "orgID": org_id}}]})
    assert reader.status_code == 201, reader.text
    return store, reader.json()["token"]


def client(store: SundialServer, database="my-db", password=TOKEN) -> influxdb.InfluxDBClient:
    """The 1.x Python client as the seed's users set it up: a real user name, the token as password."""
    return influxdb.InfluxDBClient(host="127.0.0.1", port=store.store_port, username=USER, password=password, database=database)


def write_pages(store: SundialServer) -> None:
    """An error and nine views each second from 63 minutes ago to 2 minutes ahead (so the minute a batch query ends in
    is never empty while the test runs), written through the mapping."""
    now = int(time.time())
    lines = [f"{name},page=home value={value} {now + second}" for second in range(-63 * 60, 120)
             for name, value in (("views", 9), ("errors", 1))]
    assert client(store).write_points(lines, time_precision="s", protocol="line", retention_policy="my-rp", batch_size=5000)


def influxdb_out(tasks: SundialServer, task_id: str) -> dict:
    nodes = requests.get(f"{tasks.tasks_url}/kapacitor/v1/tasks/{task_id}").json()["stats"]["node-stats"]
    return next(node for name, node in nodes.items() if name.startswith("influxdb_out"))


def define(tasks: SundialServer, task_id: str, script: str, kind: str) -> None:
    answer = requests.post(f"{tasks.tasks_url}/kapacitor/v1/tasks", json={
        "id": task_id, "type": kind, "script": script, "status": "enabled"})
    assert answer.status_code == 200 and answer.json()["executing"], answer.text


def test_the_error_percent_batch_example_writes_back_through_the_mapping(seed, tmp_path):
    store, _ = seed
    write_pages(store)
    tasks = tasks_only(tmp_path, "tasks", store, TOKEN)
    try:
        define(tasks, "error_percent", ERROR_PERCENT, "batch")
        rows = wait_for(lambda: list(client(store).query('SELECT * FROM "my-db"."my-rp".error_percent').get_points()))
        assert rows and all(row["error_percent"] == 10.0 for row in rows), rows
        assert all(row["page"] == "home" for row in rows), rows
        # The same points through the bucket the mapping names, by its own name.
        bucket = list(client(store, database="my-bucket").query("SELECT count(error_percent) FROM error_percent").get_points())
        assert bucket and bucket[0]["count"] >= len(rows), bucket
        out = wait_for(lambda: (lambda out: out["points_written"] >= len(rows) and out)(influxdb_out(tasks, "error_percent")))
        assert out, influxdb_out(tasks, "error_percent")
        # The window's first minute is only partly inside the hour queried: when that part holds no point, fill(0)
        # makes it 0 / 0, and the store refuses the NaN (a partial write), exactly as InfluxDB does with Kapacitor.
        failures = [line for line in tasks.log().splitlines() if "influxDBOut: write to my-db.my-rp failed" in line]
        assert all("error_percent=nan" in line and "invalid number" in line for line in failures), failures
        assert out["write_errors"] <= len(failures), out
    finally:
        tasks.stop()


def test_a_stream_task_fed_through_the_tasks_service_writes_back(seed, tmp_path):
    store, _ = seed
    tasks = tasks_only(tmp_path, "tasks", store, TOKEN)
    try:
        define(tasks, "cpu_mean", CPU_MEAN, "stream")
        start = int(time.time()) - 60
        start -= start % 10
        body = "\n".join(f"cpu,host=a usage_idle={10 if i < 10 else 30} {start + i}" for i in range(21))
        # Telegraf's influxdb output, pointed at the tasks service.
        written = requests.post(f"{tasks.tasks_url}/write", params={"db": "my-db", "rp": "my-rp", "precision": "s"}, data=body)
        assert written.status_code == 204, written.text
        means = wait_for(lambda: list(client(store).query('SELECT mean FROM "my-db"."my-rp".cpu_mean').get_points()))
        assert [row["mean"] for row in means] == [10.0, 30.0], means
    finally:
        tasks.stop()


def test_a_token_that_may_only_read_gets_403_logged_and_counted(seed, tmp_path):
    store, reader = seed
    write_pages(store)
    tasks = tasks_only(tmp_path, "reader", store, reader)
    try:
        define(tasks, "error_percent", ERROR_PERCENT, "batch")

        assert wait_for(lambda: influxdb_out(tasks, "error_percent")["write_errors"] > 0)
        assert "403" in tasks.log() and "insufficient permissions for write" in tasks.log(), tasks.log()[-3000:]
        assert TOKEN not in tasks.log() and reader not in tasks.log()
        # Reading with it works: the batch queries ran.
        assert list(client(store, password=reader).query('SELECT count(value) FROM "my-db"."my-rp".views').get_points())
    finally:
        tasks.stop()
