"""Chronograf's dashboards API (`/chronograf/v1/dashboards`, cells, template variables) with Chronograf 1.10's JSON:
a dashboard as a real Chronograf exports it imports and reads back the same (cell ids renewed, as Chronograf renews
them), survives a restart, and every change and mistake answers as Chronograf answers it."""

import copy
import json

import pytest
import requests

# A dashboard in Chronograf's export format ("Export Dashboard": {"meta": …, "dashboard": …}), as users bring them.
EXPORTED = {
    "meta": {"chronografVersion": "1.10.2", "sources": {"0": {"name": "telegraf", "link": "/chronograf/v1/sources/0"}}},
    "dashboard": {
        "id": 7,
        "cells": [
            {
                "i": "0f4d2bc3-5a1c-4b59-9f4e-7d5f9d0c1b2a", "x": 0, "y": 0, "w": 8, "h": 4, "name": "CPU by host",
                "queries": [{
                    "query": 'SELECT mean("usage_user") AS "mean_usage_user" FROM "telegraf"."autogen"."cpu" '
                             "WHERE time > :dashboardTime: AND time < :upperDashboardTime: AND \"host\"='web-1' "
                             "GROUP BY time(:interval:), \"host\" FILL(null)",
                    "queryConfig": {
                        "database": "telegraf", "measurement": "cpu", "retentionPolicy": "autogen",
                        "fields": [{"value": "mean", "type": "func", "alias": "mean_usage_user",
                                    "args": [{"value": "usage_user", "type": "field", "alias": ""}]}],
                        "tags": {"host": ["web-1"]}, "groupBy": {"time": "auto", "tags": ["host"]},
                        "areTagsAccepted": True, "fill": "null", "rawText": None,
                        "range": None, "shifts": None,
                    },
                    "source": "", "type": "influxql",
                }],
                "axes": {
                    "x": {"bounds": ["", ""], "label": "", "prefix": "", "suffix": "", "base": "10", "scale": "linear"},
                    "y": {"bounds": ["0", "100"], "label": "%", "prefix": "", "suffix": "%", "base": "10", "scale": "linear"},
                    "y2": {"bounds": ["", ""], "label": "", "prefix": "", "suffix": "", "base": "10", "scale": "linear"},
                },
                "type": "line",
                "colors": [{"id": "a", "type": "scale", "hex": "#31C0F6", "name": "Nineteen Eighty Four", "value": "0"}],
                "legend": {"type": "static", "orientation": "bottom"},
                "tableOptions": {"verticalTimeAxis": True, "sortBy": {"internalName": "time", "displayName": "", "visible": True},
                                 "wrapping": "truncate", "fixFirstColumn": True},
                "fieldOptions": [{"internalName": "time", "displayName": "", "visible": True}],
                "timeFormat": "MM/DD/YYYY HH:mm:ss", "decimalPlaces": {"isEnforced": True, "digits": 2},
                "note": "", "noteVisibility": "default",
                "links": {"self": "/chronograf/v1/dashboards/7/cells/0f4d2bc3-5a1c-4b59-9f4e-7d5f9d0c1b2a"},
            },
            {
                "i": "6c1e8a57-2f3b-4d7e-a1c9-3b8e5f2d4a61", "x": 8, "y": 0, "w": 4, "h": 4, "name": "Load",
                "queries": [{"query": 'SELECT last("load1") FROM "telegraf"."autogen"."system" WHERE "host"=:host:',
                             "queryConfig": {"database": "", "measurement": "", "retentionPolicy": "", "fields": [], "tags": {},
                                             "groupBy": {"time": "", "tags": []}, "areTagsAccepted": False,
                                             "rawText": 'SELECT last("load1") FROM "telegraf"."autogen"."system" WHERE "host"=:host:',
                                             "range": None, "shifts": [{"label": "1d", "unit": "d", "quantity": "1"}]},
                             "source": "", "type": "influxql"}],
                "axes": {"x": {"bounds": ["", ""], "label": "", "prefix": "", "suffix": "", "base": "10", "scale": "linear"},
                         "y": {"bounds": ["", ""], "label": "", "prefix": "", "suffix": "", "base": "10", "scale": "linear"},
                         "y2": {"bounds": ["", ""], "label": "", "prefix": "", "suffix": "", "base": "10", "scale": "linear"}},
                "type": "single-stat",
                "colors": [{"id": "base", "type": "text", "hex": "#00C9FF", "name": "laser", "value": "-1000000000000000000"},
                           {"id": "t1", "type": "text", "hex": "#F95F53", "name": "curacao", "value": "4"}],
                "legend": {}, "tableOptions": {"verticalTimeAxis": True, "sortBy": {"internalName": "time", "displayName": "",
                                                                                     "visible": True},
                                               "wrapping": "truncate", "fixFirstColumn": True},
                "fieldOptions": [], "timeFormat": "", "decimalPlaces": {"isEnforced": True, "digits": 1},
                "note": "load **average**", "noteVisibility": "showWhenNoData",
                "links": {"self": "/chronograf/v1/dashboards/7/cells/6c1e8a57-2f3b-4d7e-a1c9-3b8e5f2d4a61"},
            },
        ],
        "templates": [
            {"tempVar": ":host:", "values": [{"value": "web-1", "type": "tagValue", "selected": True},
                                             {"value": "web-2", "type": "tagValue", "selected": False}],
             "id": "5e1a9f3c-8b2d-4c6e-9a7f-1d3b5c7e9f0a", "type": "tagValues", "label": "",
             "query": {"influxql": "SHOW TAG VALUES ON :database: FROM :measurement: WITH KEY=:tagKey:", "db": "telegraf",
                       "measurement": "cpu", "tagKey": "host", "fieldKey": ""},
             "sourceID": "dynamic", "links": {"self": "/chronograf/v1/dashboards/7/templates/5e1a9f3c-8b2d-4c6e-9a7f-1d3b5c7e9f0a"}},
            {"tempVar": ":region:", "values": [{"value": "us-east", "type": "map", "selected": True, "key": "east"}],
             "id": "8a2c4e6f-1b3d-4f5a-8c7e-9d1f3a5b7c9e", "type": "map", "label": "Region", "sourceID": "dynamic",
             "links": {"self": "/chronograf/v1/dashboards/7/templates/8a2c4e6f-1b3d-4f5a-8c7e-9d1f3a5b7c9e"}},
        ],
        "name": "Hosts",
        "organization": "default",
        "links": {"self": "/chronograf/v1/dashboards/7", "cells": "/chronograf/v1/dashboards/7/cells",
                  "templates": "/chronograf/v1/dashboards/7/templates"},
    },
}


