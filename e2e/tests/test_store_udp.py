"""The store's UDP line-protocol listener (`[[store.udp]]`, InfluxDB's `[[udp]]`): datagrams are batched and
written to the configured database (made when missing), bad lines are counted, and what was gathered when the
server is asked to stop is written before it exits."""

import json
import socket
import time
import urllib.parse
import urllib.request

from harness.sundial_server import free_port


def query(server, text, db="metrics"):
    target = server.store_url + "/query?" + urllib.parse.urlencode({"q": text, "db": db})
    with urllib.request.urlopen(target, timeout=30) as answer:
        return json.load(answer)["results"][0]


def send(port, *datagrams):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        for datagram in datagrams:
            sender.sendto(datagram, ("127.0.0.1", port))


def wait_for(condition, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("timed out")


def test_datagrams_are_batched_into_the_database(make_server, tmp_path):
    port = free_port()
    config = tmp_path / "sundial.conf"
    config.write_text(f"""
[[store.udp]]
bind-address = "127.0.0.1:{port}"
database = "metrics"
retention-policy = ""
precision = "s"
batch-size = 3
batch-timeout = "1h"
""")
    server = make_server(extra_args=["--config", str(config)]).start()
    # Three lines fill a batch (one of them does not parse): written at once.
    send(port, b"cpu,host=a usage=1.5 1700000000\ncpu,host=b usage=2 1700000001", b"not line protocol")
    wait_for(lambda: "series" in query(server, "SELECT count(usage) FROM cpu"))
    assert query(server, "SELECT * FROM cpu")["series"][0]["values"] == [
        ["2023-11-14T22:13:20Z", "a", 1.5], ["2023-11-14T22:13:21Z", "b", 2]]
    stats = statistics(server)
    assert stats["tags"] == {"bind": f"127.0.0.1:{port}"}
    assert stats["pointsTx"] == 2 and stats["pointsParseFail"] == 1 and stats["batchesTx"] == 1
    # Two points do not fill a batch and the timeout is an hour away: they are written when the server stops.
    send(port, b"mem used=3i 1700000002\n", b"last v=1 1700000003")
    wait_for(lambda: statistics(server)["bytesReceived"] > stats["bytesReceived"] + 40)
    server.stop()
    server.start()
    assert query(server, "SELECT * FROM mem")["series"][0]["values"] == [["2023-11-14T22:13:22Z", 3]]
    assert query(server, "SELECT * FROM last")["series"][0]["values"] == [["2023-11-14T22:13:23Z", 1]]


def statistics(server):
    series = query(server, "SHOW STATS FOR 'udp'", db="")["series"][0]
    return {"tags": series["tags"], **dict(zip(series["columns"], series["values"][0]))}
