"""A downsampling set-up moved over unchanged: the same continuous queries on Debian's InfluxDB 1.6.7 and on
Sundial, fed the same points, write the same downsampled points (both check every second, InfluxDB's default).

The points lie a few seconds ahead of the clock, so every interval is complete before either server computes it;
RESAMPLE FOR recomputes each interval several times, so a run that comes early on one server and late on the other
still ends with the same answer."""

import json
import time
import urllib.parse
import urllib.request

import pytest

from harness.influxd_server import InfluxDServer
from harness.sundial_server import SundialServer

QUERIES = [
    "CREATE CONTINUOUS QUERY per2s ON db RESAMPLE FOR 20s BEGIN SELECT mean(v) AS mean_v, max(n) AS max_n, count(v) "
    "INTO db.autogen.downsampled FROM cpu GROUP BY time(2s), host END",
    "CREATE CONTINUOUS QUERY every_rp ON db RESAMPLE EVERY 2s FOR 20s BEGIN SELECT sum(n) INTO fast.:MEASUREMENT "
    "FROM /^(cpu|mem)$/ GROUP BY time(4s), * END",
]


def request(base, query, method="POST", db=""):
    data = urllib.parse.urlencode({"q": query, "db": db}).encode()
    target = base + "/query" + ("" if method == "POST" else "?" + data.decode())
    with urllib.request.urlopen(urllib.request.Request(target, data=data if method == "POST" else None), timeout=30) as answer:
        return json.load(answer)


def write(base, lines):
    urllib.request.urlopen(urllib.request.Request(base + "/write?db=db", data=lines.encode()), timeout=30).read()


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    base = tmp_path_factory.mktemp("cq")
    influx = InfluxDServer(base / "influxd").start()
    sundial = SundialServer(data_dir=base / "sundial-data", log_path=base / "sundial.log").start()
    try:
        yield influx.url, sundial
    finally:
        sundial.stop()
        influx.stop()


def test_the_same_queries_write_the_same_points(servers):
    influx, sundial = servers
    start = (int(time.time()) // 4 + 2) * 4  # a multiple of 4 seconds, at least 4 seconds ahead
    lines = []
    for second in range(12):
        for host, value in (("a", second), ("b", 100 - second)):
            lines.append(f"cpu,host={host} v={value / 4},n={second}i {(start + second) * 10**9 + 250_000_000}")
        lines.append(f"mem,host=a n={second * 3}i {(start + second) * 10**9}")
    for base in (influx, sundial.store_url):
        request(base, "CREATE DATABASE db")
        request(base, "CREATE RETENTION POLICY fast ON db DURATION 1h REPLICATION 1")
        for query in QUERIES:
            assert "error" not in request(base, query)["results"][0]
        write(base, "\n".join(lines))
    # Every interval ends by start + 12 s; the queries then recompute it for up to 20 s.
    time.sleep(max(0.0, start + 12 + 4 - time.time()))
    for query in ["SELECT * FROM downsampled GROUP BY host", "SELECT * FROM fast./.*/ GROUP BY *"]:
        expected = request(influx, query, "GET", db="db")
        answer = request(sundial.store_url, query, "GET", db="db")
        assert answer == expected, f"{query}\n sundial  {answer}\n influxdb {expected}"
        assert expected["results"][0].get("series"), f"InfluxDB wrote nothing for {query}"
    assert "Finished continuous query" in sundial.log()
