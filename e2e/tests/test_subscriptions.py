"""Subscriptions: the statements compared with Debian's InfluxDB 1.6.7 step by step, and Sundial sending copies of
writes to HTTP destinations (a capturing server, and InfluxDB 1.6.7 itself as a real peer) and to UDP."""

import base64
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from harness.influxd_server import InfluxDServer
from harness.sundial_server import free_port

STEPS = [
    ("create db", "POST", "CREATE DATABASE db"),
    ("create rp", "POST", "CREATE RETENTION POLICY two ON db DURATION 2d REPLICATION 1"),
    ("show none", "GET", "SHOW SUBSCRIPTIONS"),
    ("create all", "POST", "CREATE SUBSCRIPTION s1 ON db.autogen DESTINATIONS ALL 'http://127.0.0.1:9', 'https://u:p@localhost:9443'"),
    ("create any", "POST", "CREATE SUBSCRIPTION \"s 2\" ON \"db\".\"two\" DESTINATIONS ANY 'udp://127.0.0.1:9'"),
    ("show two", "GET", "SHOW SUBSCRIPTIONS"),
    ("duplicate", "POST", "CREATE SUBSCRIPTION s1 ON db.autogen DESTINATIONS ALL 'http://127.0.0.1:9'"),
    ("same name other rp", "POST", "CREATE SUBSCRIPTION s1 ON db.two DESTINATIONS ALL 'http://127.0.0.1:9'"),
    ("no port", "POST", "CREATE SUBSCRIPTION s3 ON db.autogen DESTINATIONS ALL 'http://127.0.0.1'"),
    ("bad scheme", "POST", "CREATE SUBSCRIPTION s3 ON db.autogen DESTINATIONS ALL 'ftp://127.0.0.1:21'"),
    ("unknown database", "POST", "CREATE SUBSCRIPTION s3 ON nope.autogen DESTINATIONS ALL 'http://127.0.0.1:9'"),
    ("unknown rp", "POST", "CREATE SUBSCRIPTION s3 ON db.nope DESTINATIONS ALL 'http://127.0.0.1:9'"),
    ("drop", "POST", "DROP SUBSCRIPTION s1 ON db.two"),
    ("drop unknown", "POST", "DROP SUBSCRIPTION s9 ON db.autogen"),
    ("drop on unknown database", "POST", "DROP SUBSCRIPTION s9 ON nope.autogen"),
    ("show after drop", "GET", "SHOW SUBSCRIPTIONS"),
    ("parse: no dot", "POST", "CREATE SUBSCRIPTION s ON db DESTINATIONS ALL 'http://a:1'"),
    ("parse: mode", "POST", "CREATE SUBSCRIPTION s ON db.autogen DESTINATIONS SOME 'http://a:1'"),
    ("parse: destination", "POST", "CREATE SUBSCRIPTION s ON db.autogen DESTINATIONS ALL http"),
    ("parse: drop", "POST", "DROP SUBSCRIPTION s ON db"),
    ("drop the rest", "POST", "DROP SUBSCRIPTION s1 ON db.autogen; DROP SUBSCRIPTION \"s 2\" ON db.two"),
    ("show at the end", "GET", "SHOW SUBSCRIPTIONS"),
]


def query(base, method, q):
    response = requests.request(method, base + "/query", params={"q": q}, timeout=30)
    return response.status_code, response.json()


def test_statements_answer_as_influxdb_does(tmp_path):
    from harness.sundial_server import SundialServer

    influx = InfluxDServer(tmp_path / "influxd").start()
    sundial = SundialServer(data_dir=tmp_path / "data", log_path=tmp_path / "sundial.log").start()
    try:
        mismatches = []
        for name, method, q in STEPS:
            expected = query(influx.url, method, q)
            actual = query(sundial.store_url, method, q)
            if actual != expected:
                mismatches.append(f"{name}:\n  sundial  {actual}\n  influxdb {expected}")
        assert not mismatches, "\n".join(mismatches)
    finally:
        sundial.stop()
        influx.stop()


class Capture(BaseHTTPRequestHandler):
    received = []
    status = 204

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        Capture.received.append((self.path, dict(self.headers), body.decode()))
        self.send_response(Capture.status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def capture():
    Capture.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Capture)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()


