"""A real full disk: the data directory lives on a 24 MB tmpfs. Writes fill it until one fails; the failure must be
an HTTP 500 with InfluxDB's JSON error (never a 204 for data that is not stored), the server must keep answering,
acknowledged points must stay readable, writes must resume once space returns, and after a restart every
acknowledged point, and no refused one, must be in the store."""

import random
import subprocess
import time

import pytest
import requests

BATCH = 2000


def run(*command):
    return subprocess.run(list(command), capture_output=True, text=True)


@pytest.fixture
def tmpfs(tmp_path):
    """A 24 MB tmpfs mounted at tmp_path/disk; unmounted afterwards whatever happens."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    result = run("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(mount_point))
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs (need root): {result.stderr.strip() or result.returncode}")
    try:
        yield mount_point
    finally:
        if run("umount", str(mount_point)).returncode != 0:
            run("umount", "-l", str(mount_point))


def batch_lines(number):
    """Batch `number`: BATCH points with timestamps and values unique to the batch, so it is identifiable, and a
    100-character random string each so compression cannot shrink it and the disk fills quickly."""
    rng, first = random.Random(number), number * BATCH * 1_000_000  # nanoseconds, 1 ms apart
    return [f'm,host=h{i % 4} v={number * BATCH + i}i,s="{rng.randbytes(50).hex()}" {first + i * 1_000_000}'
            for i in range(BATCH)]


def batch_range(number):
    return number * BATCH * 1_000_000, (number * BATCH + BATCH - 1) * 1_000_000


def write(server, number):
    return requests.post(f"{server.store_url}/write", params={"db": "d"}, data="\n".join(batch_lines(number)), timeout=30)


def count(server, where=""):
    response = requests.get(f"{server.store_url}/query", params={"db": "d", "q": f"SELECT count(v) FROM m {where}"}, timeout=30)
    assert response.status_code == 200, response.text
    series = response.json()["results"][0].get("series")
    return series[0]["values"][0][1] if series else 0


def log_tail(server, lines=40):
    return "\n".join(server.log().splitlines()[-lines:])


def test_full_disk_refuses_writes_keeps_acknowledged_data_and_recovers(tmpfs, make_server, tmp_path):
    # tmpfs first: pytest tears fixtures down in reverse, so the servers stop before the unmount.
    data_dir = tmpfs / "data"
    filler = tmpfs / "filler"
    filler.write_bytes(b"\0" * (6 << 20))  # space to give back once the disk is full
    config = tmp_path / "small.conf"
    config.write_text("[store]\ncache-snapshot-memory-size = 262144\n")
    server = make_server("full", data_dir=data_dir, extra_args=["--config", str(config)]).start()
    try:
        response = requests.post(f"{server.store_url}/query", params={"q": "CREATE DATABASE d"}, timeout=10)
        assert response.status_code == 200, response.text

        acknowledged, refused, failure = [], [], None
        deadline = time.monotonic() + 25
        number = 0
        while failure is None and time.monotonic() < deadline:
            response = write(server, number)
            if response.status_code == 204:
                acknowledged.append(number)
            else:
                failure = response
                refused.append(number)
            number += 1
        assert failure is not None, f"no write failed after {number} batches; df: {run('df', '-k', str(tmpfs)).stdout}"
        assert acknowledged, "the disk filled before the first batch"
        print(f"batches acknowledged: {len(acknowledged)}; first refusal at batch {number - 1}: "
              f"{failure.status_code} {failure.text!r}")
        assert failure.status_code == 500, failure.text
        assert "error" in failure.json(), failure.text

        # The server stays up and answers, and every acknowledged point is readable.
        assert server.process.poll() is None, log_tail(server)
        assert requests.get(f"{server.store_url}/ping", timeout=5).status_code == 204
        assert count(server) == len(acknowledged) * BATCH, log_tail(server)

        # A second write on the still-full disk is refused too (no 204 for data that cannot be stored).
        response = write(server, number)
        print(f"write on full disk again: {response.status_code} {response.text!r}")
        if response.status_code == 204:
            acknowledged.append(number)
        else:
            refused.append(number)
            assert response.status_code == 500, response.text
        number += 1

        # Give space back: writes must resume.
        filler.unlink()
        resumed_after, statuses = None, []
        start = time.monotonic()
        while time.monotonic() - start < 20:
            response = write(server, number)
            statuses.append(response.status_code)
            if response.status_code == 204:
                acknowledged.append(number)
                number += 1
                resumed_after = time.monotonic() - start
                break
            refused.append(number)
            number += 1
            time.sleep(1)
        print(f"after freeing space: statuses {statuses}, resumed after {resumed_after}s")
        assert resumed_after is not None, f"writes never resumed: {statuses}\n{log_tail(server)}"
        assert server.process.poll() is None, log_tail(server)
        assert count(server) == len(acknowledged) * BATCH, log_tail(server)

        # Restart on the same, now bigger, disk: acknowledged points are all there, refused ones are not.
        assert server.stop() == 0, log_tail(server)
        assert run("mount", "-o", "remount,size=64m", str(tmpfs)).returncode == 0
        server = make_server("restarted", data_dir=data_dir, extra_args=["--config", str(config)]).start()
        assert count(server) == len(acknowledged) * BATCH, log_tail(server)
        for batch in acknowledged:
            first, last = batch_range(batch)
            assert count(server, f"WHERE time >= {first} AND time <= {last}") == BATCH, f"batch {batch} incomplete"
        for batch in refused:
            first, last = batch_range(batch)
            assert count(server, f"WHERE time >= {first} AND time <= {last}") == 0, f"refused batch {batch} stored"
    except BaseException:
        print(f"--- tail of {server.log_path} ---\n{log_tail(server, 60)}")
        print(run("df", "-k", str(tmpfs)).stdout)
        raise
