"""InfluxDB Admin's users (`/chronograf/v1/sources/:id/users`), against Sundial's own store and Debian's InfluxDB
1.6.7 as a source alike: users made, listed, given and denied permissions and dropped with InfluxQL through the
source, as Chronograf does for InfluxDB OSS."""

import pytest
import requests


@pytest.fixture(scope="module")
def sources(two_sources):
    sundial, ids = two_sources
    return sundial, {name: source[0] for name, source in ids.items()}


@pytest.mark.parametrize("which", ["embedded", "influxdb 1.6.7"])
def test_users_and_their_permissions(sources, which):
    sundial, ids = sources
    api = f"{sundial.control_url}/chronograf/v1/sources/{ids[which]}"
    assert requests.post(api + "/dbs", json={"name": "telegraf"}).status_code == 201
    created = requests.post(api + "/users", json={"name": "alice", "password": "pw'1",
                                                  "permissions": [{"scope": "database", "name": "telegraf", "allowed": ["READ"]}]})
    assert created.status_code == 201, created.text
    assert created.headers["Location"] == f"/chronograf/v1/sources/{ids[which]}/users/alice"
    assert created.json() == {"name": "alice", "links": {"self": f"/chronograf/v1/sources/{ids[which]}/users/alice"},
                              "permissions": [{"scope": "database", "name": "telegraf", "allowed": ["READ"]}]}
    admin = requests.post(api + "/users", json={"name": "root", "password": "x", "permissions": [{"scope": "all", "allowed": ["ALL"]}]})
    assert admin.json()["permissions"] == [{"scope": "all", "allowed": ["ALL"]}]
    widened = requests.patch(api + "/users/alice", json={"permissions": [
        {"scope": "database", "name": "telegraf", "allowed": ["READ", "WRITE"]}]})
    assert widened.status_code == 200 and widened.json()["permissions"] == [
        {"scope": "database", "name": "telegraf", "allowed": ["WRITE", "READ"]}]
    names = [user["name"] for user in requests.get(api + "/users").json()["users"]]
    assert names == ["alice", "root"]
    assert requests.patch(api + "/users/alice", json={"password": "new"}).status_code == 200
    assert requests.patch(api + "/users/alice", json={}).json() == {"code": 422, "message": "no fields to update"}
    assert requests.post(api + "/users", json={"name": "bob"}).json() == {"code": 422, "message": "password required"}
    assert requests.post(api + "/users", json={"name": "bob", "password": "p", "permissions": [{"scope": "database"}]}).json() == {
        "code": 422, "message": "Database scoped permission requires a name"}
    assert requests.get(api + "/users/nobody").json() == {"code": 400, "message": "user not found"}
    for name in ("alice", "root"):
        assert requests.delete(api + f"/users/{name}").status_code == 204
    assert requests.get(api + "/users").json() == {"users": []}
    assert requests.delete(api + "/dbs/telegraf").status_code == 204


@pytest.mark.parametrize("which", ["embedded", "influxdb 1.6.7"])
def test_names_in_the_path_are_decoded(sources, which):
    """`my%20db` and `jo%20smith` in a path name `my db` and `jo smith`, as Chronograf's router reads them."""
    sundial, ids = sources
    api = f"{sundial.control_url}/chronograf/v1/sources/{ids[which]}"
    assert requests.post(api + "/dbs", json={"name": "my db"}).status_code == 201
    assert requests.post(api + "/dbs/my%20db/rps", json={"name": "a week", "duration": "7d", "replication": 1}).status_code == 201
    assert requests.delete(api + "/dbs/my%20db/rps/a%20week").status_code == 204
    assert requests.post(api + "/users", json={"name": "jo smith", "password": "pw"}).status_code == 201
    assert requests.get(api + "/users/jo%20smith").json()["name"] == "jo smith"
    assert requests.delete(api + "/users/jo%20smith").status_code == 204
    assert requests.delete(api + "/dbs/my%20db").status_code == 204
    assert "my db" not in [db["name"] for db in requests.get(api + "/dbs").json()["databases"]]
