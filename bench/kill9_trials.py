#!/usr/bin/env python3
"""Kill -9 trials at scale (issue 15): for each scenario, TRIALS times, clients change tasks or InfluxDB connections
concurrently, the server is SIGKILLed at a random moment and started again on the same data directory, and every
acknowledged change must be there. Writes are the third scenario, run by e2e/tests/test_crash_recovery.py with
CRASH_CYCLES trials.

    python3 bench/kill9_trials.py [--trials 50] [--scenario tasks|connections|writes|all]

Uses the debug binary unless SUNDIAL_BINARY says otherwise; prints one line per trial and a summary; exits 1 when an
acknowledged change was lost or the server did not start again."""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "e2e"))

from harness.kill9 import SCENARIOS, run_trials  # noqa: E402
from harness.sundial_server import SundialServer  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--scenario", default="all", choices=[*SCENARIOS, "writes", "all"])
    arguments = parser.parse_args()
    scenarios = [*SCENARIOS, "writes"] if arguments.scenario == "all" else [arguments.scenario]
    failed = False
    for scenario in scenarios:
        if scenario == "writes":
            environment = {**os.environ, "CRASH_CYCLES": str(arguments.trials)}
            result = subprocess.run(
                [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "e2e/tests/test_crash_recovery.py"],
                cwd=ROOT, env=environment)
            print(f"writes: {arguments.trials} trials, {'ok' if result.returncode == 0 else 'FAILED'}")
            failed |= result.returncode != 0
            continue
        with tempfile.TemporaryDirectory(prefix=f"kill9-{scenario}-") as directory:
            servers = []

            def make_server(name, data_dir=None):
                server = SundialServer(data_dir=Path(data_dir or Path(directory) / "data"),
                                       log_path=Path(directory) / f"{name}.log")
                servers.append(server)
                return server

            problems = run_trials(make_server, scenario, arguments.trials)
            for server in servers:
                server.stop()
        print(f"{scenario}: {arguments.trials} trials, {len(problems)} problems")
        for problem in problems[:20]:
            print("  " + problem)
        failed |= bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