def wait_for(condition, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_writes_are_copied_to_http_and_udp_destinations(make_server, capture):
    server = make_server().start()
    base = server.store_url
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", 0))
    udp.settimeout(10)
    assert query(base, "POST", "CREATE DATABASE db")[0] == 200
    create = (f"CREATE SUBSCRIPTION k ON db.autogen DESTINATIONS ALL 'http://kap:secret@127.0.0.1:{capture}/prefix', "
              f"'udp://127.0.0.1:{udp.getsockname()[1]}'")
    assert query(base, "POST", create) == (200, {"results": [{"statement_id": 0}]})
    shown = query(base, "GET", "SHOW SUBSCRIPTIONS")[1]["results"][0]["series"][0]
    assert shown["name"] == "db" and shown["values"][0][3][0] == f"http://kap:secret@127.0.0.1:{capture}/prefix"

    before = time.time_ns()
    response = requests.post(base + "/write", params={"db": "db", "precision": "s"}, data="cpu,host=a v=1,s=\"x y\" 10\nmem free=2i")
    assert response.status_code == 204
    assert wait_for(lambda: Capture.received), "the HTTP destination got nothing"
    path, headers, body = Capture.received[0]
    parsed = urllib.parse.urlparse(path)
    assert parsed.path == "/prefix/write"
    assert urllib.parse.parse_qs(parsed.query, keep_blank_values=True) == {
        "consistency": [""], "db": ["db"], "precision": ["ns"], "rp": ["autogen"]}
    assert headers["User-Agent"] == "InfluxDBClient"
    assert headers["Authorization"] == "Basic " + base64.b64encode(b"kap:secret").decode()
    lines = body.splitlines()
    assert lines[0] == 'cpu,host=a v=1.0,s="x y" 10000000000'
    assert lines[1].startswith("mem free=2i ") and int(lines[1].split()[-1]) >= before // 10**9 * 10**9
    datagrams = {udp.recv(65536).decode() for _ in range(2)}
    assert datagrams == set(lines)

    assert query(base, "POST", "DROP SUBSCRIPTION k ON db.autogen")[0] == 200
    requests.post(base + "/write", params={"db": "db"}, data="cpu v=2 20")
    time.sleep(0.5)
    assert len(Capture.received) == 1, "a dropped subscription gets nothing more"
    assert "secret" not in server.log_path.read_text()


def test_any_mode_skips_a_destination_that_fails(make_server, capture):
    server = make_server().start()
    base = server.store_url
    dead = free_port()
    query(base, "POST", "CREATE DATABASE db")
    create = f"CREATE SUBSCRIPTION k ON db.autogen DESTINATIONS ANY 'http://127.0.0.1:{dead}', 'http://127.0.0.1:{capture}'"
    assert query(base, "POST", create)[0] == 200
    for value in range(4):
        assert requests.post(base + "/write", params={"db": "db"}, data=f"cpu v={value} {value}").status_code == 204
    assert wait_for(lambda: len(Capture.received) == 4), f"got {len(Capture.received)} of 4 batches"
    assert [body.split()[-1] for _, _, body in Capture.received] == ["0", "1", "2", "3"], "in order, none lost"


def test_influxdb_as_a_real_subscriber_receives_the_writes(make_server, tmp_path):
    influx = InfluxDServer(tmp_path / "influxd").start()
    try:
        assert query(influx.url, "POST", "CREATE DATABASE copy")[0] == 200
        server = make_server().start()
        base = server.store_url
        query(base, "POST", "CREATE DATABASE copy")
        assert query(base, "POST", f"CREATE SUBSCRIPTION mirror ON copy.autogen DESTINATIONS ALL '{influx.url}'")[0] == 200
        body = "\n".join(f"cpu,host=h{i % 3} v={i} {i * 1000}" for i in range(100))
        assert requests.post(base + "/write", params={"db": "copy"}, data=body).status_code == 204

        def mirrored():
            result = query(influx.url, "GET", "SELECT count(v) FROM copy.autogen.cpu")[1]["results"][0]
            return result.get("series", [{}])[0].get("values", [[0, 0]])[0][1] == 100

        assert wait_for(mirrored), "InfluxDB 1.6.7 did not receive the 100 points"
        ours = query(base, "GET", "SELECT * FROM copy.autogen.cpu")[1]
        theirs = query(influx.url, "GET", "SELECT * FROM copy.autogen.cpu")[1]
        assert ours == theirs
    finally:
        influx.stop()
