"""HTTPS on all three listeners, as a secured InfluxDB, Kapacitor and Chronograf set-up has it: a certificate from
files (`[store] https-*`, `[http] https-*`, `[control] cert`/`key`), `[tls] min-version`, checked with `curl --cacert`,
the PyPI clients with `ssl=True`, and a second Sundial whose tasks service talks to the first one's store over HTTPS
(`[[influxdb]] ssl-ca`)."""

import subprocess
import time

import influxdb
import pytest
import requests

from harness.sundial_server import SundialServer


@pytest.fixture
def certificate(tmp_path):
    """A self-signed certificate for localhost and 127.0.0.1, key in its own file."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                   check=True, capture_output=True)
    return cert, key


@pytest.fixture
def secured(make_server, tmp_path, certificate):
    cert, key = certificate
    config = tmp_path / "tls.conf"
    config.write_text(f"""[store]
  https-enabled = true
  https-certificate = "{cert}"
  https-private-key = "{key}"
[http]
  https-enabled = true
  https-certificate = "{cert}"
  https-private-key = "{key}"
[control]
  cert = "{cert}"
  key = "{key}"
[tls]
  min-version = "tls1.2"
""")
    return make_server("secured", extra_args=["--config", str(config)], cafile=str(cert)).start()


def curl(*args) -> subprocess.CompletedProcess:
    return subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", *args], capture_output=True, text=True, timeout=30)


def test_every_listener_speaks_https_only(secured, certificate):
    cert, _ = certificate
    for url in (f"{secured.store_url}/ping", f"{secured.tasks_url}/kapacitor/v1/ping", f"{secured.control_url}/chronograf/v1/"):
        answered = curl("--cacert", str(cert), url)
        assert answered.stdout in ("200", "204"), (url, answered.stdout, answered.stderr)
        assert curl(url).returncode != 0, f"{url}: a client that does not trust the certificate is refused"
        plain = curl(url.replace("https://localhost", "http://127.0.0.1"))
        assert plain.stdout not in ("200", "204"), f"{url}: plain HTTP is not served"
    old = curl("--cacert", str(cert), "--tlsv1.1", "--tls-max", "1.1", f"{secured.store_url}/ping")
    assert old.returncode != 0, "TLS 1.1 is below [tls] min-version"


def test_the_influxdb_client_writes_and_reads_over_https(secured, certificate):
    cert, _ = certificate
    client = influxdb.InfluxDBClient(host="localhost", port=secured.store_port, ssl=True, verify_ssl=str(cert), database="tls")
    client.create_database("tls")
    assert client.write_points(["cpu,host=a usage=1 1700000000"], time_precision="s", protocol="line")
    assert list(client.query("SELECT usage FROM cpu").get_points()) == [{"time": "2023-11-14T22:13:20Z", "usage": 1}]
    answer = requests.get(f"{secured.tasks_url}/kapacitor/v1/tasks", verify=str(cert))
    assert answer.status_code == 200 and answer.json()["tasks"] == []


def test_tasks_read_and_write_a_store_over_https(secured, certificate, make_server, tmp_path):
    """A second Sundial, tasks only, reaches the first one's store over HTTPS, trusting its certificate (ssl-ca)."""
    cert, _ = certificate
    client = influxdb.InfluxDBClient(host="localhost", port=secured.store_port, ssl=True, verify_ssl=str(cert), database="telegraf")
    client.create_database("telegraf")
    now = int(time.time())
    assert client.write_points([f"cpu,host=a usage_idle={5 + i} {now - 30 + i}" for i in range(10)], time_precision="s", protocol="line")
    config = tmp_path / "tasks.conf"
    config.write_text(f"""[store]
  enabled = false
[control]
  enabled = false
[[influxdb]]
  name = "secured"
  urls = ["{secured.store_url}"]
  ssl-ca = "{cert}"
  disable-subscriptions = true
""")
    tasks = SundialServer(data_dir=tmp_path / "tasks-data", log_path=tmp_path / "tasks.log", address_flags=("tasks",),
                          extra_args=["--config", str(config)])
    tasks.start(wait=False)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{tasks.tasks_url}/kapacitor/v1/ping", timeout=1).status_code == 204:
                    break
            except requests.RequestException:
                assert tasks.process.poll() is None, tasks.log()
            time.sleep(0.1)
        script = """dbrp "telegraf"."autogen"
batch
    |query('SELECT max("usage_idle") AS peak FROM "telegraf"."autogen"."cpu"').period(1h).every(1s)
    |influxDBOut().database('telegraf').retentionPolicy('autogen').measurement('peak')
"""
        created = requests.post(f"{tasks.tasks_url}/kapacitor/v1/tasks", json={"id": "peak", "script": script, "status": "enabled"})
        assert created.status_code == 200, created.text
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not list(client.query("SELECT peak FROM peak").get_points()):
            time.sleep(0.3)
        assert [row["peak"] for row in client.query("SELECT peak FROM peak").get_points()][:1] == [14], tasks.log()[-2000:]
    finally:
        tasks.stop()


def test_a_missing_certificate_stops_start_up(sundial_binary, tmp_path):
    config = tmp_path / "missing.conf"
    config.write_text(f'[http]\n  https-enabled = true\n  https-certificate = "{tmp_path}/nope.pem"\n')
    result = subprocess.run([sundial_binary, "serve", "--config", str(config), "--data-dir", str(tmp_path / "d"),
                             "--store-bind-address", "127.0.0.1:0", "--tasks-bind-address", "127.0.0.1:0",
                             "--control-bind-address", "127.0.0.1:0"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert f"sundial: cannot start: cannot read the certificate {tmp_path}/nope.pem" in result.stderr, result.stderr


def test_a_secured_kapacitor_conf_works_as_is(make_server, tmp_path, certificate):
    """Kapacitor's own secured settings, auth and TLS together, as a user's kapacitor.conf has them."""
    cert, key = certificate
    config = tmp_path / "kapacitor.conf"
    config.write_text(f"""[http]
  auth-enabled = true
  https-enabled = true
  https-certificate = "{cert}"
  https-private-key = "{key}"
  shared-secret = "a-long-shared-secret"
[auth]
  enabled = true
  cache-expiration = "10m"
  bcrypt-cost = 4
""")
    server = make_server("kapacitor", extra_args=["--config", str(config)], address_flags=("tasks",))
    server.cafile = str(cert)
    server.start(wait=False)
    api = f"https://localhost:{server.tasks_port}/kapacitor/v1"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if curl("--cacert", str(cert), f"{api}/ping").stdout == "401":
            break
        time.sleep(0.2)
    created = subprocess.run(["curl", "-s", "--cacert", str(cert), "-XPOST", f"{api}/users", "-d",
                              '{"name":"root","password":"r00t","type":"admin"}'], capture_output=True, text=True)
    assert '"type" : "admin"' in created.stdout or '"type":"admin"' in created.stdout, created.stdout
    assert curl("--cacert", str(cert), "-u", "root:r00t", f"{api}/tasks").stdout == "200"
    assert curl("--cacert", str(cert), "-u", "root:wrong", f"{api}/tasks").stdout == "401"
    assert requests.get(f"{api}/tasks", auth=("root", "r00t"), verify=str(cert)).status_code == 200
