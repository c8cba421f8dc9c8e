"""`sundial store backup` of a running server (auth on, writes going on meanwhile) and `sundial store restore` into
an empty data directory, under a new database name, and from a `--since` backup: data and meta come back the same."""

import json
import os
import stat
import subprocess
import threading
import time
import urllib.parse
import urllib.request

import pytest

NOW = int(time.time())
DAY = 86400
ADMIN = ("admin", "s3cret-pw")


def call(server, method, path, body=None, auth=ADMIN, token=None):
    request = urllib.request.Request(server.store_url + path, data=body.encode() if body is not None else None, method=method)
    if token:
        request.add_header("Authorization", f"Token {token}")
    elif auth:
        request.add_header("Authorization", "Basic " + __import__("base64").b64encode(f"{auth[0]}:{auth[1]}".encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def query(server, text, db=None, **kwargs):
    path = "/query?" + urllib.parse.urlencode({"q": text, **({"db": db} if db else {})})
    status, body = call(server, "POST", path, **kwargs)
    assert status == 200, body
    return json.loads(body)["results"]


def store(binary, *args, env=None):
    result = subprocess.run([binary, "store", *args], capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})})
    return result.returncode, result.stdout, result.stderr


def meta_answers(server):
    """What a client can see of the meta data, in a comparable form."""
    answers = {}
    for statement in ("SHOW DATABASES", "SHOW USERS", "SHOW CONTINUOUS QUERIES", "SHOW SUBSCRIPTIONS", "SHOW GRANTS FOR reader"):
        answers[statement] = query(server, statement)
    for database in ("telegraf", "metrics"):
        answers[database] = query(server, "SHOW RETENTION POLICIES", db=database)
    shards = query(server, "SHOW SHARDS")[0]["series"]
    answers["shards"] = sorted((s["name"], tuple(map(tuple, s["values"]))) for s in shards if s["name"] in ("telegraf", "metrics"))
    return answers


def data_answers(server, measurements=("cpu", "mem", "flags")):
    return {m: query(server, f'SELECT * FROM "{m}" GROUP BY *', db="telegraf") for m in measurements} | {
        "weekly": query(server, 'SELECT * FROM "metrics"."weekly"."disk" GROUP BY *')}


@pytest.fixture
def populated(make_server, sundial_binary, tmp_path):
    """A server with auth, two databases, policies, a CQ, a subscription, users, a token and data in many shards."""
    data_dir = tmp_path / "source-data"
    code, operator, error = store(sundial_binary, "setup", "--org", "acme", "--bucket", "telegraf", "--username", ADMIN[0],
                                 "--password", ADMIN[1], "--data-dir", str(data_dir))
    assert code == 0, error
    config = tmp_path / "sundial.conf"
    config.write_text("[store]\n  auth-enabled = true\n")
    server = make_server("source", data_dir=data_dir, extra_args=["--config", str(config)]).start()
    for statement in (
        "CREATE USER reader WITH PASSWORD 'r-pw'", "GRANT READ ON telegraf TO reader", "CREATE DATABASE metrics",
        "CREATE RETENTION POLICY weekly ON metrics DURATION 52w REPLICATION 1 SHARD DURATION 1d",
        'CREATE CONTINUOUS QUERY cq_hourly ON telegraf BEGIN SELECT mean(v) INTO "telegraf"."autogen"."cpu_1h" FROM cpu GROUP BY time(1h), * END',
        "CREATE SUBSCRIPTION sub0 ON telegraf.autogen DESTINATIONS ALL 'udp://127.0.0.1:9'",
    ):
        query(server, statement)
    lines = []
    for day in range(40):  # about six weekly shard groups
        t = (NOW - day * DAY) * 10**9
        lines.append(f"cpu,host=h{day % 3},region=r{day % 2} v={day * 1.5},n={day}i {t}")
        lines.append(f'mem,host=h{day % 3} used={day}u,note="day {day} \\"quoted\\"" {t + 1}')
        lines.append(f"flags ok={'true' if day % 2 else 'false'} {t + 2}")
    assert call(server, "POST", "/write?db=telegraf", "\n".join(lines))[0] == 204
    disk = "\n".join(f"disk,path=/ free={i}i {(NOW - i * 3600) * 10**9}" for i in range(100))
    assert call(server, "POST", "/write?db=metrics&rp=weekly", disk)[0] == 204
    # A delete leaves tombstones over written files; the backup must not bring the points back.
    query(server, "DELETE FROM cpu WHERE host = 'h1'", db="telegraf")
    return server, operator.strip(), config


