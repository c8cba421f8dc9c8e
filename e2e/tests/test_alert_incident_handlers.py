"""ServiceNow, Zenoss, Talk, PagerDuty (Events API v1) and OpsGenie (API v1) get a real task's CRITICAL and OK exactly
as Kapacitor's services send them (the shapes its own tests pin), each to a local stand-in; their service tests send,
and their secrets stay out of the config API."""

import base64
import json

import requests

from harness.sinks import HTTPSink
from harness.sundial_server import write_to_tasks
from harness.waiting import wait_for


def headers_of(sink, path):
    return next(headers for got, headers, _ in sink.requests if got == path)


def test_servicenow_zenoss_talk_pagerduty_and_opsgenie_get_kapacitors_payloads(make_server, tmp_path):
    sink = HTTPSink()
    conf = tmp_path / "sundial.conf"
    conf.write_text(f"""
[servicenow]
  enabled = true
  url = "{sink.url}/servicenow"
  source = "Kapacitor"
  username = "sn-user"
  password = "sn-secret"
[zenoss]
  enabled = true
  url = "{sink.url}/zenoss"
  username = "zen"
  password = "zen-secret"
  severity-map = {{ OK = 0, Info = "Info", Warning = 3, Critical = "Critical" }}
[talk]
  enabled = true
  url = "{sink.url}/talk"
  author_name = "Kapacitor"
[pagerduty]
  enabled = true
  url = "{sink.url}/pagerduty"
  service-key = "pd-secret"
[opsgenie]
  enabled = true
  api-key = "og-secret"
  url = "{sink.url}/opsgenie"
  recovery_url = "{sink.url}/opsgenie/note"
  teams = ["ops"]
""")
    server = make_server(extra_args=["--config", str(conf)]).start()
    api = f"{server.tasks_url}/kapacitor/v1"
    script = """dbrp "db"."rp"
stream
    |from().measurement('cpu').groupBy('host')
    |alert()
        .id('cpu/{{ index .Tags "host" }}')
        .message('{{ .ID }} is {{ .Level }}')
        .details('load is high')
        .crit(lambda: "usage_idle" < 10.0)
        .serviceNow().node('{{ index .Tags "host" }}').metricName('usage_idle').additionalInfo('ticks', 666)
        .zenoss().device('{{ index .Tags "host" }}').customField('data', '{"id":"{{ .ID }}"}').customField('weight', 3)
            .username('ignored')
        .talk()
        .pagerDuty()
        .opsGenie().recipients('jane')
"""
    try:
        answer = requests.post(f"{api}/tasks", json={"id": "cpu_alert", "script": script, "status": "enabled"})
        assert answer.status_code == 200, answer.text
        write_to_tasks(server, "cpu,host=serverA usage_idle=5 10\n")
        write_to_tasks(server, "cpu,host=serverA usage_idle=50 20\n")
        paths = ("/servicenow", "/zenoss", "/talk", "/pagerduty")
        assert wait_for(lambda: all(len(sink.bodies(p)) == 2 for p in paths) and sink.bodies("/opsgenie/") and sink.bodies("/opsgenie/note/"))

        critical = sink.bodies("/servicenow")[0]["records"][0]
        assert critical == {
            "source": "Kapacitor", "node": "serverA", "metric_name": "usage_idle", "message_key": "cpu/serverA", "severity": "1",
            "description": "cpu/serverA is CRITICAL", "additional_info": '{"ticks":"666"}',
        }
        assert sink.bodies("/servicenow")[1]["records"][0]["severity"] == "5"
        assert headers_of(sink, "/servicenow")["Authorization"] == "Basic " + base64.b64encode(b"sn-user:sn-secret").decode()
        # Kapacitor takes .zenoss().username() and does not use it: Sundial says so when the task starts.
        assert ".zenoss().username() is not used" in server.log()

        zenoss = sink.bodies("/zenoss")[0]
        assert (zenoss["action"], zenoss["method"], zenoss["type"], zenoss["tid"]) == ("EventsRouter", "add_event", "rpc", 1)
        data = zenoss["data"][0]
        assert data["summary"] == "cpu/serverA is CRITICAL" and data["device"] == "serverA" and data["severity"] == "Critical"
        assert data["collector"] == "Kapacitor" and data["data"] == {"id": "cpu/serverA"} and data["weight"] == 3
        assert data["evclass"] == "" and data["component"] == "" and sink.bodies("/zenoss")[1]["data"][0]["severity"] == 0, "a number as written"

        assert sink.bodies("/talk")[0] == {"authorName": "Kapacitor", "text": "cpu/serverA is CRITICAL", "title": "cpu/serverA"}

        trigger, resolve = sink.bodies("/pagerduty")
        assert trigger["event_type"] == "trigger" and resolve["event_type"] == "resolve" and trigger["service_key"] == "pd-secret"
        assert trigger["incident_key"] == "cpu/serverA" and trigger["details"] == "load is high" and trigger["client"] == "kapacitor"
        assert trigger["client_url"].endswith("/kapacitor/v1")

        alert = sink.bodies("/opsgenie/")[0]
        assert alert["apiKey"] == "og-secret" and alert["alias"] == "cpu/serverA" and alert["entity"] == "cpu/serverA"
        assert alert["teams"] == ["ops"] and alert["recipients"] == ["jane"] and alert["note"] == ""
        assert alert["details"] == {"Level": "CRITICAL", "Monitoring Tool": "Kapacitor"}
        assert json.loads(alert["description"])["series"][0]["name"] == "cpu"
        note = sink.bodies("/opsgenie/note/")[0]
        assert note["note"] == "cpu/serverA is OK" and note["details"]["Level"] == "RECOVERY"

        for name in ("servicenow", "zenoss", "talk", "pagerduty", "opsgenie"):
            assert requests.post(f"{api}/service-tests/{name}", json={}).json() == {"success": True, "message": ""}, name
        assert sink.bodies("/talk")[-1] == {"authorName": "Kapacitor", "text": "test talk text", "title": "testTitle"}
        assert sink.bodies("/servicenow")[-1]["records"][0]["description"] == "test servicenow message"
        shown = requests.get(f"{api}/config").text
        for secret in ("sn-secret", "zen-secret", "pd-secret", "og-secret"):
            assert secret not in shown and secret not in server.log()
    finally:
        server.stop()
        sink.stop()
