"""Alerta, Sensu and BigPanda get a real task's CRITICAL and OK exactly as Kapacitor's services send them (the shapes
Kapacitor's own service tests pin): Alerta's alert API with templates and severities, Sensu's client socket with its
status codes and metadata, BigPanda's alerts API with the event's tags and fields as attributes; and each service
test sends its test message."""


import requests

from harness.sinks import HTTPSink, SensuSink
from harness.sundial_server import write_to_tasks
from harness.waiting import wait_for


def test_alerta_sensu_and_bigpanda_get_kapacitors_payloads(make_server, tmp_path):
    sink, sensu = HTTPSink(statuses={"/alerta/alert": 201, "/bigpanda": 201}), SensuSink()
    conf = tmp_path / "sundial.conf"
    conf.write_text(f"""
[alerta]
  enabled = true
  url = "{sink.url}/alerta"
  token = "alerta-secret"
  environment = "production"
  origin = "kapacitor"
[sensu]
  enabled = true
  addr = "{sensu.address}"
  source = "Kapacitor"
  handlers = ["default"]
[bigpanda]
  enabled = true
  url = "{sink.url}/bigpanda"
  app-key = "app-123"
  token = "bp-secret"
""")
    server = make_server(extra_args=["--config", str(conf)]).start()
    api = f"{server.tasks_url}/kapacitor/v1"
    script = """dbrp "db"."rp"
stream
    |from().measurement('cpu').groupBy('host')
    |alert()
        .id('cpu.{{ index .Tags "host" }}')
        .message('{{ .ID }} is {{ .Level }}')
        .crit(lambda: "usage_idle" < 10.0)
        .alerta().resource('{{ index .Tags "host" }}').value('{{ index .Fields "usage_idle" }}').timeout(1h)
            .attribute('team', 'ops').attribute('weight', 3)
        .sensu().metadata('k1', 'v1').metadata('k2', 5)
        .bigPanda().host('{{ index .Tags "host" }}').primaryProperty('host')
"""
    try:
        answer = requests.post(f"{api}/tasks", json={"id": "cpu_alert", "script": script, "status": "enabled"})
        assert answer.status_code == 200, answer.text
        write_to_tasks(server, "cpu,host=serverA usage_idle=5 10\n")
        write_to_tasks(server, "cpu,host=serverA usage_idle=50 20\n")
        assert wait_for(lambda: len(sink.bodies("/alerta/alert")) == 2 and len(sensu.received) == 2 and len(sink.bodies("/bigpanda")) == 2)

        critical, ok = sink.bodies("/alerta/alert")
        assert critical["resource"] == "serverA" and critical["event"] == "cpu.serverA" and critical["group"] == "host=serverA"
        assert critical["severity"] == "critical" and ok["severity"] == "ok" and critical["text"] == "cpu.serverA is CRITICAL"
        assert critical["environment"] == "production" and critical["origin"] == "kapacitor" and critical["value"] == "5"
        assert critical["service"] == ["cpu"] and critical["correlate"] == ["cpu"] and critical["timeout"] == 3600
        assert critical["attributes"] == {"team": "ops", "weight": 3} and critical["tags"] == ["host=serverA"]
        assert critical["rawData"]["series"][0]["name"] == "cpu"
        alerta_headers = next(headers for path, headers, _ in sink.requests if path == "/alerta/alert")
        assert alerta_headers["Authorization"] == "Bearer alerta-secret"

        assert sensu.received[0] == {
            "name": "cpu.serverA", "source": "Kapacitor", "output": "cpu.serverA is CRITICAL", "status": 2, "handlers": ["default"],
            "k1": "v1", "k2": 5,
        }
        assert sensu.received[1]["status"] == 0

        critical, ok = sink.bodies("/bigpanda")
        assert critical["app_key"] == "app-123" and critical["status"] == "critical" and ok["status"] == "ok"
        assert critical["check"] == "cpu.serverA" and critical["description"] == "cpu.serverA is CRITICAL"
        assert critical["task"] == "cpu_alert:cpu" and critical["timestamp"] == 10 and critical["host"] == "serverA"
        assert critical["primary_property"] == "host" and critical["usage_idle"] == "5" and "details" not in critical
        bigpanda_headers = next(headers for path, headers, _ in sink.requests if path == "/bigpanda")
        assert bigpanda_headers["Authorization"] == "Bearer bp-secret"

        for name in ("alerta", "sensu", "bigpanda"):
            assert requests.post(f"{api}/service-tests/{name}", json={}).json() == {"success": True, "message": ""}, name
        assert sink.bodies("/alerta/alert")[-1]["resource"] == "testResource"
        assert sensu.received[-1]["name"] == "testName" and sensu.received[-1]["output"] == "testOutput"
        assert sink.bodies("/bigpanda")[-1]["app_key"] == "012345"
        config = requests.get(f"{api}/config/alerta/").json()
        assert config["options"]["token"] is True and config["redacted"] == ["token"]
        assert "alerta-secret" not in requests.get(f"{api}/config").text and "bp-secret" not in server.log()
    finally:
        server.stop()
        sink.stop()
        sensu.stop()
