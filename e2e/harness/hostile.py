"""Shared by the hostile-input suites: one `sundial serve` per module that is restarted (on a fresh data directory)
when a case killed or hung it, and a client that records every request's status, body and time, then checks that the
server survived."""

import json
import os
import re
import signal
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from harness.sundial_server import SundialServer

REQUEST_TIMEOUT = 10.0


def answers(url: str, timeout: float = 5.0) -> bool:
    try:
        return requests.get(url, timeout=timeout).status_code in (200, 204)
    except requests.RequestException:
        return False


def crash_summary(log: str) -> str:
    """The runtime's crash lines (fatal error, crashing thread, first frames in Sundial's sources) from a server log."""
    lines = log.splitlines()
    keep = [line for line in lines  # not backtrace frames (`  3 [ra] 0x…`) or register dumps (`r14 0x…`)
            if re.search(r"Fatal error|Program crashed|crashed:|runtime failure|^\w+\(\): ", line)
            and not re.match(r"\s*(\d+|[a-z]\w*) +(\[|0x)", line)]
    for index, line in enumerate(lines):
        if re.search(r"Thread .* crashed:", line):
            frames = [f for f in lines[index + 1:index + 40] if "/work/main/Sources/" in f]
            keep += [re.sub(r"^\s*\d+\s+(\[[^]]*\]\s*)*0x[0-9a-f]+\s+", "  ", f) for f in frames[:4]]
            break
    return "\n".join(dict.fromkeys(keep)) or "(no crash report in the log: killed by a signal, e.g. a stack overflow)"


class LiveServer:
    """The module's server; `ensure()` hands out a running one, starting a new generation if the last one is gone."""

    def __init__(self, base: Path):
        self.base, self.generation, self.server = base, 0, None

    def alive(self) -> bool:
        s = self.server
        return (s is not None and s.process.poll() is None and answers(f"{s.store_url}/ping")
                and answers(f"{s.tasks_url}/kapacitor/v1/ping"))

    def ensure(self) -> SundialServer:
        if self.alive():
            return self.server
        self.stop(signal.SIGKILL)
        self.generation += 1
        g = self.generation
        self.server = SundialServer(data_dir=self.base / f"data{g}", log_path=self.base / f"sundial{g}.log").start()
        return self.server

    def retire_if_hung(self, client: "Client") -> None:
        """After a request timed out the server may still be burning CPU on it: the next case gets a fresh one."""
        if any(step.status == "TIMEOUT" for step in client.steps):
            self.stop(signal.SIGKILL)

    def stop(self, sig=signal.SIGTERM) -> None:
        if self.server is not None:
            try:
                self.server.stop(sig=sig)
            except Exception:
                pass


@dataclass
class Step:
    label: str
    status: object  # an HTTP status, or "TIMEOUT" / "CONNECTION ERROR" / "RESTART FAILED"
    body: str
    seconds: float


