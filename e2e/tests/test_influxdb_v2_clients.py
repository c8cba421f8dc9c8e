"""The InfluxDB 2.x compatibility surface driven by the PyPI `influxdb-client` (2.x write API, buckets, ready) and
the PyPI `influxdb` 1.x client using a token as its password, against Sundial with `[store] auth-enabled = true`."""

import time

import influxdb
import pytest
import requests
from influxdb_client import BucketRetentionRules, InfluxDBClient
from influxdb_client.client.write_api import SYNCHRONOUS
from influxdb_client.rest import ApiException

OPERATOR_TOKEN = "operator-token-for-tests"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from harness.sundial_server import SundialServer

    base = tmp_path_factory.mktemp("v2")
    config = base / "sundial.conf"
    config.write_text("[store]\n  auth-enabled = true\n")
    sundial = SundialServer(data_dir=base / "data", log_path=base / "sundial.log", extra_args=["--config", str(config)])
    sundial.start()
    try:
        assert requests.get(sundial.store_url + "/api/v2/setup").json() == {"allowed": True}
        answer = requests.post(sundial.store_url + "/api/v2/setup", json={
            "username": "admin", "password": "adminpw", "org": "acme", "bucket": "telegraf", "token": OPERATOR_TOKEN})
        assert answer.status_code == 201, answer.text
        setup = answer.json()
        assert setup["auth"]["token"] == OPERATOR_TOKEN and setup["bucket"]["name"] == "telegraf"
        yield sundial, setup
    finally:
        sundial.stop()


def v2(server, token=OPERATOR_TOKEN, **options):
    sundial, _ = server
    return InfluxDBClient(url=sundial.store_url, token=token, org="acme", **options)


def v1(server, password=OPERATOR_TOKEN, database="telegraf", username="anyone"):
    sundial, _ = server
    return influxdb.InfluxDBClient(host="127.0.0.1", port=sundial.store_port, username=username, password=password,
                                   database=database)


def test_setup_happens_once(server):
    sundial, _ = server
    assert requests.get(sundial.store_url + "/api/v2/setup").json() == {"allowed": False}
    again = requests.post(sundial.store_url + "/api/v2/setup", json={"username": "x", "org": "o", "bucket": "b"})
    assert again.status_code == 422
    assert again.json() == {"code": "conflict", "message": "onboarding has already been completed"}


def test_influxdb_client_writes_and_a_1x_client_reads_with_the_token(server):
    with v2(server) as client:
        assert client.ping() and client.ready().status == "ready"
        client.write_api(write_options=SYNCHRONOUS).write(
            bucket="telegraf", record=["cpu,host=a usage=1.5 1000000000", "cpu,host=b usage=2.5 2000000000"])
    with v2(server, enable_gzip=True) as client:
        client.write_api(write_options=SYNCHRONOUS).write(bucket="telegraf", record="cpu,host=c usage=3.5 3", write_precision="s")
    points = list(v1(server).query("SELECT usage FROM cpu").get_points())
    assert [p["usage"] for p in points] == [1.5, 2.5, 3.5]


def test_errors_reach_the_client_with_their_message(server):
    with v2(server, token="not-a-token") as client:
        with pytest.raises(ApiException) as caught:
            client.write_api(write_options=SYNCHRONOUS).write(bucket="telegraf", record="m v=1")
        assert caught.value.status == 401 and "unauthorized access" in caught.value.message
    with v2(server) as client:
        writer = client.write_api(write_options=SYNCHRONOUS)
        with pytest.raises(ApiException) as caught:
            writer.write(bucket="nope", record="m v=1")
        assert caught.value.status == 404 and 'bucket "nope" not found' in caught.value.message
        with pytest.raises(ApiException) as caught:
            writer.write(bucket="telegraf", record="m v=1\nbad line here")
        assert caught.value.status == 400 and "unable to parse 'bad line here'" in caught.value.message
    with pytest.raises(influxdb.exceptions.InfluxDBClientError) as caught:
        v1(server, password="wrong").query("SHOW DATABASES")
    assert caught.value.code == 401


def test_a_read_token_cannot_write(server):
    sundial, setup = server
    answer = requests.post(sundial.store_url + "/api/v2/authorizations", headers={"Authorization": f"Token {OPERATOR_TOKEN}"}, json={
        "orgID": setup["org"]["id"], "description": "reader",
        "permissions": [{"action": "read", "resource": {"type": "buckets", "id": setup["bucket"]["id"]}}]})
    assert answer.status_code == 201, answer.text
    reader = answer.json()["token"]
    listed = requests.get(sundial.store_url + "/api/v2/authorizations", headers={"Authorization": f"Token {OPERATOR_TOKEN}"}).json()
    assert reader not in str(listed) and OPERATOR_TOKEN not in str(listed), "tokens are shown only when created"
    with v2(server, token=reader) as client:
        with pytest.raises(ApiException) as caught:
            client.write_api(write_options=SYNCHRONOUS).write(bucket="telegraf", record="m v=1")
        assert caught.value.status == 403 and "insufficient permissions for write" in caught.value.message
    assert list(v1(server, password=reader).query("SELECT usage FROM cpu").get_points())
    with pytest.raises(influxdb.exceptions.InfluxDBClientError) as caught:
        v1(server, password=reader).query("CREATE DATABASE sneaky", method="POST")
    assert caught.value.code == 403


