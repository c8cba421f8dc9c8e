"""`.mqtt(topic)` publishes the alert's message to Debian's mosquitto as Kapacitor's MQTT service does: on the
templated topic, with the handler's QoS and retained flag, to the named `[[mqtt]]` broker or the default one; the
service test publishes too."""

import shutil
import socket
import subprocess
import time

import pytest
import requests

from harness.sundial_server import write_to_tasks
from harness.waiting import wait_for

pytestmark = pytest.mark.skipif(shutil.which("mosquitto") is None, reason="Debian's mosquitto is not installed")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_alerts_are_published_to_mosquitto_with_their_qos_and_retained_flag(make_server, tmp_path):
    port = free_port()
    (tmp_path / "mosquitto.conf").write_text(f"listener {port} 127.0.0.1\nallow_anonymous true\n")
    broker = subprocess.Popen(["mosquitto", "-c", str(tmp_path / "mosquitto.conf")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    received = open(tmp_path / "received.txt", "w")
    subscriber = None
    conf = tmp_path / "sundial.conf"
    conf.write_text(f"""
[[mqtt]]
  enabled = true
  name = "local"
  default = true
  url = "tcp://127.0.0.1:{port}"
[[mqtt]]
  enabled = false
  name = "off"
  url = "tcp://127.0.0.1:1"
""")
    server = make_server(extra_args=["--config", str(conf)]).start()
    api = f"{server.tasks_url}/kapacitor/v1"
    script = """dbrp "db"."rp"
stream
    |from().measurement('cpu')
    |alert()
        .id('cpu')
        .message('{{ .ID }} is {{ .Level }}')
        .crit(lambda: "usage_idle" < 10.0)
        .mqtt('alerts/{{ .TaskName }}').qos(1).retained(TRUE)
        .mqtt('alerts/exactly').brokerName('local').qos(2)
"""
    try:
        time.sleep(0.5)  # mosquitto binds its port
        subscriber = subprocess.Popen(
            ["mosquitto_sub", "-h", "127.0.0.1", "-p", str(port), "-t", "alerts/#", "-q", "2", "-F", "%r %q %t %p"],
            stdout=received, stderr=subprocess.STDOUT)
        time.sleep(0.5)
        answer = requests.post(f"{api}/tasks", json={"id": "cpu_alert", "script": script, "status": "enabled"})
        assert answer.status_code == 200, answer.text
        write_to_tasks(server, "cpu usage_idle=5 10\n")
        write_to_tasks(server, "cpu usage_idle=50 20\n")

        def lines():
            return (tmp_path / "received.txt").read_text().splitlines()

        assert wait_for(lambda: len(lines()) == 4), lines()
        published = sorted(lines())
        assert published == [
            "0 1 alerts/cpu_alert cpu is CRITICAL", "0 1 alerts/cpu_alert cpu is OK",
            "0 2 alerts/exactly cpu is CRITICAL", "0 2 alerts/exactly cpu is OK",
        ], published
        # The retained flag: a subscriber that comes later gets the last message at once, marked retained.
        late = subprocess.run(
            ["mosquitto_sub", "-h", "127.0.0.1", "-p", str(port), "-t", "alerts/cpu_alert", "-C", "1", "-W", "5", "-F", "%r %p"],
            capture_output=True, text=True)
        assert late.stdout.strip() == "1 cpu is OK", late

        tested = requests.post(f"{api}/service-tests/mqtt", json={"topic": "alerts/test"}).json()
        assert tested == {"success": True, "message": ""}
        assert wait_for(lambda: any("alerts/test test MQTT message" in line for line in lines()))
        off = requests.post(f"{api}/service-tests/mqtt", json={"topic": "alerts/test", "broker-name": "off"}).json()
        assert off == {"success": False, "message": 'unknown MQTT broker "off"'}
        assert requests.post(f"{api}/service-tests/mqtt", json={}).json() == {"success": False, "message": "missing MQTT topic"}
    finally:
        server.stop()
        if subscriber:
            subscriber.terminate()
        broker.terminate()
        broker.wait()
        received.close()
