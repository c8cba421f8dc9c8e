"""Hostile input to the store (:8086 InfluxDB 1.x API and the 2.x onboarding/buckets API): extreme timestamps, integer
overflow, huge durations and counts, deep nesting, pathological regexes and names. Every case must leave the server
running and answering /ping, answer each request within 10 s, and answer with a clean error or a sane result (never a
5xx). Each case prints what it got (status, body, seconds); with HOSTILE_REPORT=<file> the results are also appended
there as JSON lines. Cases share one server per module; a case that kills or hangs it gets a fresh one for the next.
"""

import time

import pytest
import requests

from harness.hostile import Client, alarm, case_name, clear_alarm, live_server_fixture, run

INT64_MAX = 9223372036854775807


def now_points(measurement="m", count=5):
    """`count` points in the last few minutes, so `time > now() - 1h` queries have data."""
    now = time.time_ns()
    return "\n".join(f"{measurement} v={i + 1} {now - i * 60_000_000_000}" for i in range(count))


NOW = [now_points()]
MIN_TIME = ["m v=1 -9223372036854775806"]
INT64_MIN = ["m2 i=-9223372036854775808i"]
SPREAD = ["m i=9223372036854775807i\nm i=0i 1000"]

# (id, line-protocol bodies written first, query, method)
SIMPLE_CASES = [
    ("1-min-time-select-all", MIN_TIME, "SELECT * FROM m", "GET"),
    ("1-min-time-count-group-by-1h", MIN_TIME, "SELECT count(v) FROM m WHERE time < now() GROUP BY time(1h)", "GET"),
    ("3-group-by-offset-huge-negative", NOW,
     "SELECT mean(v) FROM m WHERE time > now() - 1h GROUP BY time(1h, -9000000000000000000ns)", "GET"),
    ("4-fill-huge-number", NOW,
     "SELECT mean(v) FROM m WHERE time > now() - 1h GROUP BY time(1m) fill(99999999999999999999)", "GET"),
    ("5-spread-int64-max-and-0", SPREAD, "SELECT spread(i) FROM m", "GET"),
    ("5-spread-int64-max-and-minus-1", SPREAD + ["m i=-1i 2000"], "SELECT spread(i) FROM m", "GET"),
    ("6-int64-min-mod-minus-1", INT64_MIN, "SELECT i % -1 FROM m2", "GET"),
    ("6-int64-min-div-minus-1", INT64_MIN, "SELECT i / -1 FROM m2", "GET"),
    ("6-int64-min-negated", INT64_MIN, "SELECT -i FROM m2", "GET"),
    ("6-int64-min-times-2", INT64_MIN, "SELECT i * 2 FROM m2", "GET"),
    ("6-int64-min-plus-int64-max", INT64_MIN, f"SELECT i + {INT64_MAX} FROM m2", "GET"),
    ("7-time-year-2300", NOW, "SELECT * FROM m WHERE time > '2300-01-01T00:00:00Z'", "GET"),
    ("7-time-year-1600", NOW, "SELECT * FROM m WHERE time > '1600-01-01T00:00:00Z'", "GET"),
    ("7-time-just-below-min", NOW, "SELECT * FROM m WHERE time > '1677-09-21T00:12:43.145224192Z'", "GET"),
    ("7-time-offset-99-99", NOW, "SELECT * FROM m WHERE time > '2000-01-01T00:00:00+99:99'", "GET"),
    ("7-time-13-fraction-digits", NOW, "SELECT * FROM m WHERE time > '2000-01-01T00:00:00.1234567891234Z'", "GET"),
    ("8-limit-max-offset-1", NOW, f"SELECT * FROM m LIMIT {INT64_MAX} OFFSET 1", "GET"),
    ("8-slimit-max-soffset-1", NOW, f"SELECT * FROM m SLIMIT {INT64_MAX} SOFFSET 1", "GET"),
]

