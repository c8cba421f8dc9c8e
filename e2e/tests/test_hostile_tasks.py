"""Hostile input to the tasks service (/kapacitor/v1): deeply nested TICKscript, pathological task-id globs, and stream
tasks fed points that overflow Int64 times, durations and integers, or render huge alert templates. Every case must
leave the server running and answering /ping, answer each request within 10 s, and answer with a clean error or a sane
result (never a 5xx). Each case prints what it got; with HOSTILE_REPORT=<file> the results are appended there too.
Cases share one server per module; a case that kills or hangs it gets a fresh one for the next. Each case deletes its
task afterwards, so points fed by a later case do not run through an earlier case's task.
"""

import json
import time

import pytest
import requests

from harness.hostile import Client, alarm, case_name, clear_alarm, live_server_fixture, run

INT64_MAX = 9223372036854775807
NEAR_MIN, NEAR_MAX = -9223372036854775806, 9223372036854775806
FROM = "stream\n    |from().measurement('m')\n"


live = live_server_fixture("hostile-tasks")


@pytest.fixture
def client(live, request):
    """The module's server (restarted if a previous case killed it) and a 120 s cap; deletes the case's tasks."""
    c = Client(live.ensure(), case_name(request))
    c.task_ids = []
    previous = alarm(120)
    try:
        yield c
    finally:
        clear_alarm(previous)
        for task_id in c.task_ids:
            try:
                requests.delete(f"{c.server.tasks_url}/kapacitor/v1/tasks/{task_id}", timeout=10)
            except requests.RequestException:
                pass
        live.retire_if_hung(c)


def task_id(c: Client) -> str:
    return "t_" + "".join(ch if ch.isalnum() else "_" for ch in c.case)


def create_feed_inspect(c: Client, script: str, lines: str) -> None:
    """Creates the enabled stream task (ending in httpOut('out')), feeds it, gives it a moment, then reads back the
    task's error and node errors and the last output (recorded in place of the long bodies)."""
    tid = task_id(c)
    c.task_ids.append(tid)
    c.task(tid, script + "    |httpOut('out')\n")
    for line in lines.splitlines():
        c.feed(line)
    time.sleep(1.0)
    task = c.request("GET", f"{c.server.tasks_url}/kapacitor/v1/tasks/{tid}", f"GET task {tid}")
    if task is not None and task.status_code == 200:
        document = task.json()
        errors = {node: stats.get("errors") for node, stats in document.get("stats", {}).get("node-stats", {}).items()}
        c.steps[-1].body = json.dumps({"executing": document.get("executing"), "error": document.get("error"),
                                       "node_errors": errors})
        c.request("GET", f"{c.server.tasks_url}/kapacitor/v1/tasks/{tid}/out", "GET httpOut('out')")


def test_lambda_with_10000_nested_parentheses(client):
    """10: the TICKscript parser's recursion depth."""

    def case(c):
        tid = task_id(c)
        c.task_ids.append(tid)
        script = FROM + "    |where(lambda: " + "(" * 10000 + '"v" > 1' + ")" * 10000 + ")\n"
        c.task(tid, script, label=f"create task with 10000 nested parentheses ({len(script)} chars)")

    run(client, case)


@pytest.mark.parametrize("pattern", ["*a" * 2000 + "b", "[z-a]"], ids=["11-glob-star-a-2000-b", "11-glob-bad-range"])
def test_task_list_glob(client, pattern):
    """11: task-list `pattern` globs: exponential for a naive backtracking matcher, and an inverted range."""

    def case(c):
        tid = "a" * 2000
        c.task_ids.append(tid)
        c.task(tid, FROM, label="create task with an id of 2000 a's")
        c.request("GET", f"{c.server.tasks_url}/kapacitor/v1/tasks", f"GET tasks?pattern={pattern[:30]}",
                  params={"pattern": pattern, "fields": "id"})

    run(client, case)


NOW_NS = time.time_ns()
NOW_LINES = f"m v=1 {NOW_NS}\nm v=2 {NOW_NS + 1_000_000_000}\nm v=3 {NOW_NS + 20_000_000_000}"
EXTREME_TIMES = f"m v=1 {NEAR_MIN}\nm v=2 {NEAR_MIN + 1}\nm v=3 {NEAR_MAX - 1}\nm v=4 {NEAR_MAX}"
INT64_MIN_LINE = "m i=-9223372036854775808i"

