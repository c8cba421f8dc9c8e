"""Debian's Prometheus 2.42 with Sundial as its remote storage, beside Debian's InfluxDB 1.6.7: one Prometheus scrapes
itself and remote-writes to both stores (`/api/v1/prom/write`); the same samples must read back the same through
InfluxQL from each; a second Prometheus with no targets of its own answers PromQL from Sundial alone through
`remote_read` (`/api/v1/prom/read`)."""

import json
import shutil
import subprocess
import time
import urllib.parse
import urllib.request

import pytest

from harness.influxd_server import InfluxDServer
from harness.sundial_server import SundialServer, free_port

pytestmark = pytest.mark.skipif(shutil.which("prometheus") is None, reason="Debian's prometheus is not installed")


def get_json(url):
    with urllib.request.urlopen(url, timeout=30) as answer:
        return json.load(answer)


def influxql(base, query):
    return get_json(base + "/query?" + urllib.parse.urlencode({"db": "prometheus", "q": query}))


def start_prometheus(directory, config, port):
    directory.mkdir()
    (directory / "prometheus.yml").write_text(config)
    process = subprocess.Popen(
        ["prometheus", f"--config.file={directory / 'prometheus.yml'}", f"--storage.tsdb.path={directory / 'data'}",
         f"--web.listen-address=127.0.0.1:{port}"],
        stdout=open(directory / "log", "wb"), stderr=subprocess.STDOUT)
    return process


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError("timed out")


def test_remote_write_and_read(tmp_path):
    influx = InfluxDServer(tmp_path / "influxd").start()
    sundial = SundialServer(data_dir=tmp_path / "sundial-data", log_path=tmp_path / "sundial.log").start()
    processes = []
    try:
        for base in (influx.url, sundial.store_url):
            urllib.request.urlopen(urllib.request.Request(
                base + "/query?q=CREATE+DATABASE+prometheus", method="POST"), timeout=30).read()
        scraper_port = free_port()
        scraper = start_prometheus(tmp_path / "scraper", f"""
global:
  scrape_interval: 1s
scrape_configs:
  - job_name: self
    static_configs:
      - targets: ['127.0.0.1:{scraper_port}']
remote_write:
  - url: "{sundial.store_url}/api/v1/prom/write?db=prometheus"
    queue_config: {{batch_send_deadline: 1s}}
  - url: "{influx.url}/api/v1/prom/write?db=prometheus"
    queue_config: {{batch_send_deadline: 1s}}
""", scraper_port)
        processes.append(scraper)
        wait_for(lambda: _ready(scraper_port))
        wait_for(lambda: len(_values(sundial.store_url)) >= 4 and len(_values(influx.url)) >= 4)
        # Compare what both stores hold up to a time both have surely received in full.
        cutoff = _values(sundial.store_url)[-1][0]
        time.sleep(3)
        query = f"SELECT * FROM up WHERE time <= '{cutoff}'"
        ours, theirs = influxql(sundial.store_url, query), influxql(influx.url, query)
        assert ours == theirs and ours["results"][0]["series"][0]["values"]
        query = f"SELECT count(value) FROM /^prometheus_/ WHERE time <= '{cutoff}' GROUP BY *"
        assert influxql(sundial.store_url, query) == influxql(influx.url, query)

        reader_port = free_port()
        reader = start_prometheus(tmp_path / "reader", f"""
global:
  scrape_interval: 1h
remote_read:
  - url: "{sundial.store_url}/api/v1/prom/read?db=prometheus"
    read_recent: true
""", reader_port)
        processes.append(reader)
        wait_for(lambda: _ready(reader_port))
        answer = get_json(f"http://127.0.0.1:{reader_port}/api/v1/query?" + urllib.parse.urlencode(
            {"query": 'up{job="self"}'}))
        assert answer["status"] == "success"
        (result,) = answer["data"]["result"]
        assert result["metric"] == {"__name__": "up", "instance": f"127.0.0.1:{scraper_port}", "job": "self"}
        now = time.time()
        ranged = get_json(f"http://127.0.0.1:{reader_port}/api/v1/query_range?" + urllib.parse.urlencode(
            {"query": 'count({__name__=~"prometheus_.*", job!="nope"})', "start": now - 30, "end": now, "step": 5}))
        assert ranged["status"] == "success" and ranged["data"]["result"]
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)
        sundial.stop()
        influx.stop()


def _ready(port):
    try:
        return urllib.request.urlopen(f"http://127.0.0.1:{port}/-/ready", timeout=2).status == 200
    except OSError:
        return False


def _values(base):
    series = influxql(base, "SELECT value FROM up")["results"][0].get("series")
    return series[0]["values"] if series else []