BOUND = [("LIMIT", "SELECT * FROM m LIMIT $o"), ("OFFSET", "SELECT * FROM m OFFSET $o"),
         ("SLIMIT", "SELECT * FROM m SLIMIT $o"), ("SOFFSET", "SELECT * FROM m SOFFSET $o"),
         ("SHOW-MEASUREMENTS-OFFSET", "SHOW MEASUREMENTS OFFSET $o")]


live = live_server_fixture("hostile-queries")


@pytest.fixture
def client(live, request):
    """The module's server (restarted if a previous case killed it), a database of this case's own, a 240 s cap."""
    case = case_name(request)
    c = Client(live.ensure(), case)
    c.db = "d_" + "".join(ch if ch.isalnum() else "_" for ch in case)
    requests.post(f"{c.server.store_url}/query", data={"q": f'CREATE DATABASE "{c.db}"'}, timeout=10)
    previous = alarm(240)
    try:
        yield c
    finally:
        clear_alarm(previous)
        live.retire_if_hung(c)


@pytest.mark.parametrize("writes,q,method", [case[1:] for case in SIMPLE_CASES], ids=[case[0] for case in SIMPLE_CASES])
def test_store_query_survives(client, writes, q, method):
    def case(c):
        for body in writes:
            c.write(c.db, body)
        c.query(q, c.db, method)

    run(client, case)


@pytest.mark.parametrize("name,q", BOUND, ids=[f"8-bound-{name}-minus-1" for name, _ in BOUND])
def test_bound_parameter_minus_one(client, name, q):
    def case(c):
        c.write(c.db, NOW[0])
        c.query(q, c.db, params='{"o":-1}')

    run(client, case)


def test_huge_shard_duration(client):
    """2: a database whose shard groups span 10000 weeks (more than Int64 nanoseconds from 1970 can hold)."""

    def case(c):
        c.query("CREATE DATABASE db2 WITH SHARD DURATION 10000w", method="POST")
        c.write("db2", "m v=1")
        c.query("SELECT * FROM m", "db2")
        c.query("SHOW SHARDS")

    run(client, case)


def nested_parens(depth):
    return "SELECT v FROM m WHERE " + "(" * depth + "v=1" + ")" * depth


def nested_subqueries(depth):
    return "SELECT v FROM (" * depth + "SELECT v FROM m" + ")" * depth


RECURSION = [("9-parens-6000-get", nested_parens(6000), "GET"), ("9-parens-6000-post", nested_parens(6000), "POST"),
             ("9-subqueries-3000-get", nested_subqueries(3000), "GET"),
             ("9-subqueries-3000-post", nested_subqueries(3000), "POST")]


@pytest.mark.parametrize("q,method", [case[1:] for case in RECURSION], ids=[case[0] for case in RECURSION])
def test_deep_nesting(client, q, method):
    def case(c):
        c.write(c.db, "m v=1")
        c.query(q, c.db, method, label=f"{method} {q[:40]}... ({len(q)} chars)")

    run(client, case)


def test_conflicting_field_types_in_one_line_then_restart(client, live):
    """15: `v=1i,v=2.5` in one line, then the same query before and after a restart on the same data directory."""

    def case(c):
        c.write(c.db, "m3 v=1i,v=2.5")
        c.query("SELECT * FROM m3", c.db)
        c.restart()
        if c.server.process.poll() is None:
            c.query("SELECT * FROM m3", c.db, label="SELECT * FROM m3 after restart")

    run(client, case)


def test_moving_average_window_int64_max(client):
    """16: moving_average's window as large as an Int64, five times (a leak or a slow allocation shows up here)."""

    def case(c):
        c.write(c.db, NOW[0])
        for attempt in range(5):
            c.query(f"SELECT moving_average(v, {INT64_MAX}) FROM m", c.db, label=f"moving_average #{attempt + 1}")

    run(client, case)


