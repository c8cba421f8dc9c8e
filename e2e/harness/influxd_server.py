"""Debian's InfluxDB 1.6.7 as a reference server: started with the shared script (private config, loopback only),
always stopped afterwards."""

import os
import signal
import subprocess
from pathlib import Path

from .sundial_server import free_port


def shared_dir() -> Path:
    return Path(os.environ.get("SHARED_DIR", Path(__file__).resolve().parents[3] / "shared"))


class InfluxDServer:
    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.port = free_port()
        self.pid = None

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
        return self

    def stop(self) -> None:
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            self.pid = None
