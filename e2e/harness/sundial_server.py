"""Starts the real `sundial serve` on free loopback ports with a private data directory, and always stops it."""

import os
import signal
import socket
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path


def free_port() -> int:
    """A port nothing listens on right now (the kernel picks it; a race with other processes is unlikely)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def binary_path() -> str:
    path = os.environ.get("SUNDIAL_BINARY", str(Path(__file__).resolve().parents[2] / ".build/debug/sundial"))
    if not os.access(path, os.X_OK):
        raise RuntimeError(f"sundial binary not found at {path}: build it (swift build) or set SUNDIAL_BINARY")
    return path


def http_status(url: str, method: str = "GET", timeout: float = 2.0, cafile: str = None) -> int:
    request = urllib.request.Request(url, method=method)
    context = ssl.create_default_context(cafile=cafile) if cafile else None
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=context) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@dataclass
class SundialServer:
    """One `sundial serve` process: its ports, data directory and log file."""

    data_dir: Path
    log_path: Path
    extra_args: list = field(default_factory=list)
    env: dict = field(default_factory=dict)
    store_port: int = field(default_factory=free_port)
    tasks_port: int = field(default_factory=free_port)
    control_port: int = field(default_factory=free_port)
    # Services whose listen address the harness passes as a flag; leave one out to test the file or environment.
    address_flags: tuple = ("store", "tasks", "control")
    # With HTTPS on every listener: the CA file that signed their certificate (URLs then use https://localhost).
    cafile: str = None
    process: subprocess.Popen = None

    def __post_init__(self):
        # Ports are picked one by one and the kernel may hand out the same free port twice: make them distinct.
        while len({self.store_port, self.tasks_port, self.control_port}) < 3:
            self.tasks_port, self.control_port = free_port(), free_port()

    @property
    def base(self) -> str:
        return "https://localhost" if self.cafile else "http://127.0.0.1"

    @property
    def store_url(self) -> str:
        return f"{self.base}:{self.store_port}"

    @property
    def tasks_url(self) -> str:
        return f"{self.base}:{self.tasks_port}"

    @property
    def control_url(self) -> str:
        return f"{self.base}:{self.control_port}"

    def command(self) -> list:
        ports = {"store": self.store_port, "tasks": self.tasks_port, "control": self.control_port}
        addresses = [[f"--{name}-bind-address", f"127.0.0.1:{ports[name]}"] for name in self.address_flags]
        return [binary_path(), "serve", "--data-dir", str(self.data_dir), *sum(addresses, []), *self.extra_args]

    def start(self, wait: bool = True) -> "SundialServer":
        environment = {**os.environ, **self.env}
        self._log = open(self.log_path, "ab")
        self.process = subprocess.Popen(self.command(), stdout=self._log, stderr=subprocess.STDOUT, env=environment)
        if wait:
            self.wait_until_ready()
        return self

    def wait_until_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        pings = [f"{self.store_url}/ping", f"{self.tasks_url}/kapacitor/v1/ping", f"{self.control_url}/chronograf/v1/"]
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"sundial exited with {self.process.returncode}:\n{self.log()}")
            try:
                if all(http_status(url, timeout=0.5, cafile=self.cafile) in (200, 204) for url in pings):
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"sundial did not answer its pings within {timeout}s:\n{self.log()}")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 10.0) -> int:
        """Sends `sig`, waits for the exit, and kills the process if it outlives `timeout`. Returns the exit code."""
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else 0
        self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise
        finally:
            self._log.close()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def write_to_tasks(server: "SundialServer", lines: str, db: str = "db", rp: str = "rp") -> None:
    """Posts line protocol (seconds) to the tasks service's Kapacitor write API and checks the 204."""
    request = urllib.request.Request(f"{server.tasks_url}/kapacitor/v1/write?db={db}&rp={rp}&precision=s", data=lines.encode())
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 204
