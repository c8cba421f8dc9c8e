"""Kill -9 trials: clients change tasks (tasks service) or InfluxDB connections (control plane) as fast as they can,
the server is killed with SIGKILL at a random moment, started again on the same data directory, and every change it
acknowledged must be there: each object is in the state of its last acknowledged change, or of the change in flight
when the kill landed (which may or may not have been applied). The server must start again every time.

Used by e2e/tests/test_kill9_trials.py (a few trials) and bench/kill9_trials.py (50 or more per scenario)."""

import random
import signal
import threading
import time

import requests

from harness.sundial_server import SundialServer

SCRIPT = "dbrp \"db\".\"autogen\"\nstream\n    |from().measurement('m')\n    |httpOut('out')\n"


class Ledger:
    """Per object: the state of its last acknowledged change and of the change in flight (None: absent)."""

    def __init__(self):
        self.acknowledged, self.pending, self.lock = {}, {}, threading.Lock()
        # Server-given ids of the objects (connections), by key.
        self.ids = {}

    def reset(self, actual: dict, ids: dict):
        """After a restart has been checked, what the server holds is the truth the next trial starts from."""
        with self.lock:
            self.acknowledged, self.pending, self.ids = dict(actual), {}, dict(ids)

    def begin(self, key, state):
        with self.lock:
            self.pending[key] = state

    def settle(self, key, applied: bool):
        with self.lock:
            state = self.pending.pop(key)
            if applied:
                self.acknowledged[key] = state

    def current(self, key):
        with self.lock:
            return self.acknowledged.get(key)

    def mismatches(self, actual: dict) -> list:
        """Objects whose state after the restart is neither the acknowledged one nor the one in flight."""
        with self.lock:
            keys = set(self.acknowledged) | set(self.pending) | set(actual)
            allowed = {key: {self.acknowledged.get(key)} | ({self.pending[key]} if key in self.pending else set()) for key in keys}
        return [f"{key}: {actual.get(key)!r} not in {allowed[key]!r}" for key in sorted(keys) if actual.get(key) not in allowed[key]]


def task_changes(server: SundialServer, worker: str, stop: threading.Event, ledger: Ledger, rng: random.Random):
    """Creates, enables, disables and deletes this worker's tasks; a task's state is its status, None when absent."""
    base = f"{server.tasks_url}/kapacitor/v1/tasks"
    while not stop.is_set():
        key = f"{worker}_{rng.randrange(4)}"
        state = ledger.current(key)
        if state is None:
            new, call = "enabled", lambda: requests.post(base, json={"id": key, "script": SCRIPT, "status": "enabled"}, timeout=10)
        elif rng.random() < 0.25:
            new, call = None, lambda: requests.delete(f"{base}/{key}", timeout=10)
        else:
            new = "disabled" if state == "enabled" else "enabled"
            call = lambda: requests.patch(f"{base}/{key}", json={"status": new}, timeout=10)  # noqa: B023
        if not apply(ledger, key, new, call, ok=(200, 204)):
            return


def task_states(server: SundialServer) -> tuple:
    tasks = requests.get(f"{server.tasks_url}/kapacitor/v1/tasks", params={"limit": 10000}, timeout=10).json()["tasks"]
    return {task["id"]: task["status"] for task in tasks}, {}


def connection_changes(server: SundialServer, worker: str, stop: threading.Event, ledger: Ledger, rng: random.Random):
    """Creates, renames and deletes InfluxDB connections; a connection's state is its name, None when absent."""
    base = f"{server.control_url}/chronograf/v1/sources"
    ids = ledger.ids
    counter = 0
    while not stop.is_set():
        key = f"{worker}_{rng.randrange(3)}"
        counter += 1
        state = ledger.current(key)
        if state is None:
            new = f"{key}-{counter}"
            call = lambda: requests.post(base, json={"name": new, "url": server.store_url}, timeout=10)  # noqa: B023
        elif rng.random() < 0.3:
            new, call = None, lambda: requests.delete(f"{base}/{ids[key]}", timeout=10)  # noqa: B023
        else:
            new = f"{key}-{counter}"
            call = lambda: requests.patch(f"{base}/{ids[key]}", json={"name": new}, timeout=10)  # noqa: B023
        response = apply(ledger, key, new, call, ok=(200, 201, 204))
        if response is False:
            return
        if response is not True and response.status_code == 201:
            ids[key] = response.json()["id"]


def connection_states(server: SundialServer) -> tuple:
    sources = requests.get(f"{server.control_url}/chronograf/v1/sources", timeout=10).json()["sources"]
    # Connections the trials made are named `<worker>_<n>-<counter>`; source 0 (the embedded store) is not one.
    ours = [source for source in sources if "_" in source["name"].split("-")[0]]
    return ({source["name"].split("-")[0]: source["name"] for source in ours},
            {source["name"].split("-")[0]: source["id"] for source in ours})


def apply(ledger: Ledger, key, new, call, ok):
    """Sends one change; False when the server is gone (the change stays in flight), else the response."""
    ledger.begin(key, new)
    try:
        response = call()
    except requests.RequestException:
        return False
    ledger.settle(key, response.status_code in ok)
    return response if response.status_code in ok else True


SCENARIOS = {"tasks": (task_changes, task_states), "connections": (connection_changes, connection_states)}


def kill_during(server: SundialServer, workers: list, seconds: float):
    """Runs each worker (called with a stop event) on its own thread, kills the server with SIGKILL after `seconds`,
    then stops the workers and waits for them."""
    stop = threading.Event()
    threads = [threading.Thread(target=worker, args=(stop,)) for worker in workers]
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    server.process.send_signal(signal.SIGKILL)
    server.process.wait(timeout=10)
    stop.set()
    for thread in threads:
        thread.join(timeout=15)


def run_trials(make_server, scenario: str, trials: int, seed: int = 20261206, workers: int = 3, log=print) -> list:
    """Runs `trials` kill -9 trials of a scenario on one data directory; returns the problems found."""
    change, states = SCENARIOS[scenario]
    rng = random.Random(seed)
    ledgers = [Ledger() for _ in range(workers)]
    problems = []
    data_dir = None
    for trial in range(trials + 1):  # the last start only checks what the last kill left
        server = make_server(f"{scenario}{trial}", data_dir=data_dir) if data_dir else make_server(f"{scenario}{trial}")
        data_dir = server.data_dir
        try:
            server.start()
        except RuntimeError as error:
            return problems + [f"trial {trial}: the server did not start again: {error}"]
        actual, ids = states(server)
        for worker, ledger in enumerate(ledgers):
            mine = {key: value for key, value in actual.items() if key.startswith(f"w{worker}_")}
            problems += [f"trial {trial}: {problem}" for problem in ledger.mismatches(mine)]
            ledger.reset(mine, {key: value for key, value in ids.items() if key.startswith(f"w{worker}_")})
        if trial == trials:
            server.stop()
            break
        kill_during(server, [lambda stop, w=w: change(server, f"w{w}", stop, ledgers[w], random.Random(rng.random()))
                             for w in range(workers)], rng.uniform(0.2, 1.2))
        log(f"{scenario} trial {trial}: killed; {sum(len(l.acknowledged) for l in ledgers)} objects acknowledged")
    return problems
