"""The store's statistics as InfluxDB 1.6.7 reports them: `/debug/vars` (what Telegraf's `inputs.influxdb` reads),
`SHOW STATS` and `SHOW DIAGNOSTICS`, after the same requests to both servers."""

import json
import urllib.parse
import urllib.request

import pytest

from harness.influxd_server import InfluxDServer
from harness.sundial_server import SundialServer

# What Telegraf's inputs.influxdb and the usual InfluxDB dashboards read; InfluxDB has more (tsm1_*, subscriber).
CORE = {
    "write": {"req", "pointReq", "pointReqLocal", "writeOk", "writeError", "writeDrop"},
    "queryExecutor": {"queriesActive", "queriesExecuted", "queriesFinished", "queryDurationNs"},
    "cq": {"queryOk", "queryFail"},
    "runtime": {"Alloc", "HeapAlloc", "HeapInUse", "HeapSys", "Sys", "NumGoroutine", "NumGC"},
    "database": {"numMeasurements", "numSeries"},
    "shard": {"diskBytes"},
    "httpd": {"req", "reqActive", "queryReq", "writeReq", "pingReq", "pointsWrittenOK", "clientError", "serverError", "authFail"},
}


def query(base, text, db="db"):
    target = base + "/query?" + urllib.parse.urlencode({"q": text, "db": db})
    with urllib.request.urlopen(urllib.request.Request(target, method="POST"), timeout=30) as answer:
        return json.load(answer)


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    base = tmp_path_factory.mktemp("stats")
    influx = InfluxDServer(base / "influxd").start()
    sundial = SundialServer(data_dir=base / "sundial-data", log_path=base / "sundial.log").start()
    try:
        for url in (influx.url, sundial.store_url):
            query(url, "CREATE DATABASE db")
            body = b"cpu,host=a v=1 1\ncpu,host=b v=2 2\nmem,host=a used=3i 3"
            urllib.request.urlopen(urllib.request.Request(url + "/write?db=db", data=body), timeout=30).read()
            urllib.request.urlopen(url + "/ping", timeout=30).read()
        yield influx.url, sundial.store_url
    finally:
        sundial.stop()
        influx.stop()


def debug_vars(base):
    with urllib.request.urlopen(base + "/debug/vars", timeout=30) as answer:
        assert answer.headers["Content-Type"] == "application/json; charset=utf-8"
        return json.load(answer)


def test_debug_vars_has_what_telegraf_reads(servers):
    influx, sundial = servers
    expected, ours = debug_vars(influx), debug_vars(sundial)
    for key in ("system", "cmdline", "memstats"):
        assert type(ours[key]) is type(expected[key]), key
    assert set(ours["system"]) == set(expected["system"])
    by_name = {}
    for key, value in ours.items():
        if key in ("system", "cmdline", "memstats"):
            continue
        assert set(value) == {"name", "tags", "values"}, key
        by_name.setdefault(value["name"], value)
        assert all(isinstance(number, int) for number in value["values"].values()), key
    for name, counters in CORE.items():
        assert counters <= set(by_name[name]["values"]), name
    theirs = {value["name"]: value for key, value in expected.items() if isinstance(value, dict) and "name" in value}
    for name in ("write", "database"):
        assert by_name[name]["values"].keys() >= CORE[name]
    assert ours["database:db"] == expected["database:db"]
    assert {k: ours["write"]["values"][k] for k in ("req", "pointReq", "writeOk")} == {
        k: theirs["write"]["values"][k] for k in ("req", "pointReq", "writeOk")}
    assert ours[next(k for k in ours if k.startswith("httpd:"))]["values"]["pointsWrittenOK"] == 3


def test_show_stats_and_diagnostics_as_influxdb(servers):
    influx, sundial = servers
    for statement in ["SHOW STATS FOR 'database'", "SHOW STATS FOR 'nope'"]:
        assert query(sundial, statement) == query(influx, statement), statement
    for module in ["build", "network", "runtime", "system"]:
        ours = query(sundial, f"SHOW DIAGNOSTICS FOR '{module}'")["results"][0]["series"][0]
        expected = query(influx, f"SHOW DIAGNOSTICS FOR '{module}'")["results"][0]["series"][0]
        assert (ours["name"], ours["columns"]) == (expected["name"], expected["columns"]), module
    names = {series["name"] for series in query(sundial, "SHOW STATS")["results"][0]["series"]}
    assert set(CORE) <= names