@pytest.fixture
def server(make_server):
    return make_server().start()


def api(server, path=""):
    return server.control_url + "/chronograf/v1/dashboards" + path


def without_ids(dashboard):
    """The dashboard less what an import renews: its id, its cells' ids, the links built from them."""
    dashboard = copy.deepcopy(dashboard)
    for key in ("id", "links"):
        dashboard.pop(key, None)
    for cell in dashboard["cells"]:
        cell.pop("i")
        cell.pop("links")
    for template in dashboard["templates"]:
        template.pop("links")
    return dashboard


def test_an_exported_dashboard_imports_and_reads_back_the_same(server):
    created = requests.post(api(server), json=EXPORTED["dashboard"])
    assert created.status_code == 201, created.text
    dashboard = created.json()
    assert created.headers["Location"] == f"/chronograf/v1/dashboards/{dashboard['id']}"
    assert isinstance(dashboard["id"], str)
    assert dashboard["links"] == {"self": f"/chronograf/v1/dashboards/{dashboard['id']}",
                                  "cells": f"/chronograf/v1/dashboards/{dashboard['id']}/cells",
                                  "templates": f"/chronograf/v1/dashboards/{dashboard['id']}/templates"}
    read = requests.get(api(server, f"/{dashboard['id']}")).json()
    assert without_ids(read) == without_ids(EXPORTED["dashboard"])
    assert [cell["i"] for cell in read["cells"]] != [cell["i"] for cell in EXPORTED["dashboard"]["cells"]]
    assert read["cells"][0]["links"]["self"] == f"/chronograf/v1/dashboards/{dashboard['id']}/cells/{read['cells'][0]['i']}"
    assert read["templates"][0]["id"] == EXPORTED["dashboard"]["templates"][0]["id"], "template ids are kept"
    listed = requests.get(api(server)).json()["dashboards"]
    assert [d["id"] for d in listed] == [dashboard["id"]]
    server.stop()
    server.start()
    assert requests.get(api(server, f"/{dashboard['id']}")).json() == read


