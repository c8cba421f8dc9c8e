"""Debian's collectd 5.12 writing Graphite's plaintext protocol (write_graphite, TCP) to Debian's InfluxDB 1.6.7 and
to Sundial at once, and Graphite lines sent over UDP to both: the same templates must make the same points
(`[[graphite]]` / `[[store.graphite]]`)."""

import json
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request

import pytest

from harness.influxd_server import InfluxDServer
from harness.sundial_server import free_port

pytestmark = pytest.mark.skipif(shutil.which("collectd") is None, reason="Debian's collectd-core is not installed")

TEMPLATES = '["collectd.* .host.measurement.field*", "servers.* .region.host.measurement*", "measurement*"]'


def query(base, text, db):
    with urllib.request.urlopen(base + "/query?" + urllib.parse.urlencode({"db": db, "q": text}), timeout=30) as answer:
        return json.load(answer)["results"][0]


def listener(port, protocol, database):
    return (f'  bind-address = "127.0.0.1:{port}"\n  protocol = "{protocol}"\n  database = "{database}"\n'
            f'  batch-timeout = "1s"\n  templates = {TEMPLATES}\n  tags = ["dc=one"]\n')


def test_graphite_lines_make_the_same_points(make_server, tmp_path):
    influx = InfluxDServer(tmp_path / "influxd")
    ports = {}
    for name in ("influx_tcp", "sundial_tcp", "sundial_udp"):
        # The kernel may hand out a port twice until something binds it: keep them apart from each other and InfluxDB's.
        while (port := free_port()) in {influx.port, *ports.values()}:
            pass
        ports[name] = port
    influx.graphite = listener(ports["influx_tcp"], "tcp", "graphite")
    influx.start()
    config = tmp_path / "sundial.conf"
    config.write_text("[[store.graphite]]\n" + listener(ports["sundial_tcp"], "tcp", "graphite")
                      + "[[store.graphite]]\n" + listener(ports["sundial_udp"], "udp", "gudp"))
    sundial = make_server(extra_args=["--config", str(config)]).start()
    (tmp_path / "collectd").mkdir()
    collectd_config = tmp_path / "collectd.conf"
    nodes = "".join(f"""
  <Node "{name}">
    Host "127.0.0.1"
    Port "{ports[name]}"
    Protocol "tcp"
    Prefix "collectd."
  </Node>""" for name in ("influx_tcp", "sundial_tcp"))
    collectd_config.write_text(f"""
Hostname "probe"
FQDNLookup false
BaseDir "{tmp_path / 'collectd'}"
PIDFile "{tmp_path / 'collectd' / 'collectd.pid'}"
Interval 1
TypesDB "/usr/share/collectd/types.db"
LoadPlugin load
LoadPlugin memory
LoadPlugin write_graphite
<Plugin write_graphite>{nodes}
</Plugin>
""")
    collectd = subprocess.Popen(["collectd", "-C", str(collectd_config), "-f"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            counts = [query(base, "SELECT count(*) FROM load", "graphite").get("series") for base in (influx.url, sundial.store_url)]
            if all(counts) and min(series[0]["values"][0][1] for series in counts) >= 3:
                break
            time.sleep(0.5)
        else:
            raise AssertionError("collectd's graphite lines did not arrive in both stores")
        collectd.terminate()
        collectd.wait(timeout=30)
        time.sleep(2.5)
        for statement in ["SHOW MEASUREMENTS", "SHOW TAG KEYS", "SHOW FIELD KEYS", "SELECT * FROM load", "SELECT * FROM memory GROUP BY *"]:
            assert query(sundial.store_url, statement, "graphite") == query(influx.url, statement, "graphite"), statement
        # The same lines over UDP to Sundial, over TCP to InfluxDB: the same points.
        lines = b"servers.west.a.cpu.idle 97.5 1700000000\nservers.east.b.cpu.idle 12 1700000001\nplain.path 1 1700000002\n"
        with socket.create_connection(("127.0.0.1", ports["influx_tcp"])) as connection:
            connection.sendall(lines)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
            sender.sendto(lines, ("127.0.0.1", ports["sundial_udp"]))
        time.sleep(2.5)
        for statement in ['SELECT * FROM "cpu.idle" GROUP BY *', 'SELECT * FROM "plain.path"']:
            assert query(sundial.store_url, statement, "gudp") == query(influx.url, statement, "graphite"), statement
    finally:
        if collectd.poll() is None:
            collectd.terminate()
        influx.stop()
