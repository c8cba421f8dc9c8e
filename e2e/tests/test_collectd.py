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


def test_signed_and_encrypted_packets_are_checked_as_influxdb_checks_them(make_server, tmp_path):
    """collectd encrypts for InfluxDB 1.6.7 and a Sundial listener (both `security-level = "encrypt"`, the same auth
    file): the same points. Signed packets reach a `sign` listener; an `encrypt` listener keeps nothing signed, and
    nothing encrypted with a password its auth file does not hold."""
    auth_file = tmp_path / "auth_file"
    auth_file.write_text("# collectd users\nalice: w0nderl4nd\nbob:   bu1|der\n")
    ports = set()
    while len(ports) < 4:
        ports.add(free_port())
    influx_port, encrypted_port, signed_port, strict_port = sorted(ports)
    influx = InfluxDServer(tmp_path / "influxd", collectd_port=influx_port,
                           collectd_settings=f'  security-level = "encrypt"\n  auth-file = "{auth_file}"')
    while influx.port in ports:
        influx.port = free_port()
    influx.start()
    config = tmp_path / "sundial.conf"
    listeners = [(encrypted_port, "collectd", "encrypt"), (signed_port, "signed", "sign"), (strict_port, "strict", "encrypt")]
    config.write_text("".join(
        f'[[store.collectd]]\nbind-address = "127.0.0.1:{port}"\ndatabase = "{database}"\nbatch-timeout = "1s"\n'
        f'security-level = "{level}"\nauth-file = "{auth_file}"\n' for port, database, level in listeners))
    sundial = make_server(extra_args=["--config", str(config)]).start()
    (tmp_path / "collectd").mkdir()
    collectd_config = tmp_path / "collectd.conf"

    def server(port, level, user="alice", password="w0nderl4nd"):
        return (f'  <Server "127.0.0.1" "{port}">\n    SecurityLevel {level}\n    Username "{user}"\n'
                f'    Password "{password}"\n  </Server>\n')

    collectd_config.write_text(f"""
Hostname "probe"
FQDNLookup false
BaseDir "{tmp_path / 'collectd'}"
PIDFile "{tmp_path / 'collectd' / 'collectd.pid'}"
Interval 1
TypesDB "/usr/share/collectd/types.db"
LoadPlugin load
LoadPlugin memory
LoadPlugin network
<Plugin network>
{server(influx_port, "Encrypt")}{server(encrypted_port, "Encrypt", "bob", "bu1|der")}{server(signed_port, "Sign")}
{server(strict_port, "Sign")}{server(strict_port, "Encrypt", "alice", "wrong")}
</Plugin>
""")
    collectd = subprocess.Popen(["collectd", "-C", str(collectd_config), "-f"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def count(base, database):
        with urllib.request.urlopen(base + "/query?" + urllib.parse.urlencode(
                {"db": database, "q": "SELECT count(value) FROM load_shortterm"}), timeout=30) as answer:
            series = json.load(answer)["results"][0].get("series")
        return series[0]["values"][0][1] if series else 0

    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if min(count(influx.url, "collectd"), count(sundial.store_url, "collectd"), count(sundial.store_url, "signed")) >= 3:
                break
            time.sleep(0.5)
        else:
            raise AssertionError("collectd's signed and encrypted points did not arrive")
        collectd.terminate()
        collectd.wait(timeout=30)
        time.sleep(2.5)
        for statement in ["SHOW MEASUREMENTS", "SELECT * FROM load_shortterm", "SELECT * FROM memory_value GROUP BY *"]:
            assert query(sundial.store_url, statement) == query(influx.url, statement), statement
        with urllib.request.urlopen(sundial.store_url + "/query?q=SHOW+DATABASES", timeout=30) as answer:
            databases = json.load(answer)["results"][0]["series"][0]["values"]
        assert ["strict"] in databases, "the listener made its database"
        assert count(sundial.store_url, "strict") == 0, "signed packets and a wrong password reached an encrypt listener"
    finally:
        if collectd.poll() is None:
            collectd.terminate()
        influx.stop()