class Client:
    """Sends a case's requests (each with a 10 s timeout) and records what came back."""

    def __init__(self, server: SundialServer, case: str):
        self.server, self.case, self.steps = server, case, []
        # (step label, status, text in the body): a 5xx the product itself answers there (Kapacitor's own 500s).
        self.expected_errors = []

    def request(self, method: str, url: str, label: str = "", **kwargs):
        start = time.monotonic()
        response = None
        try:
            response = requests.request(method, url, timeout=REQUEST_TIMEOUT, **kwargs)
            status, body = response.status_code, response.text
        except requests.Timeout:
            status, body = "TIMEOUT", ""
        except requests.ConnectionError as error:
            status, body = "CONNECTION ERROR", str(error)[:300]
        self.steps.append(Step(label or f"{method} {url[:80]}", status, body, time.monotonic() - start))
        return response

    def create_database(self, db: str):
        return self.query(f'CREATE DATABASE "{db}"', method="POST")

    def write(self, db: str, body: str, label: str = "", **params):
        return self.request("POST", f"{self.server.store_url}/write", label or f"write {body[:60]}",
                            params={"db": db, **params}, data=body.encode())

    def query(self, q: str, db: str = None, method: str = "GET", label: str = "", **params):
        params = {**({"db": db} if db else {}), **params}
        label = label or f"{method} {q[:70]}"
        if method == "GET":
            return self.request("GET", f"{self.server.store_url}/query", label, params={"q": q, **params})
        return self.request("POST", f"{self.server.store_url}/query", label, params=params, data={"q": q})

    def task(self, task_id: str, script: str, label: str = ""):
        task = {"id": task_id, "type": "stream", "dbrps": [{"db": "db", "rp": "autogen"}], "script": script,
                "status": "enabled"}
        return self.request("POST", f"{self.server.tasks_url}/kapacitor/v1/tasks", label or f"create task {task_id}",
                            json=task)

    def feed(self, lines: str, label: str = ""):
        return self.request("POST", f"{self.server.tasks_url}/kapacitor/v1/write", label or f"feed {lines[:60]}",
                            params={"db": "db", "rp": "autogen"}, data=lines.encode())

    def restart(self) -> None:
        """Stops the server and starts it again on the same data directory and ports."""
        start = time.monotonic()
        try:
            self.server.stop()
            self.server.start()
            status, body = 0, "restarted"
        except Exception as error:  # the restart itself crashing is a finding
            status, body = "RESTART FAILED", str(error)[-1500:]
        self.steps.append(Step("restart on the same data dir", status, body, time.monotonic() - start))

    def report(self) -> list:
        """Prints the steps, appends them to $HOSTILE_REPORT (JSON lines) and returns the problems found."""
        s = self.server
        pings = s.process.poll() is None and answers(f"{s.store_url}/ping")
        deadline = time.monotonic() + 20  # a crashing Swift process spends seconds printing its backtrace
        while not pings and s.process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.5)
            pings = answers(f"{s.store_url}/ping", timeout=2.0)
        exited = s.process.poll()
        crash = crash_summary(s.log()) if exited is not None else ""
        problems = []
        for step in self.steps:
            print(f"{self.case} | {step.label[:90]} | {step.status} | {step.seconds:.2f}s | {step.body[:300]!r}")
            if not isinstance(step.status, int):
                problems.append(f"{step.label[:90]}: {step.status} after {step.seconds:.1f}s {step.body[:300]}")
            elif step.status >= 500 and not self.is_expected(step):
                problems.append(f"{step.label[:90]}: {step.status} {step.body[:300]}")
        for label, status, text in self.expected_errors:
            if not any(self.is_expected(step) for step in self.steps if step.label == label):
                problems.append(f"{label}: expected {status} with {text!r}")
        if exited is not None:
            problems.append(f"server exited with {exited}:\n{crash}\nlog tail:\n{s.log()[-2000:]}")
        elif not pings:
            problems.append("server is running but does not answer /ping")
        print(f"{self.case} | alive={exited is None} pings={pings}" + (f" exit={exited}\n{crash}" if crash else ""))
        if os.environ.get("HOSTILE_REPORT"):
            with open(os.environ["HOSTILE_REPORT"], "a") as out:
                out.write(json.dumps({
                    "case": self.case, "exit": exited, "pings": pings,
                    "crash": crash, "log_tail": s.log()[-3000:] if exited is not None else "",
                    "steps": [[st.label, st.status, st.body[:500], round(st.seconds, 3)] for st in self.steps],
                }) + "\n")
        return problems

    def is_expected(self, step: Step) -> bool:
        return any(step.label == label and step.status == status and text in step.body
                   for label, status, text in self.expected_errors)

    def check(self) -> None:
        problems = self.report()
        assert not problems, f"{self.case}:\n" + "\n".join(problems)


def case_name(request) -> str:
    """The parametrized id, or the test's name without `test_`."""
    spec = getattr(request.node, "callspec", None)
    return spec.id if spec is not None else request.node.name.removeprefix("test_")


class CaseTimeout(Exception):
    pass


def alarm(seconds: int):
    """A whole-case deadline without pytest-timeout: SIGALRM raises in the test."""

    def expire(signum, frame):
        raise CaseTimeout(f"case took longer than {seconds}s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    return previous


def clear_alarm(previous) -> None:
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def live_server_fixture(name: str):
    """A module-scoped fixture `live`: the suite's LiveServer, stopped after the module."""
    @pytest.fixture(scope="module")
    def live(tmp_path_factory):
        server = LiveServer(tmp_path_factory.mktemp(name))
        yield server
        server.stop()
    return live


def run(c: Client, case) -> None:
    """Runs one case, then checks (whatever the case raised) that the server survived it."""
    try:
        case(c)
    finally:
        c.check()
