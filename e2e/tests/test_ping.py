"""The three services answer their pings, driven with curl as a user would."""

import subprocess


def curl(*args: str) -> str:
    return subprocess.run(["curl", "-sS", *args], check=True, capture_output=True, text=True).stdout


def status_and_headers(url: str, method: str = "GET") -> tuple:
    flags = ["-I"] if method == "HEAD" else ["-D", "-", "-o", "/dev/null"]
    out = curl(*flags, url)
    lines = out.replace("\r", "").strip().split("\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:] if ":" in line)}
    return status, headers


def test_store_ping_get_and_head(server):
    for method in ("GET", "HEAD"):
        status, headers = status_and_headers(f"{server.store_url}/ping", method)
        assert status == 204
        assert headers["x-influxdb-version"].startswith("1.")
        assert headers["x-influxdb-build"] == "OSS"
        assert headers["request-id"]


def test_tasks_ping(server):
    status, headers = status_and_headers(f"{server.tasks_url}/kapacitor/v1/ping")
    assert status == 204
    assert headers["x-kapacitor-version"]


def test_control_discovery(server):
    import json

    body = json.loads(curl(f"{server.control_url}/chronograf/v1/"))
    assert body["sources"] == "/chronograf/v1/sources"
    assert body["organizations"] == "/chronograf/v1/organizations"
    status, headers = status_and_headers(f"{server.control_url}/chronograf/v1")
    assert status == 200
    assert headers["x-chronograf-version"]
