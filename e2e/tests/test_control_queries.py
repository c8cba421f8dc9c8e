"""`POST /chronograf/v1/sources/:id/queries`: what Chronograf's UI asks before it runs a cell's query: the width of
its time range (`durationMs`, from which the UI makes `:interval:`) and its builder state, with the database's
default retention policy read from the source (Sundial's own store and Debian's InfluxDB 1.6.7 alike)."""

import pytest
import requests


@pytest.fixture(scope="module")
def sources(two_sources):
    sundial, ids = two_sources
    return sundial, {name: source[0] for name, source in ids.items()}


@pytest.mark.parametrize("which", ["embedded", "influxdb 1.6.7"])
def test_durations_and_builder_state(sources, which):
    sundial, source = sources[0], sources[1][which]
    api = f"{sundial.control_url}/chronograf/v1/sources/{source}"
    assert requests.post(api + "/dbs", json={"name": "metrics"}).status_code == 201
    assert requests.post(api + "/dbs/metrics/rps", json={"name": "week", "duration": "7d", "replication": 1,
                                                         "isDefault": True}).status_code == 201
    queries = [
        {"id": "q1", "query": 'SELECT mean("usage_user") FROM "metrics".."cpu" WHERE time > now() - 1h GROUP BY time(10s)'},
        {"id": "q2", "query": "SELECT v FROM cpu WHERE time >= '2024-01-01T00:00:00Z' AND time < '2024-01-01T00:00:10.5Z'"},
        {"id": "q3", "query": "SHOW DATABASES"},
    ]
    answer = requests.post(api + "/queries", json={"queries": queries})
    assert answer.status_code == 200, answer.text
    first, second, third = answer.json()["queries"]
    assert (first["durationMs"], second["durationMs"], third["durationMs"]) == (3599999, 10499, 0)
    assert first["id"] == "q1" and first["query"] == queries[0]["query"]
    assert first["queryConfig"] == {
        "id": "q1", "database": "metrics", "measurement": "cpu", "retentionPolicy": "week",
        "fields": [{"value": "mean", "type": "func", "alias": "", "args": [{"value": "usage_user", "type": "field", "alias": ""}]}],
        "tags": {}, "groupBy": {"time": "10s", "tags": []}, "areTagsAccepted": False, "fill": "null", "rawText": None,
        "range": {"upper": "", "lower": "now() - 1h"}, "shifts": []}
    assert third["queryConfig"]["rawText"] == "SHOW DATABASES" and third["queryConfig"]["shifts"] == []
    assert requests.post(api + "/queries", data="{").json() == {"code": 400, "message": "Unparsable JSON"}
    assert requests.post(f"{sundial.control_url}/chronograf/v1/sources/99/queries", json={"queries": []}).json() == {
        "code": 404, "message": "ID 99 not found"}
    assert requests.delete(api + "/dbs/metrics").status_code == 204
