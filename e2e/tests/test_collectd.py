"""Debian's collectd 5.12 (network plugin, SecurityLevel None) sending to Debian's InfluxDB 1.6.7 and to Sundial at
once: the same packets must make the same points in both (`[[collectd]]` / `[[store.collectd]]`, InfluxDB's
`split` mapping and tags, types from collectd's own `types.db`)."""

import json
import shutil
import subprocess
import time
import urllib.parse
import urllib.request

import pytest

from harness.influxd_server import InfluxDServer
from harness.sundial_server import free_port

pytestmark = pytest.mark.skipif(shutil.which("collectd") is None, reason="Debian's collectd-core is not installed")


def query(base, text):
    with urllib.request.urlopen(base + "/query?" + urllib.parse.urlencode({"db": "collectd", "q": text}), timeout=30) as answer:
        return json.load(answer)["results"][0]


def test_collectd_packets_make_the_same_points(make_server, tmp_path):
    influx = InfluxDServer(tmp_path / "influxd")
    # The kernel may hand out a port twice until something binds it: keep them apart from each other and InfluxDB's.
    while len({influx_port := free_port(), sundial_port := free_port(), influx.port}) < 3:
        pass
    influx.collectd_port = influx_port
    influx.start()
    config = tmp_path / "sundial.conf"
    config.write_text(f'[[store.collectd]]\nbind-address = "127.0.0.1:{sundial_port}"\nbatch-timeout = "1s"\n')
    sundial = make_server(extra_args=["--config", str(config)]).start()
    (tmp_path / "collectd").mkdir()
    collectd_config = tmp_path / "collectd.conf"
    collectd_config.write_text(f"""
Hostname "probe"
FQDNLookup false
BaseDir "{tmp_path / 'collectd'}"
PIDFile "{tmp_path / 'collectd' / 'collectd.pid'}"
Interval 1
TypesDB "/usr/share/collectd/types.db"
LoadPlugin load
LoadPlugin memory
LoadPlugin cpu
LoadPlugin network
<Plugin network>
  Server "127.0.0.1" "{influx_port}"
  Server "127.0.0.1" "{sundial_port}"
</Plugin>
""")
    collectd = subprocess.Popen(["collectd", "-C", str(collectd_config), "-f"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            counts = [query(base, "SELECT count(value) FROM load_shortterm").get("series") for base in (influx.url, sundial.store_url)]
            if all(counts) and min(series[0]["values"][0][1] for series in counts) >= 3:
                break
            time.sleep(0.5)
        else:
            raise AssertionError("collectd's points did not arrive in both stores")
        collectd.terminate()
        collectd.wait(timeout=30)
        time.sleep(2.5)  # both listeners write what they gathered within their 1 s batch timeout
        for statement in ["SHOW MEASUREMENTS", "SHOW TAG KEYS", "SELECT * FROM load_shortterm", "SELECT * FROM memory_value GROUP BY *",
                          "SELECT count(value) FROM cpu_value GROUP BY *"]:
            assert query(sundial.store_url, statement) == query(influx.url, statement), statement
    finally:
        if collectd.poll() is None:
            collectd.terminate()
        influx.stop()
