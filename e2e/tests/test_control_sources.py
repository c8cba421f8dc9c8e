"""Chronograf-style InfluxDB connections (`/chronograf/v1/sources`): created only when the source answers `/ping`
and `SHOW DATABASES` with the given credentials, passwords never returned or logged, one default, kept across a
restart. The sources are Sundial's own store (auth on) and Debian's InfluxDB 1.6.7."""

import pytest
import requests

from harness.influxd_server import InfluxDServer
from harness.sundial_server import free_port


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    from harness.sundial_server import SundialServer

    base = tmp_path_factory.mktemp("control")
    config = base / "sundial.conf"
    config.write_text("[store]\n  auth-enabled = true\n")
    influx = InfluxDServer(base / "influxd").start()
    sundial = SundialServer(data_dir=base / "data", log_path=base / "sundial.log", extra_args=["--config", str(config)]).start()
    created = requests.post(sundial.store_url + "/query", params={"q": "CREATE USER root WITH PASSWORD 'rootpw' WITH ALL PRIVILEGES"})
    assert created.status_code == 200
    try:
        yield sundial, influx
    finally:
        sundial.stop()
        influx.stop()


def api(sundial, path=""):
    return sundial.control_url + "/chronograf/v1/sources" + path


def test_sources_are_checked_stored_and_never_show_secrets(servers):
    sundial, influx = servers
    good = {"name": "local", "url": sundial.store_url, "username": "root", "password": "rootpw", "type": "influx"}
    created = requests.post(api(sundial), json=good)
    assert created.status_code == 201, created.text
    source = created.json()
    assert created.headers["Location"] == f"/chronograf/v1/sources/{source['id']}"
    assert source["id"].isdigit() and source["telegraf"] == "telegraf"
    assert source["default"] is False, "source 0, the embedded store, is the default"
    assert source["authentication"] == "basic" and source["version"] == "1.8.10" and "password" not in source
    assert source["links"]["self"] == f"/chronograf/v1/sources/{source['id']}"

    wrong = requests.post(api(sundial), json={**good, "password": "nope"})
    assert wrong.status_code == 400
    assert wrong.json()["message"] == "received status code 401 from server: err: authorization failed"
    dead = requests.post(api(sundial), json={"url": f"http://127.0.0.1:{free_port()}"})
    assert dead.status_code == 400 and dead.json()["message"] == "Error contacting source"
    assert "refused" in dead.json()["reason"]
    assert len(requests.get(api(sundial)).json()["sources"]) == 2, "a failed create stores nothing"

    remote = requests.post(api(sundial), json={"name": "influxdb", "url": influx.url, "default": True}).json()
    assert remote["version"].startswith("1.6.7") and remote["authentication"] == "unknown"
    listed = {s["id"]: s["default"] for s in requests.get(api(sundial)).json()["sources"]}
    assert listed == {"0": False, source["id"]: False, remote["id"]: True}, "exactly one default"
    assert requests.get(api(sundial, f"/{remote['id']}/health")).status_code == 204

    body = requests.get(api(sundial)).text + requests.get(api(sundial, f"/{source['id']}")).text
    assert "rootpw" not in body
    assert "rootpw" not in sundial.log_path.read_text()


def test_validation_and_ids_answer_as_chronograf(servers):
    sundial, _ = servers
    cases = [
        ({"name": "x"}, 422, "url required"),
        ({"url": "http://h:1", "type": "mysql"}, 422, "invalid source type mysql"),
        ({"url": "influx.example.com"}, 422, "invalid URL; no URL scheme defined"),
    ]
    for body, status, message in cases:
        answer = requests.post(api(sundial), json=body)
        assert (answer.status_code, answer.json()) == (status, {"code": status, "message": message})
    broken = requests.post(api(sundial), data="{not json", headers={"Content-Type": "application/json"})
    assert broken.json() == {"code": 400, "message": "Unparsable JSON"}
    assert requests.get(api(sundial, "/abc")).json() == {"code": 422, "message": "Error converting ID abc"}
    assert requests.get(api(sundial, "/999")).json() == {"code": 404, "message": "ID 999 not found"}