def test_twenty_thousand_fields_in_select(client):
    """17: the lexer and planner on a 40 kB field list (POST form)."""

    def case(c):
        c.write(c.db, NOW[0])
        q = "SELECT " + ",".join(["v"] * 20000) + " FROM m"
        c.query(q, c.db, "POST", label=f"POST SELECT v,v,... (20000 fields, {len(q)} chars)")

    run(client, case)


@pytest.mark.parametrize("a_count", [18, 30], ids=["18-redos-18-a", "18-redos-30-a"])
def test_catastrophic_regex_on_tag_values(client, a_count):
    """18: `^(a+)+$` against "aaa…a!": exponential for a backtracking engine, linear for Go's RE2."""

    def case(c):
        value = "a" * a_count + "!"
        c.write(c.db, "\n".join(f"m,t={value} v={i} {1_000_000_000 * (i + 1)}" for i in range(20)))
        c.query("SELECT * FROM m WHERE t =~ /^(a+)+$/", c.db)

    run(client, case)


def test_catastrophic_regex_on_tag_keys(client):
    """19: SHOW TAG VALUES WITH KEY =~ /(a*)*b/ over a key of 30 a's."""

    def case(c):
        c.write(c.db, f"m,{'a' * 30}=x v=1")
        c.query("SHOW TAG VALUES WITH KEY =~ /(a*)*b/", c.db)

    run(client, case)


def test_database_name_of_100k_characters(client):
    """19: CREATE DATABASE with a name far longer than any file name may be (it becomes a directory)."""

    def case(c):
        name = "x" * 100_000
        c.query(f"CREATE DATABASE {name}", method="POST", label="CREATE DATABASE xxx... (100k chars)")
        c.write(name, "m v=1", label="write to the 100k-character database")
        c.query("SHOW DATABASES", label="SHOW DATABASES")

    run(client, case)


V2_SETUP = {"username": "u", "password": "password123", "org": "o", "bucket": "b"}
# (id, extra setup fields, everySeconds for a second bucket or None)
V2_CASES = [
    ("14-setup-retention-seconds-int64-max", {"retentionPeriodSeconds": INT64_MAX}, None),
    ("14-setup-retention-seconds-1e20", {"retentionPeriodSeconds": 99999999999999999999}, None),
    ("14-setup-retention-hours-int64-max", {"retentionPeriodHrs": INT64_MAX}, None),
    ("14-setup-retention-hours-just-overflowing", {"retentionPeriodHrs": INT64_MAX // 3600 + 1}, None),
    ("14-bucket-every-seconds-int64-max", {}, INT64_MAX),
    ("14-bucket-every-seconds-1e20", {}, 1e20),
]


@pytest.mark.parametrize("setup,every", [case[1:] for case in V2_CASES], ids=[case[0] for case in V2_CASES])
def test_v2_retention_overflow(make_server, setup, every, request):
    """14: onboarding and bucket creation with retention periods no Int64 of nanoseconds can hold, then a write."""
    c = Client(make_server("v2").start(), case_name(request))
    previous = alarm(120)
    try:
        answer = c.request("POST", f"{c.server.store_url}/api/v2/setup", "POST /api/v2/setup", json={**V2_SETUP, **setup})
        created = answer.json() if answer is not None and answer.status_code == 201 else {}
        token = created.get("auth", {}).get("token", "")
        headers = {"Authorization": f"Token {token}"}
        bucket = "b"
        if every is not None and created:
            rules = [{"type": "expire", "everySeconds": every}]
            c.request("POST", f"{c.server.store_url}/api/v2/buckets", "POST /api/v2/buckets", headers=headers,
                      json={"orgID": created["org"]["id"], "name": "b2", "retentionRules": rules})
            bucket = "b2"
        if created:
            c.request("POST", f"{c.server.store_url}/api/v2/write", f"POST /api/v2/write to {bucket}",
                      headers=headers, params={"org": "o", "bucket": bucket}, data=b"m v=1")
            c.request("GET", f"{c.server.store_url}/api/v2/buckets", "GET /api/v2/buckets", headers=headers)
    finally:
        clear_alarm(previous)
        c.check()
