"""SNMP traps reach Debian's snmptrapd as Kapacitor sends them: SNMPv2c with the configured community, sysUpTime.0 as
TimeTicks 1000, snmpTrapOID.0, then each `.data(oid, type, value)` with its value rendered from the alert."""

import shutil
import socket
import subprocess
import time

import pytest
import requests

from harness.sundial_server import write_to_tasks
from harness.waiting import wait_for

pytestmark = pytest.mark.skipif(shutil.which("snmptrapd") is None, reason="Debian's snmptrapd is not installed")


def free_udp_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_task_alert_is_an_snmpv2c_trap_snmptrapd_accepts(make_server, tmp_path):
    port = free_udp_port()
    (tmp_path / "snmptrapd.conf").write_text("authCommunity log k-community\n")
    output = open(tmp_path / "traps.log", "w")
    trapd = subprocess.Popen(
        ["snmptrapd", "-f", "-Lo", "-C", "-c", str(tmp_path / "snmptrapd.conf"), "-On", "-m", "", "-M", "/dev/null",
         f"udp:127.0.0.1:{port}"],
        stdout=output, stderr=subprocess.STDOUT, env={"PATH": "/usr/sbin:/usr/bin", "MIBS": ""})
    conf = tmp_path / "sundial.conf"
    conf.write_text(f'[snmptrap]\n  enabled = true\n  addr = "127.0.0.1:{port}"\n  community = "k-community"\n')
    server = make_server(extra_args=["--config", str(conf)]).start()
    api = f"{server.tasks_url}/kapacitor/v1"
    script = """dbrp "db"."rp"
stream
    |from().measurement('cpu')
    |alert()
        .id('cpu')
        .message('{{ .ID }} is {{ .Level }}')
        .crit(lambda: "usage_idle" < 10.0)
        .snmpTrap('1.3.6.1.4.1.1')
            .data('1.3.6.1.4.1.1.1', 's', '{{ .Message }}')
            .data('1.3.6.1.4.1.1.2', 'i', '{{ index .Fields "usage_idle" }}')
            .data('1.3.6.1.4.1.1.3', 'c', '12345678901')
"""
    try:
        time.sleep(0.5)  # snmptrapd binds its port
        answer = requests.post(f"{api}/tasks", json={"id": "cpu_alert", "script": script, "status": "enabled"})
        assert answer.status_code == 200, answer.text
        write_to_tasks(server, "cpu usage_idle=5 10\n")
        write_to_tasks(server, "cpu usage_idle=50 20\n")

        def traps():
            return [line for line in (tmp_path / "traps.log").read_text().splitlines() if "1.3.6.1.6.3.1.1.4.1.0" in line]

        assert wait_for(lambda: len(traps()) == 2), (tmp_path / "traps.log").read_text()
        critical, ok = traps()
        assert ".1.3.6.1.2.1.1.3.0 = Timeticks: (1000)" in critical
        assert ".1.3.6.1.6.3.1.1.4.1.0 = OID: .1.3.6.1.4.1.1" in critical
        assert '.1.3.6.1.4.1.1.1 = STRING: "cpu is CRITICAL"' in critical and ".1.3.6.1.4.1.1.2 = INTEGER: 5" in critical
        assert ".1.3.6.1.4.1.1.3 = Counter64: 12345678901" in critical
        assert '.1.3.6.1.4.1.1.1 = STRING: "cpu is OK"' in ok and ".1.3.6.1.4.1.1.2 = INTEGER: 50" in ok

        assert requests.post(f"{api}/service-tests/snmptrap", json={}).json() == {"success": True, "message": ""}
        assert wait_for(lambda: any('"test snmptrap message"' in line for line in traps()))
        assert requests.get(f"{api}/config/snmptrap/").json()["options"]["community"] is True
    finally:
        server.stop()
        trapd.terminate()
        trapd.wait()
        output.close()