def test_unknown_fields_are_ignored_as_chronograf_does(servers):
    """Chronograf decodes with Go's encoding/json, which drops fields it does not know; so does Sundial, and they
    are neither stored nor echoed, nor taken for known ones."""
    sundial, influx = servers
    body = {"name": "extra", "url": influx.url, "bogus": 1, "links": {"self": "/elsewhere"}, "id": "77", "authentication": "ldap"}
    created = requests.post(api(sundial), json=body)
    assert created.status_code == 201, created.text
    source = created.json()
    assert "bogus" not in source and source["id"] != "77" and source["links"]["self"] == f"/chronograf/v1/sources/{source['id']}"
    assert source["authentication"] == "unknown"
    patched = requests.patch(api(sundial, f"/{source['id']}"), json={"telegraf": "metrics", "nonsense": [1, 2]}).json()
    assert patched["telegraf"] == "metrics" and "nonsense" not in patched
    kapacitors = api(sundial, f"/{source['id']}/kapacitors")
    kapacitor = requests.post(kapacitors, json={"name": "k", "url": sundial.tasks_url, "color": "red", "srcID": "999"})
    assert kapacitor.status_code == 201 and "color" not in kapacitor.json()
    assert kapacitor.json()["links"]["self"].startswith(f"/chronograf/v1/sources/{source['id']}/kapacitors/")
    organization = requests.post(sundial.control_url + "/chronograf/v1/organizations", json={"name": "o", "planet": "mars"})
    assert organization.status_code == 201 and "planet" not in organization.json()
    assert requests.delete(api(sundial, f"/{source['id']}")).status_code == 204


def test_patch_delete_and_restart(servers):
    sundial, influx = servers
    first = requests.post(api(sundial), json={"name": "a", "url": influx.url, "username": "u", "password": "p"}).json()
    assert first["authentication"] == "basic"
    cleared = requests.patch(api(sundial, f"/{first['id']}"), json={"username": "", "password": ""}).json()
    assert cleared["authentication"] == "unknown" and "username" not in cleared, "an explicit empty value clears"
    renamed = requests.patch(api(sundial, f"/{first['id']}"), json={"name": "renamed", "default": True}).json()
    assert renamed["name"] == "renamed" and renamed["url"] == influx.url and renamed["default"] is True
    unreachable = requests.patch(api(sundial, f"/{first['id']}"), json={"url": f"http://127.0.0.1:{free_port()}"})
    assert unreachable.status_code == 400
    assert requests.get(api(sundial, f"/{first['id']}")).json()["url"] == influx.url, "a failed change stores nothing"

    assert requests.delete(api(sundial, f"/{first['id']}")).status_code == 204
    remaining = requests.get(api(sundial)).json()["sources"]
    assert sum(1 for s in remaining if s["default"]) == 1, "deleting the default promotes another"
    assert requests.delete(api(sundial, f"/{first['id']}")).status_code == 404

    sundial.stop()
    sundial.start()
    assert [s["id"] for s in requests.get(api(sundial)).json()["sources"]] == [s["id"] for s in remaining]


def test_kapacitor_connections_are_contacted_and_one_is_active(servers):
    sundial, influx = servers
    source = requests.post(api(sundial), json={"name": "for-kapacitors", "url": influx.url}).json()
    base = api(sundial, f"/{source['id']}/kapacitors")
    first = requests.post(base, json={"name": "local", "url": sundial.tasks_url, "username": "k", "password": "kpw", "active": True})
    assert first.status_code == 201, first.text
    kapacitor = first.json()
    assert first.headers["Location"] == f"/chronograf/v1/sources/{source['id']}/kapacitors/{kapacitor['id']}"
    assert kapacitor["active"] is True and kapacitor["username"] == "k" and "password" not in kapacitor
    assert kapacitor["links"]["ping"].endswith("/proxy?path=/kapacitor/v1/ping")

    dead = requests.post(base, json={"name": "gone", "url": f"http://127.0.0.1:{free_port()}"})
    assert dead.status_code == 400 and dead.json()["message"] == "Error contacting kapacitor" and "refused" in dead.json()["reason"]
    assert requests.post(base, json={"url": sundial.tasks_url}).json() == {"code": 422, "message": "name and url required"}
    assert requests.post(api(sundial, "/999/kapacitors"), json={"name": "x", "url": sundial.tasks_url}).status_code == 404

    second = requests.post(base, json={"name": "second", "url": sundial.tasks_url, "active": True}).json()
    actives = {k["id"]: k["active"] for k in requests.get(base).json()["kapacitors"]}
    assert actives == {kapacitor["id"]: False, second["id"]: True}, "one active per source"
    renamed = requests.patch(f"{base}/{kapacitor['id']}", json={"name": "renamed", "active": True}).json()
    assert renamed["name"] == "renamed" and renamed["active"] is True
    assert requests.get(f"{base}/{second['id']}").json()["active"] is False
    assert "kpw" not in requests.get(base).text and "kpw" not in sundial.log_path.read_text()

    assert requests.delete(f"{base}/{second['id']}").status_code == 204
    assert requests.get(f"{base}/{second['id']}").status_code == 404
    assert requests.delete(api(sundial, f"/{source['id']}")).status_code == 204
    assert requests.get(base).json() == {"kapacitors": []}, "a source's Kapacitors go with it"


