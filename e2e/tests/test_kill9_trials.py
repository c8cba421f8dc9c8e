"""A short run of the kill -9 trials (e2e/harness/kill9.py): tasks and InfluxDB connections changed by concurrent
clients survive SIGKILL as acknowledged. bench/kill9_trials.py runs 50 or more per scenario; writes are covered by
test_crash_recovery.py."""

import pytest

from harness.kill9 import run_trials

TRIALS = 4


@pytest.mark.parametrize("scenario", ["tasks", "connections"])
def test_acknowledged_changes_survive_kill_9(make_server, scenario):
    problems = run_trials(make_server, scenario, TRIALS)
    assert not problems, "\n".join(problems[:20])