def protoboard_cell(x, name, query, config):
    axis = {"bounds": ["", ""], "label": "", "prefix": "", "suffix": "", "base": "10", "scale": "linear"}
    return {"x": x, "y": 0, "w": 4, "h": 4, "name": name, "queries": [{"query": query, "queryConfig": config, "source": "", "type": "influxql"}],
            "axes": {"x": axis, "y": axis, "y2": axis}, "type": "line", "colors": [], "legend": {},
            "tableOptions": {"verticalTimeAxis": True, "sortBy": {"internalName": "time", "displayName": "", "visible": True},
                             "wrapping": "truncate", "fixFirstColumn": True},
            "fieldOptions": [], "timeFormat": "MM/DD/YYYY HH:mm:ss", "decimalPlaces": {"isEnforced": False, "digits": 2},
            "note": "", "noteVisibility": "default"}


RAW = 'SELECT mean("load1") AS "load" FROM ":db:".":rp:"."system" WHERE host = :host: AND time > :dashboardTime: GROUP BY time(:interval:)'
PROTOBOARD = {
    "id": "system", "meta": {"name": "System", "measurements": ["cpu", "system"], "version": "1.0", "dashboardVersion": "1.x"},
    "data": {"cells": [
        protoboard_cell(0, "CPU", 'SELECT mean("usage_user") AS "mean_usage_user" FROM "telegraf"."autogen"."cpu" '
                        "WHERE time > :dashboardTime: AND time < :upperDashboardTime: GROUP BY time(:interval:) FILL(null)",
                        {"database": "telegraf", "measurement": "cpu", "retentionPolicy": "autogen",
                         "fields": [{"value": "mean", "type": "func", "alias": "mean_usage_user", "args": [{"value": "usage_user", "type": "field", "alias": ""}]}],
                         "tags": {}, "groupBy": {"time": "auto", "tags": []}, "areTagsAccepted": False, "fill": "null", "rawText": None,
                         "range": None, "shifts": None}),
        protoboard_cell(4, "Load", RAW, {"database": "", "measurement": "", "retentionPolicy": "", "fields": [], "tags": {},
                                         "groupBy": {"time": "", "tags": []}, "areTagsAccepted": False, "rawText": RAW, "range": None, "shifts": None}),
    ], "templates": [{"tempVar": ":host:", "values": [], "id": "", "type": "tagValues", "label": "",
                      "query": {"influxql": "SHOW TAG VALUES ON :database: FROM :measurement: WITH KEY=:tagKey:", "db": "telegraf",
                                "measurement": "cpu", "tagKey": "host", "fieldKey": ""}, "sourceID": "dynamic"}]},
}


def test_a_dashboard_made_from_a_protoboard_reads_back_as_the_protoboard(make_server, tmp_path):
    """As Chronograf's "create from protoboard": the protoboard's cells and variables posted as a dashboard. The cells
    come back exactly as the file (in Chronograf's own stored shape) holds them: the builder state Sundial makes
    from each query is the one Chronograf wrote."""
    folder = tmp_path / "protoboards"
    folder.mkdir()
    (folder / "system.json").write_text(json.dumps(PROTOBOARD))
    server = make_server()
    server.env = {"PROTOBOARDS_PATH": str(folder)}
    server.start()
    protoboard = requests.get(server.control_url + "/chronograf/v1/protoboards/system").json()
    made = requests.post(api(server), json={"name": protoboard["meta"]["name"], **protoboard["data"]}).json()
    read = requests.get(api(server, f"/{made['id']}")).json()
    assert [{k: v for k, v in cell.items() if k not in ("i", "links")} for cell in read["cells"]] == PROTOBOARD["data"]["cells"]
    assert [{k: v for k, v in t.items() if k != "links"} for t in read["templates"]] == PROTOBOARD["data"]["templates"]


