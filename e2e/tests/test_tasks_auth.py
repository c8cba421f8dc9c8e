"""`[http] auth-enabled` on the tasks API as a Kapacitor user secures it: users in `[auth]`, Basic auth, `u`/`p`,
tokens signed with `shared-secret`, Kapacitor's 401 and 403; the `kapacitor` CLI takes credentials in its URL, and the
control plane's Kapacitor connection signs in with the ones stored for it."""

import base64
import hashlib
import hmac
import json
import subprocess
import time

import influxdb
import requests

from harness.influxd_server import InfluxDServer
from harness.sundial_server import SundialServer

CONFIG = """[http]
  auth-enabled = true
  shared-secret = "jwt-signing-secret"
[auth]
  enabled = true
  bcrypt-cost = 4
"""


def jwt(claims: dict, secret: str) -> str:
    """An HS256 token made with Python's own hmac, as any client library makes one."""
    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
    signing = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode()) + "." + b64(json.dumps(claims).encode())
    return signing + "." + b64(hmac.new(secret.encode(), signing.encode(), hashlib.sha256).digest())


def start(make_server, tmp_path, config=None) -> SundialServer:
    if config is None:
        config = tmp_path / "secured.conf"
        config.write_text(CONFIG)
    server = make_server(extra_args=["--config", str(config)])
    server.start(wait=False)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{server.tasks_url}/kapacitor/v1/ping", timeout=1).status_code == 401:
                return server
        except requests.RequestException:
            pass
        assert server.process.poll() is None, server.log()
        time.sleep(0.1)
    raise AssertionError(server.log())


def test_a_secured_tasks_api(make_server, sundial_binary, tmp_path):
    server = start(make_server, tmp_path)
    api = f"{server.tasks_url}/kapacitor/v1"
    early = requests.get(f"{api}/tasks")
    assert early.status_code == 401 and early.json()["error"].startswith("create an admin user first"), early.text
    created = requests.post(f"{api}/users", json={"name": "root", "password": "r00t-pw", "type": "admin"})
    assert created.status_code == 200 and created.json()["type"] == "admin", created.text

    anonymous = subprocess.run(["curl", "-s", "-w", "%{http_code}", f"{api}/tasks"], capture_output=True, text=True)
    assert anonymous.stdout.endswith("401") and "unable to parse authentication credentials" in anonymous.stdout
    assert requests.get(f"{api}/tasks", auth=("root", "r00t-pw")).status_code == 200
    assert requests.get(f"{api}/tasks", params={"u": "root", "p": "r00t-pw"}).status_code == 200
    assert requests.get(f"{api}/tasks", auth=("root", "wrong")).json()["error"] == "authorization failed"
    token = jwt({"username": "root", "exp": int(time.time()) + 60}, "jwt-signing-secret")
    assert requests.get(f"{api}/tasks", headers={"Authorization": f"Bearer {token}"}).status_code == 200

    # A user with only the `api` permission runs tasks but neither writes points nor manages users.
    assert requests.post(f"{api}/users", auth=("root", "r00t-pw"),
                         json={"name": "bob", "password": "b0b-pw", "permissions": ["api"]}).status_code == 200
    assert requests.get(f"{api}/tasks", auth=("bob", "b0b-pw")).status_code == 200
    refused = requests.post(f"{server.tasks_url}/write", params={"db": "telegraf"}, data="cpu v=1", auth=("bob", "b0b-pw"))
    assert refused.status_code == 403
    assert refused.json()["error"] == 'user bob does not have "write" privilege for API endpoint "/write"'
    for path in ("/users", "//kapacitor/v1/users", "/kapacitor/v1preview/users/root"):
        assert requests.get(f"{server.tasks_url}{path}", auth=("bob", "b0b-pw")).status_code == 403, path

    # The kapacitor CLI: credentials in the URL, as Kapacitor's takes them.
    script = tmp_path / "cpu.tick"
    script.write_text("stream\n    |from().measurement('cpu')\n    |httpOut('cpu')\n")
    signed_in = f"http://root:r00t-pw@127.0.0.1:{server.tasks_port}"
    defined = subprocess.run([sundial_binary, "kapacitor", "-url", signed_in, "define", "cpu", "-tick", str(script),
                              "-dbrp", "telegraf.autogen"], capture_output=True, text=True)
    assert defined.returncode == 0, defined.stderr
    listed = subprocess.run([sundial_binary, "kapacitor", "-url", server.tasks_url, "list", "tasks"], capture_output=True, text=True)
    assert listed.returncode == 1 and "unable to parse authentication credentials" in listed.stderr, listed.stderr

    # The control plane's connection to this Kapacitor signs in with its stored credentials.
    control = f"{server.control_url}/chronograf/v1/sources"
    source = requests.post(control, json={"name": "store", "url": server.store_url, "type": "influx"})
    assert source.status_code == 201, source.text
    kapacitors = source.json()["links"]["kapacitors"]
    unsigned = requests.post(f"{server.control_url}{kapacitors}", json={"name": "k", "url": server.tasks_url})
    assert unsigned.status_code == 400, unsigned.text
    signed = requests.post(f"{server.control_url}{kapacitors}",
                           json={"name": "k", "url": server.tasks_url, "username": "root", "password": "r00t-pw"})
    assert signed.status_code == 201, signed.text

    log = server.log()
    for secret in ("r00t-pw", "b0b-pw", "jwt-signing-secret", token):
        assert secret not in log, secret


