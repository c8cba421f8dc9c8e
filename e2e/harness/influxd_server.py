"""Debian's InfluxDB 1.6.7 as a reference server: started with the shared script (private config, loopback only),
always stopped afterwards."""

import os
import re
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

from .sundial_server import free_port


def shared_dir() -> Path:
    return Path(os.environ.get("SHARED_DIR", Path(__file__).resolve().parents[3] / "shared"))


class InfluxDServer:
    def __init__(self, data_dir: Path, auth_enabled: bool = False, collectd_port: int = None, graphite: str = None,
                 collectd_settings: str = ""):
        self.data_dir = data_dir
        self.port = free_port()
        self.pid = None
        self.auth_enabled = auth_enabled
        # A `[[collectd]]` listener on loopback at this port (its defaults otherwise), when set.
        self.collectd_port = collectd_port
        # More TOML lines for that listener (`security-level`, `auth-file`).
        self.collectd_settings = collectd_settings
        # The settings of a `[[graphite]]` listener (TOML lines, `bind-address` among them), when set.
        self.graphite = graphite

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "InfluxDServer":
        script = shared_dir() / "bench" / "start_influxd.sh"
        if not script.exists():
            raise RuntimeError(f"{script} not found: set SHARED_DIR to the shared folder beside the checkout")
        result = subprocess.run(
            ["bash", str(script), str(self.data_dir), str(self.port)],
            capture_output=True, text=True, timeout=600, env={**os.environ, "INFLUX_WIPE": "1"},
        )
        if result.returncode != 0:
            raise RuntimeError(f"influxd did not start: {result.stderr[-2000:]}")
        self.pid = int(result.stdout.strip().splitlines()[-1])
        if self.auth_enabled or self.collectd_port or self.graphite:
            self._restart_with_settings()
        return self

    def _restart_with_settings(self) -> None:
        """The shared script has no switch for auth or collectd: stop its server, turn them on in the config it
        wrote, and start influxd again on that config."""
        self.stop()
        config = self.data_dir / "influxdb.conf"
        text = config.read_text()
        if self.auth_enabled:
            text = re.sub(r"(?m)^\s*auth-enabled\s*=.*$", "", text)
            text = re.sub(r"(?m)^\[http\]\s*$", "[http]\n  auth-enabled = true", text, count=1)
        if self.collectd_port:
            listener = f'[[collectd]]\n  enabled = true\n  bind-address = "127.0.0.1:{self.collectd_port}"\n  batch-timeout = "1s"'
            listener += "\n" + self.collectd_settings
            text = re.sub(r"(?m)^\[\[collectd\]\]\s*\n\s*enabled\s*=\s*false\s*$", lambda _: listener, text, count=1)
        if self.graphite:
            listener = "[[graphite]]\n  enabled = true\n" + self.graphite
            text = re.sub(r"(?m)^\[\[graphite\]\]\s*\n\s*enabled\s*=\s*false\s*$", lambda _: listener, text, count=1)
        config.write_text(text)
        log = open(self.data_dir / "influxd.log", "ab")
        process = subprocess.Popen(
            ["influxd", "run", "-config", str(config)], stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.pid = process.pid
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/ping", timeout=1)
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("influxd with the changed settings did not answer /ping within 60 s")

    def stop(self) -> None:
        """SIGTERM, then wait (at most 15 s) until the process is gone, so its port and files are free again."""
        if not self.pid:
            return
        pid, self.pid = self.pid, None
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                if os.waitpid(pid, os.WNOHANG)[0] == pid:
                    return
            except ChildProcessError:
                pass
            try:
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                return
            if state == "Z":  # exited; waiting for a parent that is not us to reap it
                return
            time.sleep(0.1)