def test_buckets_made_through_the_api_store_in_their_database_and_policy(server):
    sundial, setup = server
    with v2(server) as client:
        bucket = client.buckets_api().create_bucket(
            bucket_name="metrics/weekly", org="acme",
            retention_rules=BucketRetentionRules(type="expire", every_seconds=604800))
        assert bucket.name == "metrics/weekly"
        names = [b.name for b in client.buckets_api().find_buckets().buckets]
        assert names == ["telegraf", "metrics/weekly"]
        client.write_api(write_options=SYNCHRONOUS).write(bucket="metrics/weekly", record=f"mem used=7i {time.time_ns()}")
    admin = v1(server, username="admin", password="adminpw", database="metrics")
    policies = {p["name"]: p["duration"] for p in admin.get_list_retention_policies("metrics")}
    assert policies["weekly"] == "168h0m0s"
    points = list(admin.query("SELECT used FROM metrics.weekly.mem").get_points())
    assert [p["used"] for p in points] == [7]


def test_dbrp_mappings_let_1x_names_reach_a_bucket(server):
    sundial, setup = server
    headers = {"Authorization": f"Token {OPERATOR_TOKEN}"}
    base = sundial.store_url + "/api/v2/dbrps"
    virtual = requests.get(base, params={"org": "acme"}, headers=headers).json()["content"]
    assert {"database": "telegraf", "retention_policy": "autogen", "default": True, "virtual": True} .items() <= virtual[0].items()
    created = requests.post(base, headers=headers, json={
        "database": "legacy", "retention_policy": "one", "orgID": setup["org"]["id"], "bucketID": setup["bucket"]["id"]})
    assert created.status_code == 201 and created.json()["default"] is True
    duplicate = requests.post(base, headers=headers, json={
        "database": "legacy", "retention_policy": "one", "orgID": setup["org"]["id"], "bucketID": setup["bucket"]["id"]})
    assert duplicate.status_code == 422
    assert duplicate.json()["message"] == "another DBRP mapping with same orgID, db, and rp exists"
    assert requests.get(base, headers=headers).json() == {"code": "invalid", "message": "either 'org' or 'orgID' must be provided"}
    legacy = v1(server, database="legacy")
    legacy.write_points([{"measurement": "disk", "fields": {"free": 9}, "time": 7}], time_precision="n")
    assert list(legacy.query("SELECT free FROM disk", epoch="ns").get_points()) == [{"time": 7, "free": 9}]
    assert list(v1(server).query("SELECT free FROM disk").get_points()), "the mapping's bucket is telegraf"


def test_everything_survives_a_restart(server):
    sundial, _ = server
    sundial.stop()
    sundial.start()
    assert [p["usage"] for p in v1(server).query("SELECT usage FROM cpu").get_points()] == [1.5, 2.5, 3.5]
    with v2(server) as client:
        assert [b.name for b in client.buckets_api().find_buckets().buckets] == ["telegraf", "metrics/weekly"]
    log = sundial.log_path.read_text()
    assert OPERATOR_TOKEN not in log and "adminpw" not in log


def test_an_influx_v2_source_signs_in_with_its_token(server):
    """The control plane's `influx-v2` sources send `Authorization: Token <password>`; Sundial's 2.x surface (auth on)
    stands in for a real InfluxDB 2.x, which no Debian package provides."""
    sundial, _ = server
    sources = sundial.control_url + "/chronograf/v1/sources"
    created = requests.post(sources, json={"name": "v2", "type": "influx-v2", "url": sundial.store_url, "username": "acme",
                                           "password": OPERATOR_TOKEN, "default": False})
    assert created.status_code == 201, created.text
    source = created.json()
    assert source["authentication"] == "token" and "password" not in source
    answer = requests.post(f"{sources}/{source['id']}/proxy", json={"query": "SHOW DATABASES"},
                           headers={"X-Requested-With": "XMLHttpRequest"}).json()
    assert ["telegraf"] in answer["results"][0]["series"][0]["values"]
    refused = requests.post(sources, json={"name": "bad", "type": "influx-v2", "url": sundial.store_url, "password": "not-a-token"})
    assert refused.status_code == 400
    assert refused.json()["message"] == "received status code 401 from server: err: authorization failed", "Chronograf's text"
    assert OPERATOR_TOKEN not in requests.get(sources).text