# (id, pipeline after `stream|from().measurement('m')`, points fed)
STREAM_CASES = [
    ("12-window-every-15000w", "|window().period(10s).every(15000w)", NOW_LINES),
    ("12-window-period-99999999999h", "|window().period(99999999999h).every(10s)", NOW_LINES),
    ("12-shift-15000w", "|shift(15000w)", NOW_LINES),
    ("12-shift-minus-15000w-at-min", "|shift(-15000w)", EXTREME_TIMES),
    ("12-derivative-extreme-times", "|derivative('v')", EXTREME_TIMES),
    ("12-derivative-unit-15000w", "|derivative('v').unit(15000w)", EXTREME_TIMES),
    ("12-state-duration-extreme-times", "|stateDuration(lambda: \"v\" > 0)", EXTREME_TIMES),
    ("12-state-count-extreme-times", "|stateCount(lambda: \"v\" > 0)", EXTREME_TIMES),
    ("12-cumulative-sum-int64-max", "|cumulativeSum('i')",
     f"m i={INT64_MAX}i {NOW_NS}\nm i={INT64_MAX}i {NOW_NS + 1}\nm i=1i {NOW_NS + 2}"),
    ("12-eval-negate-int64-min", "|eval(lambda: -\"i\").as('x')", INT64_MIN_LINE),
    ("12-eval-int64-min-div-minus-1", "|eval(lambda: \"i\" / -1).as('x')", INT64_MIN_LINE),
    ("12-eval-int64-min-mod-minus-1", "|eval(lambda: \"i\" % -1).as('x')", INT64_MIN_LINE),
    ("12-eval-int64-max-plus-1", "|eval(lambda: \"i\" + 1).as('x')", f"m i={INT64_MAX}i"),
    ("12-eval-int-of-1e300", "|eval(lambda: int(\"f\")).as('x')", "m f=1e300"),
    ("12-eval-int-of-nan-like", "|eval(lambda: int(\"f\" * 0.0 / 0.0)).as('x')", "m f=1"),
    ("12-eval-duration-string-huge", "|eval(lambda: duration('99999999999h')).as('x')", "m v=1"),
    ("12-eval-duration-float-huge", "|eval(lambda: duration(\"f\", 1h)).as('x')", "m f=1e300"),
    ("12-eval-duration-int-huge", "|eval(lambda: duration(99999999999, 1h)).as('x')", "m v=1"),
    ("12-eval-duration-literal-huge", "|eval(lambda: 99999999999h).as('x')", "m v=1"),
    ("12-eval-human-bytes-minus-1e300", "|eval(lambda: humanBytes(\"f\")).as('x')", "m f=-1e300"),
    ("12-eval-human-bytes-1e300", "|eval(lambda: humanBytes(\"f\")).as('x')", "m f=1e300"),
    ("12-eval-human-bytes-int64-min", "|eval(lambda: humanBytes(\"i\")).as('x')", INT64_MIN_LINE),
    ("13-alert-printf-width", "|alert().crit(lambda: TRUE).message('{{ printf \"%999999999d\" 1 }}')", "m v=1"),
    ("13-alert-history-huge", "|alert().crit(lambda: TRUE).history(99999999999)", "m v=1\nm v=2\nm v=3"),
    ("13-alert-history-negative", "|alert().crit(lambda: TRUE).history(-1)", "m v=1\nm v=2"),
]


@pytest.mark.parametrize("pipeline,lines", [case[1:] for case in STREAM_CASES], ids=[case[0] for case in STREAM_CASES])
def test_stream_task_survives(client, pipeline, lines):
    run(client, lambda c: create_feed_inspect(c, FROM + "    " + pipeline + "\n", lines))


def test_infinite_float_in_http_out_is_kapacitors_500(client):
    """12: `pow10(99999999999)` is +Inf, which JSON cannot hold: Kapacitor's httpOut answers 500 with Go's error."""
    client.expected_errors.append(("GET httpOut('out')", 500, "json: unsupported value: +Inf"))
    run(client, lambda c: create_feed_inspect(c, FROM + "    |eval(lambda: pow10(99999999999)).as('x')\n", "m v=1"))


CONSTANT_CASES = [
    ("12-var-negated-int64-min", "var x = -(0 - 9223372036854775807 - 1)"),
    ("12-var-int64-min-literal-negated", "var x = -(-9223372036854775807 - 1)"),
    ("12-var-int64-max-plus-1", "var x = 9223372036854775807 + 1"),
    ("12-var-integer-literal-too-big", "var x = 99999999999999999999"),
]


@pytest.mark.parametrize("declaration", [case[1] for case in CONSTANT_CASES], ids=[case[0] for case in CONSTANT_CASES])
def test_tickscript_constant_overflow(client, declaration):
    """12: Int64 overflow folded in a TICKscript `var`, used in an eval."""
    script = declaration + "\n" + FROM + "    |eval(lambda: x).as('x')\n"
    run(client, lambda c: create_feed_inspect(c, script, "m v=1"))
