"""Data-directory locking, start-up failures and graceful shutdown of the real process."""

import signal
import time

from harness.sundial_server import http_status


def test_second_server_on_the_same_data_dir_is_refused(make_server):
    first = make_server("first").start()
    second = make_server("second", data_dir=first.data_dir).start(wait=False)
    assert second.process.wait(timeout=30) == 1
    assert f"data directory {first.data_dir} is in use by another sundial process (pid {first.process.pid})" in second.log()
    assert http_status(f"{first.store_url}/ping") == 204


def test_data_dir_is_created_when_missing(make_server, tmp_path):
    server = make_server(data_dir=tmp_path / "deep" / "nested" / "data").start()
    assert (tmp_path / "deep" / "nested" / "data" / "sundial.lock").exists()
    assert server.stop() == 0


def test_uncreatable_data_dir_is_a_clear_error(make_server, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    server = make_server(data_dir=blocker / "data").start(wait=False)
    assert server.process.wait(timeout=30) == 1
    assert f"cannot create data directory {blocker}/data" in server.log()


def test_port_in_use_names_the_service(make_server):
    first = make_server("first").start()
    clash = make_server("clash")
    clash.store_port = first.store_port
    clash.start(wait=False)
    assert clash.process.wait(timeout=30) == 1
    assert f"store service on 127.0.0.1:{first.store_port} failed" in clash.log()


def test_sigterm_stops_within_five_seconds(server):
    started = time.monotonic()
    assert server.stop(signal.SIGTERM) == 0
    assert time.monotonic() - started < 5
    assert "Sundial stopped" in server.log()


def test_sigint_stops_within_five_seconds(server):
    started = time.monotonic()
    assert server.stop(signal.SIGINT) == 0
    assert time.monotonic() - started < 5


def test_sigterm_with_an_idle_keep_alive_connection(server):
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", server.store_port, timeout=5)
    connection.request("GET", "/ping")
    assert connection.getresponse().status == 204
    started = time.monotonic()
    assert server.stop(signal.SIGTERM) == 0
    assert time.monotonic() - started < 5
    connection.close()