def test_cells_and_templates_one_by_one(server):
    dashboard = requests.post(api(server), json={"name": "empty"}).json()
    assert dashboard["cells"] == [] and dashboard["templates"] == [] and dashboard["organization"] == "default"
    base = f"/{dashboard['id']}"
    cell = requests.post(api(server, base + "/cells"), json={"name": "new", "queries": [{"query": "SELECT 1"}]})
    assert cell.status_code == 200, cell.text
    cell = cell.json()
    assert cell["w"] == 4 and cell["h"] == 4 and cell["noteVisibility"] == "default"
    assert cell["queries"][0]["type"] == "influxql" and cell["queries"][0]["queryConfig"]["rawText"] == "SELECT 1"
    assert set(cell["axes"]) == {"x", "y", "y2"} and cell["axes"]["y"]["bounds"] == ["", ""]
    listed = requests.get(api(server, base + "/cells")).json()
    assert isinstance(listed, list) and listed[0]["type"] == "line", "a stored cell without a type reads as a line graph"
    changed = requests.put(api(server, base + f"/cells/{cell['i']}"), json={**cell, "name": "renamed", "i": "ignored"}).json()
    assert changed["name"] == "renamed" and changed["i"] == cell["i"]
    template = requests.post(api(server, base + "/templates"), json={"tempVar": ":db:", "type": "databases",
                                                                     "values": [{"value": "telegraf", "type": "database", "selected": True}],
                                                                     "query": {"influxql": "SHOW DATABASES"}})
    assert template.status_code == 200, template.text
    template = template.json()
    assert len(template["id"]) == 36 and template["links"]["self"].endswith(f"/templates/{template['id']}")
    duplicate = requests.post(api(server, base + "/templates"), json={"tempVar": ":db:", "type": "csv", "values": []})
    assert duplicate.status_code == 422 and duplicate.json()["message"] == "duplicate variable name :db:"
    assert requests.get(api(server, base + "/templates")).json()["templates"][0]["sourceID"] == "dynamic"
    assert requests.delete(api(server, base + f"/templates/{template['id']}")).status_code == 204
    assert requests.delete(api(server, base + f"/cells/{cell['i']}")).status_code == 204
    patched = requests.patch(api(server, base), json={"name": "renamed", "cells": [{"name": "ignored"}]}).json()
    assert patched["name"] == "renamed" and patched["cells"] == []
    assert requests.delete(api(server, base)).status_code == 204
    assert requests.get(api(server, base)).status_code == 404


def test_query_configs_are_made_from_the_query_as_chronograf_makes_them(server):
    query = 'SELECT max("used") AS "peak" FROM "telegraf"."autogen"."mem" WHERE time > now() - 6h AND "host" != \'a\' GROUP BY time(5m), "host" FILL(none)'
    sent = {"query": query, "queryConfig": {"rawText": "stale", "shifts": [{"label": "1w", "unit": "w", "quantity": "1"}]}}
    dashboard = requests.post(api(server), json={"name": "builder", "cells": [{"name": "mem", "queries": [sent]}]}).json()
    assert dashboard["cells"][0]["queries"][0]["queryConfig"] == {
        "database": "telegraf", "measurement": "mem", "retentionPolicy": "autogen",
        "fields": [{"value": "max", "type": "func", "alias": "peak", "args": [{"value": "used", "type": "field", "alias": ""}]}],
        "tags": {"host": ["a"]}, "groupBy": {"time": "5m", "tags": ["host"]}, "areTagsAccepted": False, "fill": "none",
        "rawText": None, "range": {"upper": "", "lower": "now() - 6h"}, "shifts": [{"label": "1w", "unit": "w", "quantity": "1"}]}
    cell = dashboard["cells"][0]
    replaced = requests.put(api(server, f"/{dashboard['id']}/cells/{cell['i']}"), json={**cell, "queries": [sent]}).json()
    assert replaced["queries"][0]["queryConfig"] == sent["queryConfig"], "a replaced cell echoes what was sent, as Chronograf's does"
    read = requests.get(api(server, f"/{dashboard['id']}/cells/{cell['i']}")).json()
    assert read["queries"][0]["queryConfig"] == dashboard["cells"][0]["queries"][0]["queryConfig"]