def test_proxies_sign_in_for_the_browser(servers):
    sundial, _ = servers
    source = requests.post(api(sundial), json={"name": "proxied", "url": sundial.store_url, "username": "root", "password": "rootpw"}).json()
    proxy = api(sundial, f"/{source['id']}/proxy")
    xhr = {"X-Requested-With": "XMLHttpRequest"}
    assert requests.post(proxy, json={"query": "SHOW DATABASES"}).json() == {"code": 403, "message": "missing required X-Requested-With header"}
    assert requests.post(proxy, json={"db": "x"}, headers=xhr).json() == {"code": 422, "message": "query field required"}
    assert requests.post(proxy, json={"query": "CREATE DATABASE proxied"}, headers=xhr).status_code == 200

    written = requests.post(api(sundial, f"/{source['id']}/write"), params={"db": "proxied", "precision": "s"}, data="cpu,host=a v=1.5 60")
    assert written.status_code == 204, written.text
    rejected = requests.post(api(sundial, f"/{source['id']}/write"), params={"db": "proxied"}, data="cpu v=")
    assert rejected.status_code == 400 and "unable to parse" in rejected.json()["error"], "InfluxDB's answer passed back"

    answer = requests.post(proxy, json={"query": "SELECT v FROM cpu", "db": "proxied", "uuid": "u-1"}, headers=xhr).json()
    assert answer == {"results": [{"statement_id": 0, "series": [{"name": "cpu", "columns": ["time", "v"], "values": [[60000, 1.5]]}]}],
                      "uuid": "u-1"}, "epoch defaults to ms"
    quoted = requests.post(proxy, json={"query": "SELECT v FROM cpu", "db": "proxied", "uuid": 'u"\\2</'}, headers=xhr)
    assert quoted.headers["Content-Type"] == "application/json" and quoted.json()["uuid"] == 'u"\\2</'
    assert requests.post(proxy, json={"query": "SELECT v FROM cpu", "db": "proxied"}, headers=xhr).json()["uuid"]
    bad = requests.post(proxy, json={"query": "SELEC"}, headers=xhr)
    assert bad.status_code == 400 and bad.json()["message"].startswith("received status code 400 from server: err: error parsing query")

    databases = requests.get(api(sundial, f"/{source['id']}/dbs")).json()["databases"]
    proxied = next(d for d in databases if d["name"] == "proxied")
    assert proxied["retentionPolicies"][0]["name"] == "autogen" and proxied["retentionPolicies"][0]["isDefault"] is True
    assert proxied["links"]["measurements"].endswith("/dbs/proxied/measurements?limit=100&offset=0")

    kapacitors = api(sundial, f"/{source['id']}/kapacitors")
    kapacitor = requests.post(kapacitors, json={"name": "k", "url": sundial.tasks_url}).json()
    ping = requests.get(f"{kapacitors}/{kapacitor['id']}/proxy", params={"path": "/kapacitor/v1/ping"})
    assert ping.status_code == 204
    assert requests.get(f"{kapacitors}/{kapacitor['id']}/proxy").json() == {"code": 422, "message": "path query parameter required"}
    assert requests.get(f"{kapacitors}/999/proxy", params={"path": "/kapacitor/v1/ping"}).status_code == 404


def test_the_embedded_store_and_tasks_are_source_and_kapacitor_zero(make_server):
    server = make_server().start()
    sources = requests.get(api(server)).json()["sources"]
    assert [(s["id"], s["name"], s["url"], s["default"]) for s in sources] == [("0", "Sundial", server.store_url, True)]
    kapacitors = requests.get(api(server, "/0/kapacitors")).json()["kapacitors"]
    assert [(k["id"], k["url"], k["active"]) for k in kapacitors] == [("0", server.tasks_url, True)]
    answer = requests.post(api(server, "/0/proxy"), json={"query": "SHOW DATABASES"}, headers={"X-Requested-With": "XMLHttpRequest"})
    assert answer.status_code == 200
    refused = requests.patch(api(server, "/0"), json={"name": "x"})
    assert refused.status_code == 422 and "embedded store" in refused.json()["message"]


def test_influxdb_url_flag_registers_another_default(make_server, tmp_path):
    influx = InfluxDServer(tmp_path / "influxd").start()
    try:
        server = make_server(extra_args=["--influxdb-url", influx.url, "--kapacitor-url", "http://127.0.0.1:9"]).start()
        sources = requests.get(api(server)).json()["sources"]
        assert [(s["id"], s["name"], s["default"]) for s in sources] == [("0", influx.url, True)]
        assert requests.get(api(server, "/0/health")).status_code == 204
        assert requests.get(api(server, "/0/kapacitors")).json()["kapacitors"][0]["url"] == "http://127.0.0.1:9"
    finally:
        influx.stop()