def test_an_online_backup_restores_into_an_empty_data_directory_the_same(populated, make_server, sundial_binary, tmp_path):
    server, operator, config = populated
    before = meta_answers(server), data_answers(server)
    assert all("error" not in result for answer in [*before[0].values(), *before[1].values()] if isinstance(answer, list)
               for result in answer if isinstance(result, dict))
    assert len([s for s in before[0]["shards"] if s[0] == "telegraf"][0][1]) >= 6 and len(before[1]["cpu"][0]["series"]) == 4
    assert before[0]["SHOW CONTINUOUS QUERIES"][0]["series"][0]["values"] and before[0]["SHOW SUBSCRIPTIONS"][0]["series"]

    # Writes go on during the backup: every one acknowledged before it began must be in it.
    acknowledged, stop = [], threading.Event()

    def keep_writing():
        i = 0
        while not stop.is_set():
            if call(server, "POST", "/write?db=telegraf", f"live i={i}i {(NOW * 10**9) + i}")[0] == 204:
                acknowledged.append(i)
            i += 1

    writer = threading.Thread(target=keep_writing)
    writer.start()
    time.sleep(0.3)
    acknowledged_before = len(acknowledged)
    backup = tmp_path / "backup"
    code, out, error = store(sundial_binary, "backup", str(backup), "--host", server.store_url,
                             env={"SUNDIAL_USERNAME": ADMIN[0], "SUNDIAL_PASSWORD": ADMIN[1]})
    stop.set()
    writer.join()
    assert code == 0, error
    assert out.startswith("receiving ") and "  [1] meta.json" in out and "backed up 2 database(s)" in out, out
    assert stat.S_IMODE(os.stat(backup).st_mode) == 0o700
    assert ADMIN[1] not in (backup / "access.json").read_text() and operator not in (backup / "access.json").read_text()

    restored_dir = tmp_path / "restored-data"
    code, out, error = store(sundial_binary, "restore", str(backup), "--data-dir", str(restored_dir))
    assert code == 0, error
    assert "restored telegraf:" in out and "restored users, tokens and mappings" in out, out
    restored = make_server("restored", data_dir=restored_dir, extra_args=["--config", str(config)]).start()
    assert (meta_answers(restored), data_answers(restored)) == before
    live = query(restored, "SELECT count(i) FROM live", db="telegraf")[0]["series"][0]["values"][0][1]
    assert acknowledged_before <= live <= len(acknowledged)
    # The 2.x side came back too: the operator token reads through the bucket's DBRP mapping.
    status, body = call(restored, "GET", "/api/v2/dbrps?orgID=" + json.loads(call(restored, "GET", "/api/v2/orgs", token=operator)[1])["orgs"][0]["id"],
                        token=operator)
    assert status == 200 and json.loads(body)["content"][0]["database"] == "telegraf"
    assert query(restored, "SELECT count(v) FROM cpu", db="telegraf", auth=None, token=operator) == query(
        server, "SELECT count(v) FROM cpu", db="telegraf", auth=None, token=operator)
    # Restoring users and tokens over a store that has some is refused.
    restored.stop()
    code, _, error = store(sundial_binary, "restore", str(backup), "--data-dir", str(restored_dir))
    assert code == 1 and "already exists" in error


