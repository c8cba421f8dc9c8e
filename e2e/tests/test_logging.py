"""One log line per request, at the configured level, with no secret in it."""

import urllib.request

from harness.sundial_server import http_status


def test_each_request_is_logged_with_method_path_status_and_duration(server):
    assert http_status(f"{server.store_url}/ping") == 204
    assert http_status(f"{server.tasks_url}/kapacitor/v1/nothing") == 404
    lines = server.log().splitlines()
    assert any(" store: GET /ping 204 " in line and line.split(" 204 ")[1].split()[0].endswith("ms") for line in lines)
    assert any(" tasks: GET /kapacitor/v1/nothing 404 " in line for line in lines)


def test_passwords_and_tokens_never_reach_the_log(server):
    for url in (
        f"{server.store_url}/ping?u=admin&p=hunter2-password",
        f"{server.control_url}/chronograf/v1/?token=tok-secret-123",
    ):
        request = urllib.request.Request(url, headers={"Authorization": "Token header-secret-456"})
        urllib.request.urlopen(request, timeout=5).read()
    server.stop()
    log = server.log()
    for secret in ("hunter2-password", "tok-secret-123", "header-secret-456"):
        assert secret not in log
    assert "p=[REDACTED]" in log


def test_log_level_error_hides_request_lines(make_server):
    server = make_server(extra_args=["--log-level", "error"]).start()
    assert http_status(f"{server.store_url}/ping") == 204
    server.stop()
    assert "GET /ping" not in server.log()


def test_log_file_option_writes_there(make_server, tmp_path):
    log_file = tmp_path / "sundial-file.log"
    server = make_server(extra_args=["--log-file", str(log_file)]).start()
    assert http_status(f"{server.store_url}/ping") == 204
    server.stop()
    assert " store: GET /ping 204 " in log_file.read_text()
