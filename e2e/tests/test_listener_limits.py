"""Every listener closes connections that stay idle or stop half-way through a request (`idle-timeout`), and serves at
most `max-connection-limit` connections at once; a long query runs off the event loops, so pings are answered."""

import socket
import threading
import time

import pytest
import requests

SECTIONS = {"store": "store", "tasks": "http", "control": "control"}


@pytest.fixture
def limited(make_server, tmp_path):
    config = tmp_path / "limits.conf"
    config.write_text("".join(f"[{section}]\nidle-timeout = \"1s\"\nmax-connection-limit = 3\n" for section in SECTIONS.values()))
    return make_server(extra_args=["--config", str(config)]).start()


def port(server, service):
    return {"store": server.store_port, "tasks": server.tasks_port, "control": server.control_port}[service]


def closed_within(connection: socket.socket, seconds: float) -> bool:
    """Whether the server closes the connection (recv returns b'' or the connection resets) within `seconds`."""
    connection.settimeout(seconds)
    try:
        return connection.recv(1024) == b""
    except ConnectionResetError:
        return True
    except socket.timeout:
        return False


@pytest.mark.parametrize("service", SECTIONS)
def test_a_half_sent_request_is_closed_after_the_idle_timeout(limited, service):
    half = socket.create_connection(("127.0.0.1", port(limited, service)))
    half.sendall(b"GET /ping HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    idle = socket.create_connection(("127.0.0.1", port(limited, service)))
    assert closed_within(half, 5), "a request head that never ends keeps its connection"
    assert closed_within(idle, 5), "an idle connection stays open"
    half.close()
    idle.close()


@pytest.mark.parametrize("service", SECTIONS)
def test_a_body_trickled_in_under_the_idle_timeout_is_cut_at_the_read_timeout(make_server, tmp_path, service):
    """A byte every half second never trips a 2 s idle timeout; `request-read-timeout` bounds the whole request."""
    config = tmp_path / "trickle.conf"
    config.write_text(f"[{SECTIONS[service]}]\nidle-timeout = \"2s\"\nrequest-read-timeout = \"2s\"\n")
    server = make_server(extra_args=["--config", str(config)]).start()
    slow = socket.create_connection(("127.0.0.1", port(server, service)))
    slow.sendall(b"POST /write?db=x HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n")
    started = time.monotonic()
    cut = False
    try:
        for _ in range(16):
            slow.sendall(b"m")
            if closed_within(slow, 0.5):
                cut = True
                break
    except (BrokenPipeError, ConnectionResetError):
        cut = True
    slow.close()
    assert cut and time.monotonic() - started < 6, "a trickled body holds its connection"


@pytest.mark.parametrize("service", SECTIONS)
def test_connections_past_the_limit_wait_for_one_to_close(limited, service):
    held = [socket.create_connection(("127.0.0.1", port(limited, service))) for _ in range(3)]
    time.sleep(0.2)
    waiting = socket.create_connection(("127.0.0.1", port(limited, service)))
    waiting.sendall(b"GET /ping HTTP/1.1\r\nHost: x\r\n\r\n")
    waiting.settimeout(0.5)
    with pytest.raises(socket.timeout):
        waiting.recv(1024)
    held[0].close()
    waiting.settimeout(5)
    assert waiting.recv(1024).startswith(b"HTTP/1.1 ")
    for connection in held[1:] + [waiting]:
        connection.close()


def test_pings_are_answered_while_long_queries_run(server):
    store = server.store_url
    requests.post(f"{store}/query", params={"q": "CREATE DATABASE big"}, timeout=10)
    lines = "\n".join(f"m,t=t{i % 500} v={i} {i}" for i in range(200_000))
    assert requests.post(f"{store}/write", params={"db": "big"}, data=lines, timeout=60).status_code == 204
    stop = threading.Event()

    def query_load():
        while not stop.is_set():
            requests.get(f"{store}/query", params={"db": "big", "q": "SELECT * FROM m WHERE v > 0"}, timeout=120)

    threads = [threading.Thread(target=query_load) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(1)
        latencies = []
        for _ in range(20):
            started = time.monotonic()
            assert requests.get(f"{store}/ping", timeout=10).status_code == 204
            latencies.append(time.monotonic() - started)
            time.sleep(0.05)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=120)
    assert sorted(latencies)[len(latencies) // 2] < 0.5, f"pings waited behind queries: {latencies}"