def test_influxdb_subscriptions_sign_in_with_a_subscriber_token(make_server, tmp_path):
    """Debian's InfluxDB 1.6.7 subscribed to an auth-enabled tasks API: the subscription's destination carries
    Kapacitor's `~subscriber` credentials, InfluxDB's writes reach a stream task, and the token may do nothing else."""
    influx = InfluxDServer(tmp_path / "influxd").start()
    try:
        remote = influxdb.InfluxDBClient(host="127.0.0.1", port=influx.port, database="telegraf")
        remote.create_database("telegraf")
        config = tmp_path / "subscribed.conf"
        config.write_text(CONFIG + f'[[influxdb]]\n  name = "remote"\n  urls = ["{influx.url}"]\n  subscriptions-sync-interval = "1s"\n')
        server = start(make_server, tmp_path, config=config)
        api = f"{server.tasks_url}/kapacitor/v1"
        assert requests.post(f"{api}/users", json={"name": "root", "password": "r00t-pw", "type": "admin"}).status_code == 200
        deadline = time.monotonic() + 20
        subscriptions = []
        while time.monotonic() < deadline and not subscriptions:
            subscriptions = [row for row in remote.query("SHOW SUBSCRIPTIONS").get_points("telegraf") if row["name"].startswith("kapacitor-")]
            time.sleep(0.3)
        destination = subscriptions[0]["destinations"][0]
        assert destination.startswith("http://~subscriber:") and destination.endswith(f"@localhost:{server.tasks_port}"), destination
        token = destination.split(":", 2)[2].split("@")[0]
        script = "dbrp \"telegraf\".\"autogen\"\nstream\n    |from().measurement('cpu')\n    |httpOut('cpu')\n"
        created = requests.post(f"{api}/tasks", auth=("root", "r00t-pw"), json={"id": "cpu", "script": script, "status": "enabled"})
        assert created.status_code == 200, created.text
        assert remote.write_points(["cpu,host=a usage_idle=5 1700000000"], time_precision="s", protocol="line")
        deadline = time.monotonic() + 20
        output = {}
        while time.monotonic() < deadline and not output.get("series"):
            output = requests.get(f"{api}/tasks/cpu/cpu", auth=("root", "r00t-pw")).json()
            time.sleep(0.3)
        assert output.get("series"), output
        assert requests.get(f"{api}/tasks", auth=("~subscriber", token)).status_code == 403
        assert token not in server.log()
    finally:
        influx.stop()
