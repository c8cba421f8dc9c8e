"""Every route of the store, of the tasks API and of the control plane, read from their sources, with auth on: each
refuses an anonymous caller, and on the store and the tasks API a user without privileges where the route needs
some, under every spelling of its path (doubled slashes, dot segments, a trailing slash, percent-encoding, capitals,
the v1preview alias)."""

import base64
import http.client
import re
import time
from pathlib import Path

import requests

from harness.fake_oauth import FakeOAuthProvider

SOURCES = Path(__file__).resolve().parents[2] / "Sources"
ROUTE = re.compile(r'routes\.(get|post|put|patch|delete|on)\((?:RouterPath\()?"([^"]+)"')
# Routes that are public by design: the store-style ping, sign-in and the UI's files.
PUBLIC = {"/ping", "/login", "/", "/ui/**", "/vendor/**", "/sources/**", "/chronograf/v1", "/oauth/{provider}/login",
          "/oauth/{provider}/callback", "/oauth/{provider}/logout", "/oauth/logout"}


def routes(service: str):
    found = set()
    for source in (SOURCES / service).rglob("*.swift"):
        for method, path in ROUTE.findall(source.read_text()):
            found.add(("POST" if method == "on" else method.upper(), path))
    return sorted(found)


def concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "x", path).replace("/**", "/x/y")


def spellings(path: str):
    """The path and the ways a client can spell it that a router may read as the same route."""
    head, _, rest = path.lstrip("/").partition("/")
    return [path, "/" + path, path.replace("/", "//", 2), path.replace(f"/{head}/", f"/{head}/./", 1), path + "/",
            "/%" + format(ord(head[0]), "02x") + head[1:] + "/" + rest, path.upper()]


def status(port: int, method: str, path: str, headers=None) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, body=b"{}" if method != "GET" else None, headers=headers or {})
        return connection.getresponse().status
    finally:
        connection.close()


# Store routes open by design, as InfluxDB leaves them open: liveness and readiness.
STORE_PUBLIC = {"/ping", "/health", "/ready", "/status"}


def test_every_store_route_refuses_the_anonymous_and_the_unprivileged(make_server, tmp_path):
    config = tmp_path / "auth.conf"
    config.write_text("[store]\n  auth-enabled = true\n")
    server = make_server(extra_args=["--config", str(config)]).start()
    query = f"{server.store_url}/query"
    assert requests.post(query, params={"q": "CREATE USER root WITH PASSWORD 'r' WITH ALL PRIVILEGES"}).status_code == 200
    assert requests.post(query, params={"q": "CREATE USER nobody WITH PASSWORD 'n'", "u": "root", "p": "r"}).status_code == 200
    nobody = {"Authorization": "Basic " + base64.b64encode(b"nobody:n").decode()}
    walked = [(method, route) for method, route in routes("StoreService") if route not in STORE_PUBLIC]
    assert len(walked) >= 20, walked
    # What a user without privileges may still reach: its own statements (refused inside as results), the 2.x setup,
    # which answers that onboarding is done, and lists filtered to what it may see (nothing here).
    own = {"/query", "/api/v2/setup"}
    for listing, key in (("authorizations", "authorizations"), ("buckets", "buckets"), ("orgs", "orgs")):
        answer = requests.get(f"{server.store_url}/api/v2/{listing}", headers=nobody)
        assert answer.status_code == 200 and answer.json()[key] == [], answer.text
        own.add(f"/api/v2/{listing}")
    for method, route in walked:
        for path in spellings(concrete(route)):
            anonymous = status(server.store_port, method, path)
            allowed = (401, 403, 404, 405) + ((422,) if route == "/api/v2/setup" else ())
            assert anonymous in allowed or (route == "/api/v2/setup" and method == "GET"), f"anonymous {method} {path}: {anonymous}"
            if route in own:
                continue
            unprivileged = status(server.store_port, method, path, nobody)
            assert unprivileged in (400, 401, 403, 404, 405), f"nobody {method} {path}: {unprivileged}"


def test_every_tasks_route_refuses_the_anonymous_and_the_unprivileged(make_server, tmp_path):
    config = tmp_path / "auth.conf"
    config.write_text("[http]\n  auth-enabled = true\n[auth]\n  enabled = true\n  bcrypt-cost = 4\n")
    server = make_server(extra_args=["--config", str(config)])
    server.start(wait=False)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            requests.get(f"{server.tasks_url}/kapacitor/v1/ping", timeout=1)
            break
        except requests.RequestException:
            time.sleep(0.1)
    api = f"{server.tasks_url}/kapacitor/v1"
    assert requests.post(f"{api}/users", json={"name": "root", "password": "r", "type": "admin"}).status_code == 200
    assert requests.post(f"{api}/users", auth=("root", "r"), json={"name": "nobody", "password": "n", "permissions": []}).status_code == 200
    nobody = {"Authorization": "Basic " + base64.b64encode(b"nobody:n").decode()}
    walked = routes("TaskService")
    assert len(walked) >= 25, walked
    for method, route in walked:
        bases = [""] if route.startswith("/") else ["/kapacitor/v1/", "/kapacitor/v1preview/"]
        for base in bases:
            for path in spellings(base + concrete(route) if base else concrete(route)):
                anonymous = status(server.tasks_port, method, path)
                assert anonymous in (401, 403, 404, 405), f"anonymous {method} {path}: {anonymous}"
                unprivileged = status(server.tasks_port, method, path, nobody)
                assert unprivileged in (401, 403, 404, 405), f"nobody {method} {path}: {unprivileged}"


def test_every_control_route_needs_a_session(make_server, tmp_path):
    oauth = FakeOAuthProvider()
    try:
        config = tmp_path / "oauth.conf"
        config.write_text(oauth.config())
        server = make_server(extra_args=["--config", str(config)]).start()
        walked = [(method, route) for method, route in routes("ControlService") if route not in PUBLIC]
        assert len(walked) >= 12, walked
        for method, route in walked:
            if not route.startswith("/"):
                continue  # built on a base path; the absolute routes cover the same middleware
            for path in spellings(concrete(route)):
                answered = status(server.control_port, method, path)
                assert answered in (401, 403, 404, 405), f"anonymous {method} {path}: {answered}"
    finally:
        oauth.stop()
