"""Acknowledged writes survive `kill -9`: concurrent writers, a random kill, then every acknowledged point must be
in the data directory (read offline with `sundial store export`). Repeated 20 times, with a small cache so flushes
to compressed files and WAL segment removal happen while the kills land."""

import http.client
import os
import random
import subprocess
import threading

from harness.kill9 import kill_during

# bench/kill9_trials.py sets CRASH_CYCLES to run 50 or more.
CYCLES = int(os.environ.get("CRASH_CYCLES", "20"))
SERIES = 5


def post(port, path, body):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("POST", path, body=body, headers={"Content-Type": "text/plain"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def writer(port, name, stop, acknowledged, lock):
    """Posts batches of 200 points with unique timestamps; records the batches answered 204."""
    batch = 0
    while not stop.is_set():
        # Tags in key order, as export writes them.
        lines = [f"crash,series=s{i % SERIES},writer={name} v={batch * 1000 + i}i {batch * 1000 + i}" for i in range(200)]
        try:
            status = post(port, "/write?db=crash", "\n".join(lines))
        except OSError:
            return
        if status == 204:
            with lock:
                acknowledged.extend(lines)
        batch += 1


def test_acknowledged_writes_survive_kill_9(make_server, sundial_binary, tmp_path):
    config = tmp_path / "crash.conf"
    config.write_text("[store]\ncache-snapshot-memory-size = 65536\n")
    rng = random.Random(20261122)
    data_dir = tmp_path / "crash-data"
    expected = set()
    for cycle in range(CYCLES):
        server = make_server(f"cycle{cycle}", data_dir=data_dir, extra_args=["--config", str(config)]).start()
        assert post(server.store_port, "/query?q=CREATE+DATABASE+crash", "") == 200
        lock, acknowledged = threading.Lock(), []
        kill_during(server, [lambda stop, w=w: writer(server.store_port, f"c{cycle}w{w}", stop, acknowledged, lock) for w in range(3)],
                    rng.uniform(0.2, 1.2))
        with lock:
            expected.update(acknowledged)
        assert acknowledged, f"cycle {cycle}: no write was acknowledged before the kill"
        result = subprocess.run(
            [sundial_binary, "store", "export", "--data-dir", str(data_dir), "--database", "crash"],
            capture_output=True, text=True, timeout=120,
        )
        assert result.returncode == 0, result.stderr
        stored = set(result.stdout.splitlines())
        missing = expected - stored
        assert not missing, f"cycle {cycle}: {len(missing)} acknowledged points lost, e.g. {sorted(missing)[:3]}"
