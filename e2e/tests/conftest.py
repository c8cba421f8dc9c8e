import sys
from pathlib import Path

import pytest

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