def test_a_backup_needs_an_admin_and_a_new_directory(populated, sundial_binary, tmp_path):
    server, _, _ = populated
    code, _, error = store(sundial_binary, "backup", str(tmp_path / "b1"), "--host", server.store_url)
    assert code == 1 and "401" in error or "403" in error, error
    code, _, error = store(sundial_binary, "backup", str(tmp_path / "b2"), "--host", server.store_url,
                           env={"SUNDIAL_USERNAME": "reader", "SUNDIAL_PASSWORD": "r-pw"})
    assert code == 1 and "admin privilege required" in error, error
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    code, _, error = store(sundial_binary, "backup", str(tmp_path / "full"), "--host", server.store_url,
                           env={"SUNDIAL_USERNAME": ADMIN[0], "SUNDIAL_PASSWORD": ADMIN[1]})
    assert code == 1 and "is not empty" in error
    code, _, error = store(sundial_binary, "backup", str(tmp_path / "b3"), "--host", server.store_url, "--database", "nope",
                           env={"SUNDIAL_USERNAME": ADMIN[0], "SUNDIAL_PASSWORD": ADMIN[1]})
    assert code == 1 and "database not found: nope" in error, error


def test_one_database_restores_under_a_new_name_and_since_limits_the_values(populated, make_server, sundial_binary, tmp_path):
    server, _, config = populated
    credentials = {"SUNDIAL_USERNAME": ADMIN[0], "SUNDIAL_PASSWORD": ADMIN[1]}
    since = NOW - 10 * DAY
    code, out, error = store(sundial_binary, "backup", str(tmp_path / "recent"), "--host", server.store_url, "--database", "telegraf",
                             "--since", str(since * 10**9), env=credentials)
    assert code == 0 and "backed up 1 database(s)" in out, error
    assert not (tmp_path / "recent" / "access.json").exists()
    expected = query(server, f"SELECT * FROM cpu WHERE time >= {since}s GROUP BY *", db="telegraf")
    server.stop()

    # Into the source's own data directory, beside the original, under a new name.
    code, _, error = store(sundial_binary, "restore", str(tmp_path / "recent"), "--data-dir", str(server.data_dir), "--database", "telegraf")
    assert code == 1 and "database telegraf already exists" in error
    code, out, error = store(sundial_binary, "restore", str(tmp_path / "recent"), "--data-dir", str(server.data_dir),
                             "--database", "telegraf", "--new-database", "telegraf_recent")
    assert code == 0, error
    assert "restored telegraf_recent:" in out and "with new shard ids" in out and "left out 1 continuous quer(ies), 1 subscription(s)" in out
    server = make_server("again", data_dir=server.data_dir, extra_args=["--config", str(config)]).start()
    assert query(server, "SELECT * FROM cpu GROUP BY *", db="telegraf_recent") == expected
    assert query(server, "SELECT count(v) FROM cpu", db="telegraf")[0]["series"][0]["values"][0][1] > \
        query(server, "SELECT count(v) FROM cpu", db="telegraf_recent")[0]["series"][0]["values"][0][1]
    cqs = query(server, "SHOW CONTINUOUS QUERIES")[0]["series"]
    assert [s["name"] for s in cqs if s.get("values")] == ["telegraf"]


def test_a_damaged_backup_is_refused(populated, sundial_binary, tmp_path):
    server, _, _ = populated
    backup = tmp_path / "backup"
    code, _, error = store(sundial_binary, "backup", str(backup), "--host", server.store_url,
                           env={"SUNDIAL_USERNAME": ADMIN[0], "SUNDIAL_PASSWORD": ADMIN[1]})
    assert code == 0, error
    victim = sorted((backup / "data").iterdir())[0]
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF
    victim.write_bytes(bytes(data))
    code, _, error = store(sundial_binary, "restore", str(backup), "--data-dir", str(tmp_path / "target"))
    assert code == 1 and "does not match the manifest" in error, error
