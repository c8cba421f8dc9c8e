"""Polling for what a server does in its own time (a task's output, a written point, a log line)."""

import time


def wait_for(predicate, timeout: float = 20.0, interval: float = 0.3):
    """The first truthy result of `predicate` within `timeout` seconds, else its last (falsy) result."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    return predicate()