@pytest.mark.parametrize("body,status,message", [
    ({"cells": [{"noteVisibility": "sometimes"}]}, 422, "Chronograf dashboard cell note visibility value is invalid"),
    ({"cells": [{"axes": {"z": {}}}]}, 422, "Unexpected axis in cell. Valid axes are 'x', 'y', and 'y2'"),
    ({"cells": [{"axes": {"y": {"scale": "cubic"}}}]}, 422, "Unexpected axis in cell. Valid axes are 'x', 'y', and 'y2'"),
    ({"cells": [{"colors": [{"type": "threshold", "hex": "red"}]}]}, 422, "Invalid color. Accepted color format is #RRGGBB"),
    ({"cells": [{"colors": [{"type": "rainbow", "hex": "#FF0000"}]}]}, 422,
     "Invalid color type. Valid color types are 'min', 'max', 'threshold', 'text', and 'background'"),
    ({"cells": [{"legend": {"type": "static"}}]}, 422, "Invalid legend. Both type and orientation must be set"),
    ({"cells": [{"legend": {"type": "moving", "orientation": "top"}}]}, 422, "Invalid legend type. Valid legend type is 'static'"),
    ({"cells": [{"legend": {"type": "static", "orientation": "up"}}]}, 422,
     "Invalid orientation type. Valid orientation types are 'top', 'bottom', 'right', 'left'"),
    ({"cells": [{"queries": [{"query": "x", "type": "sql"}]}]}, 422, "invalid cell query type: must be 'flux' or 'influxql'"),
    ({"cells": [{"queries": [{"query": "x", "queryConfig": {"fields": [{"value": "v", "type": "column"}]}}]}]}, 422,
     'invalid field type "column" ; expect func, field, integer, number, regex, wildcard'),
    ({"templates": [{"tempVar": ":a:", "type": "weird"}]}, 422, "unknown template type weird"),
    ({"templates": [{"tempVar": ":a:", "type": "csv", "values": [{"type": "odd"}]}]}, 422, "unknown template variable type odd"),
    ({"templates": [{"tempVar": ":a:", "type": "map", "values": [{"type": "map", "value": "x"}]}]}, 422,
     "Templates of type 'map' require a 'key'"),
    ({"templates": [{"tempVar": ":a:", "type": "influxql"}]}, 422, "no query set for template of type 'influxql'"),
    ({"id": "seven"}, 400, "Unparsable JSON"),
])
def test_mistakes_answer_as_chronograf_answers_them(server, body, status, message):
    answer = requests.post(api(server), json=body)
    assert (answer.status_code, answer.json()) == (status, {"code": status, "message": message})


def test_missing_and_malformed_ids(server):
    assert requests.get(api(server, "/99")).json() == {"code": 404, "message": "ID 99 not found"}
    assert requests.get(api(server, "/x")).json() == {"code": 422, "message": "Error converting ID x"}
    assert requests.put(api(server, "/x"), json={}).json() == {"code": 500, "message": "Could not parse dashboard ID: Error converting ID x"}
    created = requests.post(api(server), json={"name": "d"}).json()
    assert requests.patch(api(server, f"/{created['id']}"), json={}).json() == {
        "code": 422, "message": "update must include either name or cells"}
    assert requests.get(api(server, f"/{created['id']}/cells/nope")).json() == {"code": 404, "message": f"ID {created['id']} not found"}
    assert requests.put(api(server, f"/{created['id']}/cells/nope"), json={}).json() == {"code": 404, "message": "ID nope not found"}


def test_dashboard_files_are_shown_and_read_only(make_server, tmp_path):
    """`.dashboard` resource files (a dashboard, or Chronograf's export of one, `{{ .ENV }}` filled) are listed with
    the stored ones; changing one through the API is refused, naming its file; new dashboards get ids after theirs."""
    import json

    resources = tmp_path / "resources"
    resources.mkdir()
    exported = copy.deepcopy(EXPORTED)
    exported["dashboard"]["name"] = "{{ .BOARD_NAME }}"
    (resources / "hosts.dashboard").write_text(json.dumps(exported))
    (resources / "plain.dashboard").write_text(json.dumps({"id": "12", "name": "Plain", "cells": [], "templates": []}))
    (resources / "broken.dashboard").write_text(json.dumps({"id": 13, "name": "Bad", "cells": [{"noteVisibility": "x"}]}))
    server = make_server()
    server.env = {"RESOURCES_PATH": str(resources), "BOARD_NAME": 'Hosts "prod"'}
    server.start()
    listed = requests.get(api(server)).json()["dashboards"]
    assert [(d["id"], d["name"]) for d in listed] == [("7", 'Hosts "prod"'), ("12", "Plain")]
    assert without_ids(listed[0])["cells"] == without_ids(EXPORTED["dashboard"])["cells"]
    refused = requests.patch(api(server, "/7"), json={"name": "x"})
    assert refused.status_code == 422 and "hosts.dashboard" in refused.json()["message"]
    assert requests.delete(api(server, "/12")).status_code == 422
    assert requests.post(api(server, "/12/cells"), json={}).status_code == 422
    created = requests.post(api(server), json={"name": "mine"}).json()
    assert created["id"] == "13"
    assert "broken.dashboard" in server.log() and "note visibility" in server.log()