def test_databases_and_retention_policies_through_a_source(servers):
    sundial, _ = servers
    source = requests.post(api(sundial), json={"name": "dbs", "url": sundial.store_url, "username": "root", "password": "rootpw"}).json()
    dbs = api(sundial, f"/{source['id']}/dbs")
    assert requests.post(dbs, json={}).json() == {"code": 422, "message": "name is required"}
    made = requests.post(dbs, json={"name": "made", "duration": "2d", "replication": 1})
    assert made.status_code == 201 and made.json()["retentionPolicies"][0]["duration"] == "48h0m0s"
    rps = f"{dbs}/made/rps"
    assert requests.post(rps, json={"name": "w"}).json() == {"code": 422, "message": "duration is required"}
    assert requests.post(rps, json={"name": "w", "duration": "7d"}).json() == {"code": 422, "message": "replication factor is invalid"}
    short = requests.post(rps, json={"name": "w", "duration": "30m", "replication": 1})
    assert short.json() == {"code": 400, "message": "retention policy duration must be at least 1h0m0s"}
    weekly = requests.post(rps, json={"name": "weekly", "duration": "7d", "replication": 1})
    assert weekly.status_code == 201 and weekly.json()["duration"] == "168h0m0s" and weekly.json()["isDefault"] is False
    altered = requests.put(f"{rps}/weekly", json={"duration": "14d", "isDefault": True}).json()
    assert altered["duration"] == "336h0m0s" and altered["isDefault"] is True
    assert [p["name"] for p in requests.get(rps).json()["retentionPolicies"]] == ["autogen", "weekly"]
    requests.post(api(sundial, f"/{source['id']}/write"), params={"db": "made"}, data="m1 v=1\nm2 v=2")
    listed = requests.get(f"{dbs}/made/measurements", params={"limit": 1}).json()
    assert listed["measurements"] == [{"name": "m1"}] and listed["links"]["next"].endswith("limit=1&offset=1")
    assert requests.delete(f"{rps}/weekly").status_code == 204
    assert requests.delete(f"{dbs}/made").status_code == 204
    assert "made" not in [d["name"] for d in requests.get(dbs).json()["databases"]]


class CapturingInfluxDB:
    """A stand-in InfluxDB on loopback that answers `/ping` and `/query` and records every Authorization header."""

    def __init__(self):
        import http.server
        import threading
        seen = self.authorizations = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                seen.append(self.headers.get("Authorization"))
                body = b'{"results":[{"statement_id":0,"series":[{"name":"databases","columns":["name"],"values":[["x"]]}]}]}'
                self.send_response(204 if self.path.startswith("/ping") else 200)
                self.send_header("X-Influxdb-Version", "1.8.10")
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", "0" if self.path.startswith("/ping") else str(len(body)))
                self.end_headers()
                if not self.path.startswith("/ping"):
                    self.wfile.write(body)

            do_POST = do_GET

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()


def test_credentials_do_not_follow_a_url_change(servers):
    """A PATCH that points a source or a Kapacitor elsewhere without sending a password sends the old one nowhere."""
    import base64
    sundial, _ = servers
    capture = CapturingInfluxDB()
    try:
        created = requests.post(api(sundial), json={"name": "moving", "url": sundial.store_url, "username": "root",
                                                    "password": "rootpw", "type": "influx"})
        assert created.status_code == 201, created.text
        source = created.json()
        moved = requests.patch(api(sundial, f"/{source['id']}"), json={"url": capture.url})
        assert moved.status_code == 200, moved.text
        sent = [base64.b64decode(value.split(" ", 1)[1]).decode() for value in capture.authorizations if value]
        assert all("rootpw" not in credentials for credentials in sent), sent
        kapacitors = f"{sundial.control_url}{source['links']['kapacitors']}"
        kapacitor = requests.post(kapacitors, json={"name": "k", "url": sundial.tasks_url, "username": "u", "password": "kap-pw"})
        assert kapacitor.status_code == 201, kapacitor.text
        capture.authorizations.clear()
        requests.patch(f"{kapacitors}/{kapacitor.json()['id']}", json={"url": capture.url})
        sent = [base64.b64decode(value.split(" ", 1)[1]).decode() for value in capture.authorizations if value]
        assert all("kap-pw" not in credentials for credentials in sent), sent
    finally:
        capture.stop()
