import sys
from pathlib import Path

import pytest
import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from harness.fake_oauth import FakeOAuthProvider  # noqa: E402
from harness.sundial_server import SundialServer, binary_path  # noqa: E402


@pytest.fixture
def sundial_binary() -> str:
    return binary_path()


@pytest.fixture
def provider():
    """A stand-in OAuth 2.0 provider on loopback (harness/fake_oauth.py), stopped afterwards."""
    fake = FakeOAuthProvider()
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture
def make_server(tmp_path):
    """Builds servers on demand; every one started in a test is stopped afterwards, whatever happens."""
    servers = []

    def make(name: str = "sundial", **kwargs) -> SundialServer:
        kwargs.setdefault("data_dir", tmp_path / f"{name}-data")
        server = SundialServer(log_path=tmp_path / f"{name}.log", **kwargs)
        servers.append(server)
        return server

    yield make
    for server in servers:
        try:
            server.stop()
        except Exception:
            pass


@pytest.fixture
def server(make_server) -> SundialServer:
    """A running `sundial serve` with default settings."""
    return make_server().start()


@pytest.fixture
def browser():
    """Headless Chromium (Debian's, through Selenium) for the web UI's tests; closed after the test."""
    from harness.browser import start_browser

    driver = start_browser()
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def two_sources(tmp_path_factory):
    """A running Sundial with Debian's InfluxDB 1.6.7 registered as a second control-plane source, for routes that must
    answer alike whichever InfluxDB a source is: (sundial, {"embedded": (id, store url), "influxdb 1.6.7": (id, url)})."""
    from harness.influxd_server import InfluxDServer

    base = tmp_path_factory.mktemp("sources")
    influx = InfluxDServer(base / "influxd").start()
    sundial = SundialServer(data_dir=base / "data", log_path=base / "sundial.log").start()
    remote = requests.post(sundial.control_url + "/chronograf/v1/sources", json={"name": "influxdb", "url": influx.url, "type": "influx"})
    assert remote.status_code == 201, remote.text
    try:
        yield sundial, {"embedded": ("0", sundial.store_url), "influxdb 1.6.7": (remote.json()["id"], influx.url)}
    finally:
        sundial.stop()
        influx.stop()
