"""`.src`, `.kap` and `.org` resource files: read at start-up from RESOURCES_PATH with `{{ .VAR }}` filled from the
environment; bad files are skipped and named in the log while the rest load; file-backed connections show in the
API, work for proxies, and are changed in their files, not through the API."""

import json

import requests


def test_resource_files_load_and_bad_ones_are_skipped(make_server, tmp_path):
    resources = tmp_path / "resources"
    resources.mkdir()
    files = {
        "prod.src": '{"id": "10000", "name": "Prod", "url": "{{ .SRC_URL }}", "username": "root", '
                    '"password": "{{ .SRC_PASS }}", "type": "influx", "default": true, "organization": "default"}',
        "prod.kap": '{"id": 10000, "srcID": 10000, "name": "Kap", "url": "{{.KAP_URL}}", "active": true}',
        "bad.src": "{not json",
        "missing.src": '{"id": "10001", "url": "{{ .NOT_SET_ANYWHERE }}"}',
        "zdup.src": '{"id": "10000", "url": "http://127.0.0.1:1"}',
        "orphan.kap": '{"id": "10002", "srcID": "999", "name": "o", "url": "http://127.0.0.1:1"}',
        "negative.src": '{"id": -4, "url": "http://127.0.0.1:1"}',
        "team.org": '{"id": "7", "name": "team", "defaultRole": "viewer"}',
        "notes.txt": "not a resource",
    }
    for name, text in files.items():
        (resources / name).write_text(text)
    config = tmp_path / "sundial.conf"
    config.write_text("[store]\n  auth-enabled = true\n")
    server = make_server(extra_args=["--config", str(config)])
    server.env = {"RESOURCES_PATH": str(resources), "SRC_URL": server.store_url, "SRC_PASS": 'p"w&+d', "KAP_URL": server.tasks_url}
    server.start()
    assert requests.post(server.store_url + "/query", params={"q": "CREATE USER root WITH PASSWORD 'p\"w&+d' WITH ALL PRIVILEGES"}).status_code == 200

    sources = requests.get(server.control_url + "/chronograf/v1/sources").json()["sources"]
    assert [(s["id"], s["name"], s["default"], s["authentication"]) for s in sources] == [
        ("0", "Sundial", True, "unknown"), ("10000", "Prod", False, "basic")], "the embedded store stays the default"
    assert "password" not in sources[1] and "p\\\"w" not in json.dumps(sources)
    kapacitors = requests.get(server.control_url + "/chronograf/v1/sources/10000/kapacitors").json()["kapacitors"]
    assert [(k["id"], k["name"], k["active"]) for k in kapacitors] == [("10000", "Kap", True)]

    log = server.log_path.read_text()
    for name, problem in [("bad.src", "not a JSON object"), ("missing.src", "NOT_SET_ANYWHERE is not set"),
                          ("zdup.src", "duplicate source id 10000"), ("orphan.kap", "srcID 999 is no source"),
                          ("negative.src", "id must be a non-negative integer")]:
        assert any(name in line and problem in line for line in log.splitlines()), f"{name}: {problem} not logged"

    # The file's password (with characters html/template would have escaped) signs the proxy in.
    answer = requests.post(server.control_url + "/chronograf/v1/sources/10000/proxy", json={"query": "SHOW DATABASES"},
                           headers={"X-Requested-With": "XMLHttpRequest"})
    assert answer.status_code == 200, answer.text
    ping = requests.get(server.control_url + "/chronograf/v1/sources/10000/kapacitors/10000/proxy", params={"path": "/kapacitor/v1/ping"})
    assert ping.status_code == 204

    refused = requests.patch(server.control_url + "/chronograf/v1/sources/10000", json={"name": "x"})
    assert refused.status_code == 422 and "prod.src" in refused.json()["message"]
    assert requests.delete(server.control_url + "/chronograf/v1/sources/10000").status_code == 422
    created = requests.post(server.control_url + "/chronograf/v1/sources",
                            json={"name": "api", "url": server.store_url, "username": "root", "password": 'p"w&+d'}).json()
    assert created["id"] == "10001" and created["default"] is False, "ids continue after the files'; the file keeps the default"

    orgs = server.control_url + "/chronograf/v1/organizations"
    listed = requests.get(orgs).json()
    assert [(o["id"], o["name"], o["defaultRole"]) for o in listed["organizations"]] == [("default", "Default", "member"), ("7", "team", "viewer")]
    assert requests.patch(orgs + "/7", json={"name": "x"}).json() == {"code": 422, "message": "unable to update organizations on the filesystem"}
    assert requests.delete(orgs + "/default").json() == {"code": 400, "message": "cannot delete default organization"}
    assert requests.post(orgs, json={}).json()["message"] == "Name required on Chronograf Organization request body"
    assert requests.post(orgs, json={"name": "n", "defaultRole": "boss"}).json()["message"] == (
        "default role must be member, reader, viewer, editor, or admin")
    created = requests.post(orgs, json={"name": "ops", "defaultRole": "editor"})
    assert created.status_code == 201 and created.json()["id"] == "8"
    assert requests.patch(orgs + "/8", json={"name": "operations"}).json()["name"] == "operations"
    assert requests.delete(orgs + "/8").status_code == 204 and requests.get(orgs + "/8").status_code == 404

    assert requests.get(server.control_url + "/chronograf/v1/env").json()["telegrafSystemInterval"] == "1m0s"
    me = requests.get(server.control_url + "/chronograf/v1/me").json()
    assert me["links"] == {"self": "/chronograf/v1/me"} and me["currentOrganization"]["id"] == "default"
    team = requests.post(orgs, json={"name": "team2"}).json()
    session = requests.Session()
    switched = session.put(server.control_url + "/chronograf/v1/me", json={"organization": team["id"]})
    assert switched.status_code == 200 and switched.json()["currentOrganization"]["name"] == "team2"
    assert session.put(server.control_url + "/chronograf/v1/me", json={"organization": "nope"}).status_code == 404
    mine = session.post(server.control_url + "/chronograf/v1/sources",
                        json={"name": "team source", "url": server.store_url, "username": "root", "password": 'p"w&+d'}).json()
    assert mine["organization"] == team["id"] and mine["default"] is True, "an organization's first source is its default"
    assert [s["name"] for s in session.get(server.control_url + "/chronograf/v1/sources").json()["sources"]] == ["team source"]
    assert len(requests.get(server.control_url + "/chronograf/v1/sources").json()["sources"]) == 4, "no cookie: every source"
