"""Chronograf alert rules (`/chronograf/v1/sources/0/kapacitors/0/rules`) against Sundial's own tasks service: each
rule becomes a generated TICKscript task on the Kapacitor, lists back as a rule, is enabled, disabled, replaced and
deleted there, and survives a restart."""

import signal

import requests

RULE = {
    "name": "CPU idle low",
    "trigger": "threshold",
    "every": "30s",
    "message": "{{.ID}} is {{.Level}}",
    "values": {"operator": "less than", "value": "10"},
    "query": {
        "database": "telegraf", "retentionPolicy": "autogen", "measurement": "cpu",
        "fields": [{"value": "mean", "type": "func", "args": [{"value": "usage_idle", "type": "field"}]}],
        "tags": {"cpu": ["cpu-total"]}, "groupBy": {"time": "5m", "tags": ["host"]}, "areTagsAccepted": True,
    },
    "alertNodes": {"slack": [{"channel": "#ops"}], "post": [{"url": "http://example.com/hook", "headers": {"X-Key": "v"}}]},
}


def test_rules_become_kapacitor_tasks(make_server, tmp_path):
    data_dir = tmp_path / "data"
    server = make_server(data_dir=data_dir).start()
    rules = server.control_url + "/chronograf/v1/sources/0/kapacitors/0/rules"
    tasks = server.tasks_url + "/kapacitor/v1/tasks"

    created = requests.post(rules, json=RULE)
    assert created.status_code == 201, created.text
    rule = created.json()
    task_id = rule["id"]
    assert task_id.startswith("chronograf-v1-")
    assert created.headers["Location"] == f"/chronograf/v1/sources/0/kapacitors/0/rules/{task_id}"
    assert rule["status"] == "enabled" and rule["type"] == "stream" and rule["dbrps"] == [{"db": "telegraf", "rp": "autogen"}]
    assert rule["links"]["output"].endswith("%2Fkapacitor%2Fv1%2Ftasks%2F" + task_id + "%2Foutput")
    assert rule["alertNodes"]["email"] == [] and rule["alertNodes"]["slack"] == [{"channel": "#ops"}]

    task = requests.get(f"{tasks}/{task_id}").json()
    assert task["status"] == "enabled"
    assert "        .crit(lambda: \"value\" < crit)\n" in task["script"]
    assert "        .slack()\n        .channel('#ops')\n" in task["script"]
    # The rule's task runs (its DOT carries each edge's count).
    assert task["executing"] is True
    for edge in ("alert4 -> eval5", "alert4 -> http_out7", "eval5 -> influxdb_out6"):
        assert f'{edge} [processed="0"];' in task["dot"]

    raw = requests.post(tasks, json={"id": "hand_made", "dbrps": [{"db": "db", "rp": "rp"}], "script": "stream|from()|httpOut('x')"})
    assert raw.status_code == 200
    listed = {r["id"]: r for r in requests.get(rules).json()["rules"]}
    assert set(listed) == {task_id, "hand_made"}
    assert listed[task_id]["query"]["measurement"] == "cpu" and listed[task_id]["name"] == "CPU idle low"
    assert listed["hand_made"]["query"] is None and listed["hand_made"]["name"] == "hand_made"
    assert all(r["query"] is None for r in requests.get(rules, params={"parse": "0"}).json()["rules"])

    assert requests.patch(f"{rules}/{task_id}", json={"status": "disabled"}).json()["status"] == "disabled"
    bad_status = requests.patch(f"{rules}/{task_id}", json={"status": "paused"})
    assert bad_status.status_code == 422 and bad_status.json()["message"] == "invalid Kapacitor status: paused"

    changed = dict(RULE, values={"operator": "less than", "value": "5"})
    replaced = requests.put(f"{rules}/{task_id}", json=changed)
    assert replaced.status_code == 200 and replaced.json()["status"] == "disabled", "a disabled rule stays disabled"
    assert "var crit = 5\n" in requests.get(f"{tasks}/{task_id}").json()["script"]

    invalid = requests.post(rules, json=dict(RULE, query=dict(RULE["query"], database="")))
    assert invalid.status_code == 422 and invalid.json()["message"] == "database cannot be an empty string"
    no_such = requests.get(f"{rules}/nope")
    assert no_such.status_code == 404

    server.stop(sig=signal.SIGKILL)
    server = make_server(data_dir=data_dir).start()
    rules = server.control_url + "/chronograf/v1/sources/0/kapacitors/0/rules"
    again = requests.get(f"{rules}/{task_id}").json()
    assert again["query"]["measurement"] == "cpu" and again["values"]["value"] == "5", "the rule is back after a restart"
    assert requests.delete(f"{rules}/{task_id}").status_code == 204
    assert requests.get(f"{server.tasks_url}/kapacitor/v1/tasks/{task_id}").status_code == 404

    named = requests.post(rules, json={"name": "raw_rule", "tickscript": "stream|from()|httpOut('y')", "dbrps": [{"db": "a", "rp": "b"}]})
    assert named.status_code == 201 and named.json()["id"] == "raw_rule" and named.json()["query"] is None
