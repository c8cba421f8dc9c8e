"""Chronograf's annotations (`/chronograf/v1/sources/:id/annotations`), against Sundial's own store and Debian's
InfluxDB 1.6.7 as a source alike: kept as Chronograf keeps them (points of `chronograf.autogen.annotations`), so
Chronograf and Sundial can share a source's annotations; its statuses and texts for every mistake."""

import re

import pytest
import requests


@pytest.fixture(scope="module")
def sources(two_sources):
    return two_sources


def stored(url):
    """The points Chronograf would read, straight from the source."""
    answer = requests.get(url + "/query", params={"q": 'SELECT * FROM "chronograf"."autogen"."annotations"', "epoch": "ns"}).json()
    series = answer["results"][0].get("series", [{}])[0]
    return [dict(zip(series["columns"], row)) for row in series.get("values", [])]


@pytest.mark.parametrize("which", ["embedded", "influxdb 1.6.7"])
def test_annotations_made_listed_changed_and_deleted(sources, which):
    sundial, (source, influx_url) = sources[0], sources[1][which]
    api = f"{sundial.control_url}/chronograf/v1/sources/{source}/annotations"
    window = {"since": "2024-01-01T00:00:00Z", "until": "2024-01-02T00:00:00Z"}
    assert requests.get(api, params=window).json() == {"annotations": []}

    created = requests.post(api, json={"startTime": "2024-01-01T12:10:00.123456Z", "endTime": "2024-01-01T12:00:00Z",
                                       "text": "deploy v2", "color": "#22ADF6", "tags": {"service": "api"}})
    assert created.status_code == 201, created.text
    annotation = created.json()
    aid = annotation["id"]
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", aid)
    assert created.headers["Location"] == f"/chronograf/v1/sources/{source}/annotations/{aid}"
    assert annotation == {"id": aid, "startTime": "2024-01-01T12:00:00Z", "endTime": "2024-01-01T12:10:00.123Z",
                          "text": "deploy v2", "color": "#22ADF6", "tags": {"service": "api"},
                          "links": {"self": f"/chronograf/v1/sources/{source}/annotations/{aid}"}}
    point = stored(influx_url)[0]
    assert point["time"] == 1704111000123456000 and point["start_time"] == 1704110400000000000
    assert (point["id"], point["service"], point["text"], point["color"], point["deleted"]) == (aid, "api", "deploy v2", "#22ADF6", False)

    other = requests.post(api, json={"startTime": "2024-01-01T06:00:00+02:00", "endTime": "2024-01-01T06:00:00+02:00",
                                     "text": "reboot"}).json()
    assert other["startTime"] == "2024-01-01T04:00:00Z" and other["tags"] == {} and other["color"] == ""
    assert [a["text"] for a in requests.get(api, params=window).json()["annotations"]] == ["reboot", "deploy v2"]
    assert requests.get(api, params={"since": "2024-01-01T05:00:00Z", "until": "2024-01-01T11:00:00Z"}).json() == {"annotations": []}
    assert [a["text"] for a in requests.get(api, params={**window, "tag": "service = 'api'"}).json()["annotations"]] == ["deploy v2"]
    assert [a["text"] for a in requests.get(api, params={**window, "tag": "service != 'api'"}).json()["annotations"]] == ["reboot"]
    assert requests.get(f"{api}/{aid}").json() == annotation

    changed = requests.patch(f"{api}/{aid}", json={"text": "deploy v3", "endTime": "2024-01-01T13:00:00Z", "tags": {"service": "web"}})
    assert changed.status_code == 200 and changed.headers["Location"] == annotation["links"]["self"]
    assert (changed.json()["text"], changed.json()["endTime"], changed.json()["tags"]) == ("deploy v3", "2024-01-01T13:00:00Z",
                                                                                          {"service": "web"})
    listed = requests.get(api, params=window).json()["annotations"]
    assert [(a["text"], a["tags"]) for a in listed] == [("reboot", {}), ("deploy v3", {"service": "web"})]
    assert requests.get(api, params={**window, "tag": "service = 'api'"}).json() == {"annotations": []}

    assert requests.delete(f"{api}/{aid}").status_code == 204
    assert requests.get(f"{api}/{aid}").json() == {"code": 400, "message": "annotation not found"}
    assert requests.delete(f"{api}/{aid}").json() == {"code": 400, "message": "annotation not found"}
    assert [a["text"] for a in requests.get(api, params=window).json()["annotations"]] == ["reboot"]
    assert requests.delete(f"{api}/{other['id']}").status_code == 204


@pytest.mark.parametrize("which", ["embedded", "influxdb 1.6.7"])
def test_chronografs_answers_to_mistakes(sources, which):
    sundial, (source, _) = sources[0], sources[1][which]
    api = f"{sundial.control_url}/chronograf/v1/sources/{source}/annotations"
    times = {"startTime": "2024-02-01T00:00:00Z", "endTime": "2024-02-01T00:00:00Z"}
    assert requests.get(api).json() == {"code": 422, "message": "since parameter is required"}
    assert requests.get(api, params={"since": "yesterday"}).status_code == 422
    assert requests.get(api, params={"since": "2024-01-01T00:00:00Z", "tag": "service"}).json() == {
        "code": 422, "message": "Invalid tag query param"}
    assert requests.get(api, params={"since": "2024-01-01T00:00:00Z", "tag": "a = 'x' OR 1 = 1"}).status_code == 422
    assert requests.post(api, json={"endTime": "2024-02-01T00:00:00Z"}).json() == {"code": 400, "message": "Unparsable JSON"}
    assert requests.post(api, json={**times, "startTime": "2024-02-01"}).json() == {"code": 400, "message": "Unparsable JSON"}
    assert requests.post(api, json={**times, "tags": {"text": "x"}}).json() == {"code": 400, "message": 'Cannot use "text" as tag key'}
    assert requests.post(api, json={**times, "tags": {"n": 1}}).json() == {"code": 400, "message": "Unparsable JSON"}
    assert requests.patch(f"{api}/nope", json={"text": "x"}).json() == {"code": 404, "message": "ID nope not found"}
    made = requests.post(api, json=times).json()
    assert requests.patch(f"{api}/{made['id']}", json={"color": "#000000"}).json() == {"code": 400, "message": "Unparsable JSON"}
    assert requests.patch(f"{api}/{made['id']}", json={"startTime": "2024-02-02T00:00:00Z", "endTime": "2024-02-01T00:00:00Z"}).json() == {
        "code": 400, "message": "Unparsable JSON"}
    assert requests.get(f"{api}/x' OR 'a'='a").json() == {"code": 400, "message": "annotation not found"}
    assert requests.delete(f"{api}/{made['id']}").status_code == 204
    assert requests.get(f"{sundial.control_url}/chronograf/v1/sources/99/annotations/x").json() == {"code": 404, "message": "ID 99 not found"}
    assert requests.get(f"{sundial.control_url}/chronograf/v1/sources/x/annotations/x").json() == {
        "code": 422, "message": "Error converting ID x"}
