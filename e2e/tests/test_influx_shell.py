"""Debian's `influx` shell (influxdb-client 1.6.7) against Debian's InfluxDB 1.6.7 and against Sundial: the same
commands print the same output (`-execute` in each `-format`, `-precision`, `-import` of a file with DDL and DML
sections, plain and gzip-compressed)."""

import gzip
import re
import shutil
import subprocess
import urllib.parse

import pytest

from harness.influxd_server import InfluxDServer
from harness.sundial_server import SundialServer

pytestmark = pytest.mark.skipif(shutil.which("influx") is None, reason="Debian's influxdb-client is not installed")

IMPORT = """# DDL
CREATE DATABASE imported
CREATE RETENTION POLICY oneday ON imported DURATION 1d REPLICATION 1

# DML
# CONTEXT-DATABASE: imported
# CONTEXT-RETENTION-POLICY: autogen

treasures,captain_id=dread_pirate_roberts value=801 1439856000
treasures,captain_id=flint value=29 1439856000
treasures,captain_id=sparrow value=38 1439856060
bad line here
treasures,captain_id=tetra value=47 1439856000

# CONTEXT-RETENTION-POLICY: oneday
hoard,captain_id=flint gold=3 1439856000
"""


def influx(port, *arguments):
    result = subprocess.run(["influx", "-host", "127.0.0.1", "-port", str(port), *arguments],
                            capture_output=True, text=True, timeout=60)
    # The importer prefixes its complaints with the local time.
    return result.returncode, result.stdout, re.sub(r"\d{4}/\d\d/\d\d \d\d:\d\d:\d\d ", "", result.stderr)


def port_of(url):
    return urllib.parse.urlparse(url).port


@pytest.fixture(scope="module")
def ports(tmp_path_factory):
    base = tmp_path_factory.mktemp("influx-shell")
    server = InfluxDServer(base / "influxd").start()
    sundial = SundialServer(data_dir=base / "sundial-data", log_path=base / "sundial.log").start()
    try:
        yield port_of(server.url), sundial.store_port, base
    finally:
        sundial.stop()
        server.stop()


def test_import_then_execute_in_every_format(ports):
    influxdb, sundial, base = ports
    plain = base / "import.txt"
    plain.write_text(IMPORT)
    compressed = base / "import.txt.gz"
    compressed.write_bytes(gzip.compress(IMPORT.encode()))
    commands = [
        ("-import", f"-path={plain}", "-precision=s"),
        ("-import", f"-path={compressed}", "-compressed", "-precision=s"),
        ("-database", "imported", "-execute", "SELECT * FROM treasures"),
        ("-database", "imported", "-execute", "SELECT * FROM oneday.hoard"),
        ("-database", "imported", "-format", "csv", "-execute", "SELECT * FROM treasures; SHOW RETENTION POLICIES"),
        ("-database", "imported", "-format", "json", "-execute", "SELECT count(value) FROM treasures"),
        ("-database", "imported", "-format", "json", "-pretty", "-execute", "SHOW TAG VALUES WITH KEY = captain_id"),
        ("-database", "imported", "-format", "column", "-precision", "rfc3339", "-execute", "SELECT * FROM treasures"),
        ("-database", "imported", "-precision", "ms", "-execute", "SELECT max(value) FROM treasures GROUP BY captain_id"),
        ("-database", "imported", "-execute", "SELEC nothing"),
        ("-database", "imported", "-execute", "INSERT treasures,captain_id=kidd value=5 1439856120000000000"),
        ("-database", "imported", "-execute", "SELECT * FROM treasures WHERE captain_id = 'kidd'"),
        ("-execute", "SHOW DATABASES"),
    ]
    for command in commands:
        expected = influx(influxdb, *command)
        assert influx(sundial, *command) == expected, command
