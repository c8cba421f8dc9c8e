"""The same requests to Debian's InfluxDB 1.6.7 and to Sundial, answers compared as JSON.

Each case is (name, method, path-and-query); a write's body follows ` BODY `. Both servers get the same data first.
Cases where Sundial deliberately differs are in DIFFERENCES with the reason, and Sundial's answer is checked against
what it should be instead.

Known difference not exercised here: when several series have a point at the very same time, InfluxDB 1.6.7 returns
those rows in its iterator heap's order (neither key nor creation order); Sundial returns them in series-key order.
The data below gives each series of a measurement its own timestamps.
"""

import json
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest

from harness.influxd_server import InfluxDServer

SETUP_WRITES = [
    ("db", "s", "cpu,host=a,region=west v=1,n=1i,s=\"x\",b=true 0\n"
                "cpu,host=a,region=west v=2,n=2i,s=\"y\",b=false 10\n"
                "cpu,host=b,region=east v=3,n=3i 12\n"
                "cpu,host=b,region=east v=5,n=4i 25\n"
                "cpu,host=c v=8,n=5i 40\n"
                "mem,host=a used=7i,free=1.5 10\n"
                "mem,host=b used=9i,free=0.5 30\n"
                "disk,path=/ total=100i 20\n"),
    # Around the United States' 2021 change to daylight-saving time (14 March), for tz() windows.
    ("db", "s", "dst v=0 1615507200\ndst v=1 1615528800\ndst v=2 1615550400\ndst v=3 1615572000\ndst v=4 1615593600\ndst v=5 1615615200\ndst v=6 1615636800\ndst v=7 1615658400\ndst v=8 1615680000\ndst v=9 1615701600\ndst v=10 1615723200\ndst v=11 1615744800\ndst v=12 1615766400\ndst v=13 1615788000\ndst v=14 1615809600\ndst v=15 1615831200\ndst v=16 1615852800\ndst v=17 1615874400\ndst v=18 1615896000\ndst v=19 1615917600\n"),
]

# Prices for the technical-analysis functions and holt_winters: two hosts, a rising, seasonal, noisy series of
# floats and one of integers (a point every 10 s), with a gap and a flat stretch.
def _prices() -> str:
    lines = []
    for step in range(60):
        if 20 <= step < 23:
            continue
        seasonal = (0, 3, 5, 2)[step % 4]
        noise = ((step * 7919) % 13) / 4
        flat = 30 <= step < 35
        price = 50.0 if flat else 40 + step * 0.5 + seasonal + noise
        lines.append(f"price,host=a p={price},n={int(price)}i {step * 10}")
        lines.append(f"price,host=b p={100 - price / 2} {step * 10 + 5}")
    return "\n".join(lines)


QI = "/query?db=indicators&q="
INDICATOR_CALLS = [
    "exponential_moving_average(p, 5)", "exponential_moving_average(n, 4, 0)", "exponential_moving_average(p, 3, 2, 'simple')",
    "exponential_moving_average(p, 1)",
    "double_exponential_moving_average(p, 4)", "double_exponential_moving_average(p, 4, 0, 'simple')",
    "triple_exponential_moving_average(p, 3)", "triple_exponential_moving_average(n, 3, 1, 'simple')",
    "relative_strength_index(p, 6)", "relative_strength_index(p, 3, 0, 'simple')",
    "triple_exponential_derivative(p, 4)", "triple_exponential_derivative(p, 2, 1, 'simple')",
    "kaufmans_efficiency_ratio(p, 5)", "kaufmans_efficiency_ratio(n, 2, 0)",
    "kaufmans_adaptive_moving_average(p, 5)", "kaufmans_adaptive_moving_average(p, 3, 0)",
    "chande_momentum_oscillator(p, 5)", "chande_momentum_oscillator(p, 4, 0, 'none')",
    "chande_momentum_oscillator(p, 3, -1, 'exponential')", "chande_momentum_oscillator(n, 5, 2, 'simple')",
]
INDICATOR_CASES = [
    ("indicators: create", "POST", "/query?q=CREATE DATABASE indicators"),
    ("indicators: write", "POST", "/write?db=indicators&precision=s BODY " + _prices()),
    *[(f"indicators: {call}", "GET", QI + f"SELECT {call} FROM price WHERE host = 'a'") for call in INDICATOR_CALLS],
    *[(f"indicators: {call} by host", "GET", QI + f"SELECT {call} FROM price GROUP BY host") for call in INDICATOR_CALLS[::3]],
    *[(f"indicators: {call} of mean", "GET",
       QI + f"SELECT {call.replace('(p,', '(mean(p),').replace('(n,', '(mean(n),')} FROM price "
       "WHERE time >= 100s AND time < 500s GROUP BY time(20s)") for call in INDICATOR_CALLS[::2]],
    ("indicators: two of them and descending", "GET",
     QI + "SELECT exponential_moving_average(p, 3), relative_strength_index(p, 3) FROM price WHERE host = 'b' ORDER BY time DESC"),
    ("indicators: moving_average and cumulative_sum of aggregates", "GET",
     QI + "SELECT moving_average(max(p), 3) FROM price WHERE time >= 100s AND time < 400s GROUP BY time(20s); "
     "SELECT cumulative_sum(max(p)) FROM price WHERE time >= 100s AND time < 400s GROUP BY time(20s)"),
    *[(f"indicators: error {call}", "GET", QI + f"SELECT {call} FROM price") for call in (
        "exponential_moving_average(p)", "exponential_moving_average(p, 2, 1, 'simple', 4)", "exponential_moving_average(p, 1.5)",
        "exponential_moving_average(p, 0)", "exponential_moving_average(p, 2, -2)", "exponential_moving_average(p, 2, 'x')",
        "exponential_moving_average(p, 2, 1, 'none')", "exponential_moving_average(p, 2, 1, 3)",
        "triple_exponential_derivative(p, 2, 0)", "kaufmans_efficiency_ratio(p, 2, 1, 'simple')",
        "kaufmans_adaptive_moving_average(p, 0)", "chande_momentum_oscillator(p, 2, 1, 'x')",
        "chande_momentum_oscillator(p)", "relative_strength_index(host, 2)", "exponential_moving_average(mean(p), 2)",
    )],
    ("indicators: error aggregate required", "GET", QI + "SELECT exponential_moving_average(p, 2) FROM price WHERE time < 1h GROUP BY time(1m)"),
    ("indicators: holt_winters", "GET", QI + "SELECT holt_winters(mean(p), 5, 4) FROM price WHERE host = 'a' AND time >= 0 AND time < 600s GROUP BY time(10s)"),
    ("indicators: holt_winters without season", "GET",
     QI + "SELECT holt_winters(max(p), 3, 0) FROM price WHERE time >= 0 AND time < 600s GROUP BY time(20s), host"),
    ("indicators: holt_winters_with_fit", "GET",
     QI + "SELECT holt_winters_with_fit(first(n), 4, 2) FROM price WHERE time >= 0 AND time < 300s GROUP BY time(30s)"),
    *[(f"indicators: error {call}", "GET", QI + f"SELECT {call} FROM price WHERE time < 1h GROUP BY time(10s)") for call in (
        "holt_winters(p, 1, 1)", "holt_winters(mean(p), 1)", "holt_winters(mean(p), 0, 1)", "holt_winters(mean(p), 1.5, 1)",
        "holt_winters(mean(p), 1, -1)", "holt_winters(mean(p), 1, 'x')", "holt_winters_with_fit(mean(p), 2, 1, 1)",
    )],
    ("indicators: error holt_winters without interval", "GET", QI + "SELECT holt_winters(mean(p), 3, 1) FROM price"),
    ("indicators: of an aggregate descending", "GET", QI + "SELECT relative_strength_index(mean(p), 3) FROM price "
     "WHERE time >= 100s AND time < 500s GROUP BY time(20s) ORDER BY time DESC; SELECT derivative(max(p)) FROM price "
     "WHERE time >= 100s AND time < 500s GROUP BY time(20s) ORDER BY time DESC"),
    ("indicators: wildcards", "GET", QI + "SELECT exponential_moving_average(*, 3) FROM price WHERE host='a' LIMIT 2; "
     "SELECT kaufmans_efficiency_ratio(/p|n/, 3) AS k FROM price WHERE host='a' LIMIT 2; "
     "SELECT holt_winters(mean(*), 1, 0) FROM price WHERE time >= 0 AND time < 600s GROUP BY time(60s); "
     "SELECT derivative(*) FROM price WHERE host = 'b' LIMIT 2; SELECT elapsed(*, 1s) FROM price WHERE host = 'b' LIMIT 2"),
    ("indicators: huge arguments", "GET", QI + "SELECT exponential_moving_average(p, 9223372036854775807) FROM price WHERE host='a' LIMIT 3; "
     "SELECT relative_strength_index(p, 9223372036854775807, 0) FROM price WHERE host='a' LIMIT 3; "
     "SELECT exponential_moving_average(p, 2, 4294967296) FROM price WHERE host='a' LIMIT 3; "
     "SELECT triple_exponential_derivative(p, 9223372036854775807, 1, 'simple') FROM price WHERE host='a' LIMIT 3; "
     "SELECT holt_winters(mean(p), 5, 100000) FROM price WHERE time >= 0 AND time < 600s GROUP BY time(10s)"),
    ("indicators: chande_momentum_oscillator of period 1", "GET",
     QI + "SELECT chande_momentum_oscillator(p, 1) FROM price WHERE host='a' LIMIT 3"),
]

Q = "/query?db=db&q="
QC = "/query?db=corners&q="
CASES = [
    ("show databases", "GET", "/query?q=SHOW+DATABASES"),
    ("show shards", "GET", "/query?q=SHOW SHARDS"),
    ("show shard groups", "GET", "/query?q=SHOW SHARD GROUPS"),
    ("show shard without groups", "GET", "/query?q=SHOW SHARD"),
    ("show users", "GET", "/query?q=SHOW USERS"),
    ("kill unknown query", "POST", "/query?q=KILL QUERY 99"),
    ("kill unknown query on a host", "POST", '/query?q=KILL QUERY 987654 ON "host"'),
    ("kill without id", "POST", "/query?q=KILL QUERY"),
    ("kill with a word", "POST", "/query?q=KILL QUERY x"),
    ("drop unknown shard", "POST", "/query?q=DROP SHARD 987654"),
    ("explain an aggregate", "GET", Q + "EXPLAIN SELECT mean(v) FROM cpu"),
    ("explain a raw query", "GET", Q + "EXPLAIN SELECT v FROM cpu"),
    ("explain a wildcard", "GET", Q + "EXPLAIN SELECT * FROM mem"),
    ("explain nothing the measurement holds", "GET", Q + "EXPLAIN SELECT nosuch FROM cpu"),
    ("explain two measurements", "GET", Q + "EXPLAIN SELECT used, v FROM cpu, mem"),
    ("explain an unknown measurement", "GET", Q + "EXPLAIN SELECT v FROM nope"),
    ("explain a tag condition", "GET", Q + "EXPLAIN SELECT v FROM cpu WHERE host = 'a'"),
    ("explain a time range", "GET", Q + "EXPLAIN SELECT mean(v) FROM cpu WHERE time >= 10s AND time < 30s GROUP BY time(10s)"),
    ("explain math", "GET", Q + "EXPLAIN SELECT v + n FROM cpu"),
    ("explain not a select", "GET", "/query?q=EXPLAIN SHOW DATABASES"),
    ("drop shard without id", "POST", "/query?q=DROP SHARD"),
    ("drop shard with a word", "POST", "/query?q=DROP SHARD x"),
    ("show subscriptions", "GET", "/query?q=SHOW SUBSCRIPTIONS"),
    ("show retention policies", "GET", Q + "SHOW RETENTION POLICIES"),
    ("show retention policies on", "GET", "/query?q=SHOW RETENTION POLICIES ON db"),
    ("show retention policies unknown db", "GET", "/query?q=SHOW RETENTION POLICIES ON nope"),
    ("show retention policies no db", "GET", "/query?q=SHOW RETENTION POLICIES"),
    ("show measurements", "GET", Q + "SHOW MEASUREMENTS"),
    ("show measurements regex", "GET", Q + "SHOW MEASUREMENTS WITH MEASUREMENT =~ /m.*/"),
    ("show measurements limit", "GET", Q + "SHOW MEASUREMENTS LIMIT 1 OFFSET 1"),
    ("show series", "GET", Q + "SHOW SERIES"),
    ("show series from", "GET", Q + "SHOW SERIES FROM cpu"),
    ("show series where", "GET", Q + "SHOW SERIES WHERE host = 'a'"),
    ("show tag keys", "GET", Q + "SHOW TAG KEYS"),
    ("show tag keys from", "GET", Q + "SHOW TAG KEYS FROM cpu"),
    ("show tag values", "GET", Q + "SHOW TAG VALUES WITH KEY = host"),
    ("show tag values in", "GET", Q + "SHOW TAG VALUES FROM cpu WITH KEY IN (host, region)"),
    ("show tag values regex", "GET", Q + "SHOW TAG VALUES WITH KEY =~ /reg.*/"),
    ("show field keys", "GET", Q + "SHOW FIELD KEYS"),
    ("show field keys from", "GET", Q + "SHOW FIELD KEYS FROM mem"),
    ("select star", "GET", Q + "SELECT * FROM cpu"),
    ("select star grouped by a tag", "GET", Q + "SELECT * FROM cpu GROUP BY host"),
    ("select star grouped by all tags", "GET", Q + "SELECT * FROM cpu GROUP BY *"),
    ("tz raw", "GET", Q + "SELECT v FROM cpu tz('America/Chicago')"),
    ("tz utc", "GET", Q + "SELECT v FROM cpu WHERE host = 'a' tz('UTC')"),
    ("tz days", "GET", Q + "SELECT mean(v) FROM cpu WHERE time >= '1970-01-01T00:00:00Z' AND time < '1970-01-03T00:00:00Z' GROUP BY time(1d) tz('America/Chicago')"),
    ("tz local literals", "GET", Q + "SELECT count(v) FROM cpu WHERE time >= '1970-01-01 09:00:00' AND time < '1970-01-01 10:00:00' tz('Asia/Tokyo')"),
    ("tz half-hour zone", "GET", Q + "SELECT mean(v) FROM cpu WHERE time >= 0 AND time < 50s GROUP BY time(20s) tz('Asia/Kolkata')"),
    ("tz across daylight saving", "GET", Q + "SELECT count(v) FROM dst WHERE time >= '2021-03-12T00:00:00Z' AND time < '2021-03-17T00:00:00Z' GROUP BY time(1d) tz('America/Chicago')"),
    ("tz hours across daylight saving", "GET", Q + "SELECT count(v) FROM dst WHERE time >= '2021-03-14T00:00:00Z' AND time < '2021-03-14T12:00:00Z' GROUP BY time(3h) tz('America/Chicago')"),
    ("count of empty buckets", "GET", Q + "SELECT count(v), mean(v) FROM cpu WHERE time >= 0 AND time < 50s GROUP BY time(10s)"),
    ("count of empty buckets, linear", "GET", Q + "SELECT count(v) FROM cpu WHERE time >= 0 AND time < 50s GROUP BY time(5s) fill(linear)"),
    ("tz unknown", "GET", Q + "SELECT v FROM cpu tz('Nowhere/Land')"),
    ("chunked", "GET", "/query?db=db&chunked=true&chunk_size=2&q=SELECT v FROM cpu GROUP BY host; SHOW DATABASES; SELECT x FROM nope"),
    ("chunked default size", "GET", "/query?db=db&chunked=true&q=SELECT * FROM mem; SHOW MEASUREMENTS"),
    ("chunked buckets", "GET", "/query?db=db&chunked=true&chunk_size=3&q=SELECT mean(v) FROM cpu WHERE time >= 0 AND time < 50s GROUP BY time(10s)"),
    ("chunked error", "GET", "/query?db=nope&chunked=true&q=SELECT v FROM cpu"),
    ("chunked raw rows, streamed", "GET", "/query?db=db&chunked=true&chunk_size=2&q=SELECT v, n FROM cpu"),
    ("chunked raw rows with a filter", "GET", "/query?db=db&chunked=true&chunk_size=1&q=SELECT * FROM cpu WHERE host = 'a' AND v > 1"),
    ("csv", "GET", Q + "SELECT v, n, s, b FROM cpu GROUP BY host, region; SHOW DATABASES; SHOW TAG KEYS HEADER Accept: application/csv"),
    ("csv epoch", "GET", "/query?db=db&epoch=ms&q=SELECT * FROM mem HEADER Accept: text/csv"),
    ("csv aggregate", "GET", Q + "SELECT count(v), mean(v) FROM cpu HEADER Accept: application/csv"),
    ("csv statement error", "GET", "/query?db=nope&q=SELECT v FROM cpu HEADER Accept: application/csv"),
    ("csv parse error", "GET", Q + "SELEC HEADER Accept: application/csv"),
    ("bound parameters", "GET", '/query?db=db&params={"h":"b","min":3}&q=SELECT v FROM cpu WHERE host = $h AND v > $min'),
    ("bound float and regex", "GET", '/query?db=db&params={"x":2.5,"r":{"regex":"a|c"}}&q=SELECT v FROM cpu WHERE v > $x OR host =~ $r'),
    ("bound boolean", "GET", '/query?db=db&params={"t":true}&q=SELECT b FROM cpu WHERE b = $t'),
    ("bound parameter missing", "GET", Q + "SELECT v FROM cpu WHERE host = $h"),
    ("bound identifier position", "GET", '/query?db=db&params={"m":"cpu"}&q=SELECT v FROM $m'),
    ("bound parameters not JSON", "GET", '/query?db=db&params={"h":&q=SELECT v FROM cpu WHERE host = $h'),
    ("selector with fields and tags", "GET", Q + "SELECT max(v), host, n, region FROM cpu"),
    ("selector with wildcard", "GET", Q + "SELECT min(v), * FROM cpu"),
    ("selector with fields per tag", "GET", Q + "SELECT last(v), n FROM cpu GROUP BY host"),
    ("selector with fields per bucket", "GET", Q + "SELECT first(v), host FROM cpu WHERE time >= 0 AND time < 50s GROUP BY time(20s)"),
    ("selector with fields, fill none", "GET", Q + "SELECT max(n), host FROM cpu WHERE time >= 0 AND time < 50s GROUP BY time(10s) fill(none)"),
    ("selector with fields descending", "GET", Q + "SELECT max(n), host FROM cpu WHERE time >= 0 AND time < 50s GROUP BY time(20s) ORDER BY time DESC"),
    ("selector with fields and limit", "GET", Q + "SELECT max(n), host FROM cpu WHERE time >= 0 AND time < 50s GROUP BY time(10s) LIMIT 2"),
    ("percentile with a tag", "GET", Q + "SELECT percentile(v, 50), host FROM cpu"),
    ("two selectors with a field", "GET", Q + "SELECT max(v), min(v), n FROM cpu"),
    ("aggregate with a field", "GET", Q + "SELECT mean(v), n FROM cpu"),
    ("integral", "GET", Q + "SELECT integral(v) FROM cpu"),
    ("integral with a unit", "GET", Q + "SELECT integral(v, 1ms), integral(n, 10s) FROM cpu"),
    ("integral per bucket", "GET", Q + "SELECT integral(v, 10s) FROM cpu WHERE time >= 0 AND time < 50s GROUP BY time(20s)"),
    ("integral per bucket with gaps", "GET", Q + "SELECT integral(v) FROM cpu WHERE time >= 0 AND time < 50s GROUP BY time(5s)"),
    ("integral per tag", "GET", Q + "SELECT integral(n) FROM cpu GROUP BY region"),
    ("integral in math", "GET", Q + "SELECT integral(used) * 2, integral(free) FROM mem"),
    ("sample of all points", "GET", Q + "SELECT sample(v, 10), host FROM cpu"),
    ("sample per bucket", "GET", Q + "SELECT sample(n, 5) FROM cpu WHERE time >= 0 AND time < 50s GROUP BY time(20s)"),
    ("sample error: size", "GET", Q + "SELECT sample(v, 0) FROM cpu"),
    ("sample error: arguments", "GET", Q + "SELECT sample(v) FROM cpu"),
    ("top", "GET", Q + "SELECT top(v, 2) FROM cpu"),
    ("top with fields", "GET", Q + "SELECT top(v, 3), n, host FROM cpu"),
    ("top per tag value", "GET", Q + "SELECT top(v, host, 2) FROM cpu"),
    ("top grouped by tag", "GET", Q + "SELECT top(n, 1) FROM cpu GROUP BY host"),
    ("top per bucket", "GET", Q + "SELECT top(v, 2) FROM cpu WHERE time >= 0 AND time < 50s GROUP BY time(20s)"),
    ("top descending", "GET", Q + "SELECT top(v, 3) FROM cpu ORDER BY time DESC"),
    ("top more than there are", "GET", Q + "SELECT top(used, 5) FROM mem"),
    ("bottom", "GET", Q + "SELECT bottom(v, 2), host FROM cpu"),
    ("bottom per tag value", "GET", Q + "SELECT bottom(n, host, 3) FROM cpu"),
    ("top with alias", "GET", Q + "SELECT top(v, 1) AS best FROM cpu"),
    ("top error: limit", "GET", Q + "SELECT top(v, 0) FROM cpu"),
    ("top error: arguments", "GET", Q + "SELECT top(v) FROM cpu"),
    ("top error: combined", "GET", Q + "SELECT top(v, 2), max(v) FROM cpu"),
    ("subquery", "GET", Q + "SELECT mean(max) FROM (SELECT max(v) FROM cpu GROUP BY host)"),
    ("subquery with buckets", "GET", Q + "SELECT max(m) FROM (SELECT mean(v) AS m FROM cpu WHERE time >= 0 AND time < 50s GROUP BY time(20s), host)"),
    ("subquery takes the outer time range", "GET", Q + "SELECT sum(m) FROM (SELECT mean(v) AS m FROM cpu GROUP BY time(20s), host) WHERE time >= 0 AND time < 50s GROUP BY time(20s)"),
    ("subquery of raw rows", "GET", Q + "SELECT * FROM (SELECT v, n FROM cpu WHERE host = 'a')"),
    ("subquery keeps its group tags", "GET", Q + "SELECT m FROM (SELECT mean(v) AS m FROM cpu GROUP BY host) GROUP BY host"),
    ("subquery with a tag filter outside", "GET", Q + "SELECT m FROM (SELECT mean(v) AS m FROM cpu GROUP BY host) WHERE host = 'b'"),
    ("subquery of a transformation", "GET", Q + "SELECT mean(d) FROM (SELECT difference(v) AS d FROM cpu)"),
    ("nested subqueries", "GET", Q + "SELECT max(mx) FROM (SELECT max(m) AS mx FROM (SELECT mean(v) AS m FROM cpu GROUP BY host) GROUP BY host)"),
    ("subquery with a field filter outside", "GET", Q + "SELECT v FROM (SELECT v, n FROM cpu) WHERE n > 2"),
    ("a measurement beside a subquery", "GET", Q + "SELECT max(v) FROM cpu, (SELECT v * 10 AS v FROM cpu WHERE host = 'a')"),
    ("raw rows of a measurement and a subquery", "GET", Q + "SELECT v FROM cpu, (SELECT max(v) AS v FROM cpu GROUP BY host) WHERE host = 'b'"),
    ("two transformations", "GET", Q + "SELECT derivative(v), difference(v) FROM cpu"),
    ("transformations of two fields", "GET", Q + "SELECT derivative(v), difference(n) FROM mem"),
    ("transformations of different fields joined on time", "GET", Q + "SELECT difference(used), non_negative_difference(free) FROM mem"),
    ("cumulative sum and moving average", "GET", Q + "SELECT cumulative_sum(v), moving_average(v, 2) FROM cpu"),
    ("transformation with an aggregate", "GET", Q + "SELECT derivative(mean(v)), mean(v) FROM cpu WHERE time >= 0 AND time < 50s GROUP BY time(10s)"),
    ("two transformations of aggregates", "GET", Q + "SELECT derivative(mean(v)), difference(max(n)) FROM cpu WHERE time >= 0 AND time < 50s GROUP BY time(10s)"),
    ("math over a transformation", "GET", Q + "SELECT derivative(v) * 2, abs(difference(v)) FROM cpu"),
    ("transformation with a raw field", "GET", Q + "SELECT derivative(v), n FROM cpu"),
    ("math: arithmetic", "GET", Q + "SELECT v * 2, n / 2, n % 2, v + n, -v, n - 1, 10 - v FROM cpu"),
    ("math: bitwise", "GET", Q + "SELECT n <AMP> 3, n | 8, n ^ 1, b <AMP> true FROM cpu"),
    ("math: by zero", "GET", Q + "SELECT v / 0, n / 0, n % 0, v % 0 FROM cpu"),
    ("math: functions", "GET", Q + "SELECT sqrt(v), pow(v, 2), ln(v), log(v, 10), log2(v), log10(v), exp(n), floor(v), ceil(v), round(v) FROM cpu"),
    ("math: trigonometry", "GET", Q + "SELECT sin(v), cos(v), tan(v), atan(v), atan2(v, n), asin(v), acos(v) FROM cpu"),
    ("math: over aggregates", "GET", Q + "SELECT mean(v) * 2, max(n) - min(n), mean(v) * mean(n) FROM cpu"),
    ("math: over buckets with fill", "GET", Q + "SELECT mean(v) + 1, abs(mean(v)) FROM cpu WHERE time >= 0 AND time < 50 GROUP BY time(10ns) fill(0)"),
    ("math: grouped by tag", "GET", Q + "SELECT mean(v) * mean(n) FROM cpu GROUP BY host"),
    ("math: parentheses and alias", "GET", Q + "SELECT (v + n) / 2 AS avg, v FROM cpu"),
    ("math: rows of any referenced field", "GET", Q + "SELECT used / 1024, free * 2 FROM mem"),
    ("math: with a field filter", "GET", Q + "SELECT floor(free), used * 2 FROM mem WHERE used > 8"),
    ("math: wildcard", "GET", Q + "SELECT ceil(*) FROM mem"),
    ("math: constant only", "GET", Q + "SELECT 1 FROM cpu"),
    ("math: wrong argument count", "GET", Q + "SELECT sqrt(v, 2) FROM cpu"),
    ("math: strings", "GET", Q + "SELECT s + 1, v FROM cpu"),
    ("select field", "GET", Q + "SELECT v FROM cpu"),
    ("select tag filter", "GET", Q + "SELECT v FROM cpu WHERE host = 'b'"),
    ("select regex filter", "GET", Q + "SELECT v FROM cpu WHERE host =~ /a|c/"),
    ("select field filter", "GET", Q + "SELECT v FROM cpu WHERE v > 2"),
    ("select field and tag filter", "GET", Q + "SELECT v, n FROM cpu WHERE v >= 2 AND host != 'b'"),
    ("select or", "GET", Q + "SELECT v FROM cpu WHERE host = 'a' OR host = 'c'"),
    ("select string and bool fields", "GET", Q + "SELECT s, b FROM cpu"),
    ("select string filter", "GET", Q + "SELECT s FROM cpu WHERE s = 'y'"),
    ("select time range", "GET", Q + "SELECT v FROM cpu WHERE time > '1970-01-01T00:00:05Z' AND time <= '1970-01-01 00:00:25'"),
    ("select time integer", "GET", Q + "SELECT v FROM cpu WHERE time >= 10000000000"),
    ("select time now", "GET", Q + "SELECT v FROM cpu WHERE time > now() - 1h"),
    ("select order desc limit", "GET", Q + "SELECT v FROM cpu ORDER BY time DESC LIMIT 3"),
    ("select limit offset", "GET", Q + "SELECT v FROM cpu LIMIT 2 OFFSET 1"),
    ("select slimit", "GET", Q + "SELECT v FROM cpu GROUP BY host SLIMIT 1 SOFFSET 1"),
    ("select duplicate columns", "GET", Q + "SELECT v, v FROM cpu"),
    ("select alias", "GET", Q + "SELECT v AS value FROM cpu"),
    ("select wildcard fields only", "GET", Q + "SELECT *::field FROM cpu"),
    ("select several measurements", "GET", Q + "SELECT * FROM cpu, mem"),
    ("select regex measurements", "GET", Q + "SELECT * FROM /.*/ WHERE host = 'a'"),
    ("select qualified source", "GET", "/query?q=SELECT v FROM db.autogen.cpu"),
    ("select default rp source", "GET", "/query?q=SELECT v FROM db..cpu"),
    ("select empty quoted rp source", "GET", '/query?q=SELECT v FROM "db".""."cpu"'),
    ("select unknown measurement", "GET", Q + "SELECT v FROM nothing"),
    ("count", "GET", Q + "SELECT count(v) FROM cpu"),
    ("count star", "GET", Q + "SELECT count(*) FROM cpu"),
    ("mean and count", "GET", Q + "SELECT mean(v), count(n) FROM cpu"),
    ("sum integers", "GET", Q + "SELECT sum(n) FROM cpu"),
    ("spread median stddev", "GET", Q + "SELECT spread(v), median(v), stddev(v) FROM cpu"),
    ("max selector time", "GET", Q + "SELECT max(v) FROM cpu"),
    ("min by host", "GET", Q + "SELECT min(v) FROM cpu GROUP BY host"),
    ("first group by star", "GET", Q + "SELECT first(v) FROM cpu GROUP BY *"),
    ("last with lower bound", "GET", Q + "SELECT last(v) FROM cpu WHERE time > 5s"),
    ("last star by host", "GET", Q + "SELECT last(*) FROM cpu GROUP BY host"),
    ("percentile", "GET", Q + "SELECT percentile(v, 50) FROM cpu"),
    ("percentile by host", "GET", Q + "SELECT percentile(v, 95) FROM cpu WHERE host =~ /a|b/ GROUP BY host"),
    ("percentile out of range", "GET", Q + "SELECT percentile(v, 1) FROM cpu"),
    ("mode all distinct", "GET", Q + "SELECT mode(v), mode(n) FROM cpu"),
    ("mode strings and booleans", "GET", Q + "SELECT mode(s), mode(b) FROM cpu"),
    ("mode by host", "GET", Q + "SELECT mode(v) FROM cpu GROUP BY host"),
    ("write repeated values", "POST", "/write?db=db&precision=s BODY rep v=1 0\nrep v=2 5\nrep v=1 10\nrep v=2 20\n"
                                      "rep v=3 30\nrep v=3 31\nrep v=3 32\nrep v=4 33\nrep v=4 34\nrep v=4 35"),
    ("mode most frequent", "GET", Q + "SELECT mode(v) FROM rep"),
    ("mode tie", "GET", Q + "SELECT mode(v) FROM rep WHERE time < 25s"),
    ("mode by time", "GET", Q + "SELECT mode(v) FROM rep WHERE time >= 0 AND time < 40s GROUP BY time(10s)"),
    ("distinct", "GET", Q + "SELECT distinct(v) FROM rep"),
    ("distinct in first-seen order", "GET", Q + "SELECT distinct(free) FROM mem"),
    ("distinct keyword", "GET", Q + "SELECT DISTINCT free FROM mem"),
    ("error distinct keyword without field", "GET", Q + "SELECT DISTINCT 1 FROM mem"),
    ("distinct by time", "GET", Q + "SELECT distinct(v) FROM rep WHERE time >= 0 AND time < 40s GROUP BY time(10s)"),
    ("distinct strings by host", "GET", Q + "SELECT distinct(s) FROM cpu GROUP BY host"),
    ("error distinct with another function", "GET", Q + "SELECT distinct(v), mean(v) FROM cpu"),
    ("derivative", "GET", Q + "SELECT derivative(v) FROM cpu"),
    ("derivative per minute by host", "GET", Q + "SELECT derivative(v, 1m) FROM cpu GROUP BY host"),
    ("derivative descending", "GET", Q + "SELECT derivative(v) FROM cpu ORDER BY time DESC"),
    ("non_negative_derivative", "GET", Q + "SELECT non_negative_derivative(v) FROM rep"),
    ("difference of integers", "GET", Q + "SELECT difference(n) FROM cpu"),
    ("difference limit offset", "GET", Q + "SELECT difference(v) AS d FROM rep LIMIT 2 OFFSET 1"),
    ("non_negative_derivative descending limit", "GET", Q + "SELECT non_negative_derivative(v) FROM rep ORDER BY time DESC LIMIT 3"),
    ("non_negative_difference", "GET", Q + "SELECT non_negative_difference(v) FROM rep"),
    ("cumulative_sum", "GET", Q + "SELECT cumulative_sum(v) FROM cpu"),
    ("cumulative_sum of integers by host", "GET", Q + "SELECT cumulative_sum(n) FROM cpu GROUP BY host"),
    ("elapsed", "GET", Q + "SELECT elapsed(v) FROM rep"),
    ("elapsed in seconds of strings", "GET", Q + "SELECT elapsed(s, 1s) FROM cpu"),
    ("moving_average", "GET", Q + "SELECT moving_average(v, 3) FROM rep"),
    ("moving_average by host", "GET", Q + "SELECT moving_average(v, 2) FROM cpu GROUP BY host"),
    ("error moving_average window", "GET", Q + "SELECT moving_average(v, 1) FROM cpu"),
    ("error moving_average arguments", "GET", Q + "SELECT moving_average(v) FROM cpu"),
    ("error cumulative_sum arguments", "GET", Q + "SELECT cumulative_sum(v, 2) FROM cpu"),
    ("derivative of mean by time", "GET", Q + "SELECT derivative(mean(v)) FROM cpu WHERE time >= 0 AND time < 50s GROUP BY time(10s)"),
    ("non_negative_derivative of max per second", "GET",
     Q + "SELECT non_negative_derivative(max(v), 1s) FROM rep WHERE time >= 0 AND time < 40s GROUP BY time(10s)"),
    ("difference of count by host", "GET",
     Q + "SELECT difference(count(v)) FROM cpu WHERE time >= 0 AND time < 50s GROUP BY time(20s), host"),
    ("cumulative_sum of sum", "GET", Q + "SELECT cumulative_sum(sum(n)) FROM cpu WHERE time >= 0 AND time < 50s GROUP BY time(10s)"),
    ("error derivative of aggregate without interval", "GET", Q + "SELECT derivative(mean(v)) FROM cpu"),
    ("error derivative group by time", "GET", Q + "SELECT derivative(v) FROM cpu WHERE time < 1m GROUP BY time(10s)"),
    ("error derivative arguments", "GET", Q + "SELECT derivative(v, 1s, 2) FROM cpu"),
    ("error difference arguments", "GET", Q + "SELECT difference(v, 1s) FROM cpu"),
    ("mean with lower bound", "GET", Q + "SELECT mean(v) FROM cpu WHERE time > 5s"),
    ("group by time", "GET", Q + "SELECT mean(v) FROM cpu WHERE time >= 0 AND time < 50s GROUP BY time(10s)"),
    ("group by time and host", "GET", Q + "SELECT mean(v) FROM cpu WHERE time >= 0 AND time < 30s GROUP BY time(10s), host"),
    ("group by time offset", "GET", Q + "SELECT mean(v) FROM cpu WHERE time >= 5s AND time < 25s GROUP BY time(10s, 5s)"),
    ("fill none", "GET", Q + "SELECT sum(v) FROM cpu WHERE time >= 0 AND time < 60s GROUP BY time(10s) fill(none)"),
    ("fill value", "GET", Q + "SELECT sum(n) FROM cpu WHERE time >= 0 AND time < 60s GROUP BY time(10s) fill(7)"),
    ("fill previous", "GET", Q + "SELECT max(v) FROM cpu WHERE time >= 0 AND time < 60s GROUP BY time(10s) fill(previous)"),
    ("fill linear", "GET", Q + "SELECT mean(v) FROM cpu WHERE time >= 0 AND time < 50s GROUP BY time(10s) fill(linear)"),
    ("count fill null", "GET", Q + "SELECT count(v) FROM cpu WHERE time >= 0 AND time < 60s GROUP BY time(20s)"),
    ("group by time desc", "GET", Q + "SELECT count(v) FROM cpu WHERE time >= 0 AND time < 20s GROUP BY time(10s) ORDER BY time DESC"),
    ("epoch seconds", "GET", Q + "SELECT v FROM cpu&epoch=s"),
    ("epoch ms", "GET", Q + "SELECT v FROM cpu&epoch=ms"),
    ("pretty", "GET", Q + "SHOW MEASUREMENTS&pretty=true"),
    ("several statements", "GET", Q + "SHOW MEASUREMENTS; SELECT count(v) FROM cpu"),
    ("error undefined function", "GET", Q + "SELECT foo(v) FROM cpu"),
    ("error group by without aggregate", "GET", Q + "SELECT v FROM cpu GROUP BY time(1m)"),
    ("error mixing aggregates", "GET", Q + "SELECT mean(v), n FROM cpu"),
    ("error no database", "GET", "/query?q=SELECT v FROM cpu"),
    ("error unknown database", "GET", "/query?db=nope&q=SELECT v FROM cpu"),
    ("error parse", "GET", Q + "SELECT"),
    ("error parse show", "GET", Q + "SHOW FOO"),
    ("error missing q", "GET", "/query?db=db"),
    ("error order by", "GET", Q + "SELECT v FROM cpu ORDER BY v"),
    ("show series limit offset", "GET", Q + "SHOW SERIES LIMIT 2 OFFSET 1"),
    ("show tag keys where", "GET", Q + "SHOW TAG KEYS FROM cpu WHERE host = 'b'"),
    ("show tag values where", "GET", Q + "SHOW TAG VALUES FROM cpu WITH KEY = region WHERE host = 'a'"),
    ("show tag values not equal", "GET", Q + "SHOW TAG VALUES WITH KEY != host"),
    ("show field keys regex source", "GET", Q + "SHOW FIELD KEYS FROM /m.*/"),
    ("show measurements where", "GET", Q + "SHOW MEASUREMENTS WHERE host = 'b'"),
    ("select tag only errors", "GET", Q + "SELECT host FROM cpu"),
    ("select field and tag", "GET", Q + "SELECT v, host, region FROM cpu"),
    ("select wildcard tags only", "GET", Q + "SELECT *::tag, v FROM cpu"),
    ("select regex not match", "GET", Q + "SELECT v FROM cpu WHERE host !~ /a/"),
    ("select missing tag equals empty", "GET", Q + "SELECT v FROM cpu WHERE region = ''"),
    ("select integer field compare", "GET", Q + "SELECT n FROM cpu WHERE n >= 3 AND n < 5"),
    ("select boolean filter", "GET", Q + "SELECT b FROM cpu WHERE b = true"),
    ("select arithmetic condition", "GET", Q + "SELECT v FROM cpu WHERE v * 2 > 5"),
    ("select time equality", "GET", Q + "SELECT v FROM cpu WHERE time = 12s"),
    ("select empty time range", "GET", Q + "SELECT v FROM cpu WHERE time > 100s AND time < 50s"),
    ("count by host and region", "GET", Q + "SELECT count(v) FROM cpu GROUP BY host, region"),
    ("max of integers by time", "GET", Q + "SELECT max(n) FROM cpu WHERE time >= 0 AND time < 40s GROUP BY time(20s)"),
    ("first and last together", "GET", Q + "SELECT first(v), last(v) FROM cpu"),
    ("count of strings", "GET", Q + "SELECT count(s) FROM cpu"),
    ("mean of a tag key", "GET", Q + "SELECT mean(host) FROM cpu"),
    ("alias on aggregate", "GET", Q + "SELECT mean(v) AS avg, max(v) AS top FROM cpu GROUP BY host"),
    ("slimit with aggregate", "GET", Q + "SELECT count(v) FROM cpu GROUP BY host SLIMIT 2"),
    ("limit on buckets", "GET", Q + "SELECT count(v) FROM cpu WHERE time >= 0 AND time < 60s GROUP BY time(10s) LIMIT 2 OFFSET 1"),
    ("create database post", "POST", "/query?q=CREATE DATABASE made"),
    ("create database get warns", "GET", "/query?q=CREATE DATABASE made2"),
    ("create database existing", "POST", "/query?q=CREATE DATABASE db"),
    ("create rp", "POST", "/query?q=CREATE RETENTION POLICY week ON db DURATION 1w REPLICATION 1"),
    ("create rp too short", "POST", "/query?q=CREATE RETENTION POLICY short ON db DURATION 30m REPLICATION 1"),
    ("show rps after create", "GET", Q + "SHOW RETENTION POLICIES"),
    ("alter rp", "POST", "/query?q=ALTER RETENTION POLICY week ON db DURATION 2w"),
    ("show rps after alter", "GET", Q + "SHOW RETENTION POLICIES"),
    ("drop rp", "POST", "/query?q=DROP RETENTION POLICY week ON db"),
    # Cardinalities (before the failed writes below: InfluxDB 1.6.7 indexes the series of a write it refuses): an estimate over the whole database when nothing narrows it, else exact counts per measurement.
    ("cardinality: series", "GET", Q + "SHOW SERIES CARDINALITY; SHOW SERIES EXACT CARDINALITY FROM /^[^d]/; SHOW SERIES CARDINALITY FROM cpu WHERE host = 'a'"),
    ("cardinality: series grouped", "GET", Q + "SHOW SERIES EXACT CARDINALITY FROM cpu, mem GROUP BY host; SHOW SERIES CARDINALITY FROM cpu GROUP BY *"),
    ("cardinality: series in two shards", "GET", Q + "SHOW SERIES EXACT CARDINALITY FROM dst"),
    ("cardinality: measurements", "GET", Q + "SHOW MEASUREMENT CARDINALITY; SHOW MEASUREMENT EXACT CARDINALITY FROM /c.*/; SHOW MEASUREMENT CARDINALITY WHERE host = 'zz'"),
    ("cardinality: tag keys", "GET", Q + "SHOW TAG KEY CARDINALITY; SHOW TAG KEY EXACT CARDINALITY WHERE host = 'a'"),
    ("cardinality: tag values", "GET", Q + "SHOW TAG VALUES CARDINALITY WITH KEY = host; SHOW TAG VALUES EXACT CARDINALITY FROM cpu WITH KEY =~ /.*/; SHOW TAG VALUES CARDINALITY WITH KEY IN (host, region) GROUP BY region"),
    ("cardinality: field keys", "GET", Q + "SHOW FIELD KEY CARDINALITY; SHOW FIELD KEY EXACT CARDINALITY FROM mem"),
    ("cardinality: unknown database", "GET", "/query?q=SHOW SERIES CARDINALITY ON nope; SHOW MEASUREMENT CARDINALITY ON nope; SHOW TAG KEY CARDINALITY ON nope"),
    ("cardinality: parse errors", "GET", Q + "SHOW TAG KEY"),
    ("cardinality: tag values needs with", "GET", Q + "SHOW TAG VALUES EXACT CARDINALITY"),
    ("write bad line", "POST", "/write?db=db BODY m v=oops 1"),
    ("write partial", "POST", "/write?db=db BODY m v=1 1\nm v= 2"),
    ("write type conflict", "POST", "/write?db=db BODY cpu,host=a v=1i 50"),
    ("write conflict within a batch and a bad line", "POST", "/write?db=db BODY cflt v=1 1\ncflt v=2i 2\nbad"),
    ("write no db", "POST", "/write BODY m v=1"),
    ("write unknown db", "POST", "/write?db=nope BODY m v=1"),
    ("write bad precision", "POST", "/write?db=db&precision=x BODY m v=1"),
    ("write ok", "POST", "/write?db=db&precision=s BODY later v=1 100"),
    ("unknown path", "GET", "/nothing/here"),
    ("write wrong method", "GET", "/write?db=db"),
    ("ping", "GET", "/ping"),
    ("ping verbose", "GET", "/ping?verbose=true"),
    ("health", "GET", "/health"),
    ("read back later", "GET", Q + "SELECT * FROM later"),
    # Last, because they add measurements: SELECT INTO.
    ("into: raw", "POST", Q + "SELECT v, n INTO copy FROM cpu"),
    ("into: read back", "GET", Q + "SELECT * FROM copy"),
    ("into: aggregate by tag", "POST", Q + "SELECT mean(v) INTO db.autogen.agg FROM cpu WHERE time >= 0 AND time < 50s GROUP BY time(20s), host"),
    ("into: read aggregate", "GET", Q + "SELECT * FROM agg GROUP BY *"),
    ("into: selector with a tag", "POST", Q + "SELECT max(v), host INTO sel FROM cpu"),
    ("into: read selector", "GET", Q + "SELECT * FROM sel"),
    ("into: unknown database", "POST", Q + "SELECT v INTO nope.autogen.x FROM cpu"),
    ("into: with GET", "GET", Q + "SELECT n INTO copy2 FROM cpu"),
    ("into: back-reference", "POST", Q + "SELECT * INTO db.autogen.:MEASUREMENT FROM /^(disk|mem)$/ GROUP BY *"),
    ("into: back-reference with a policy", "POST", Q + "SELECT total INTO autogen.:MEASUREMENT FROM disk GROUP BY *"),
    ("into: back-reference alone", "POST", Q + "SELECT * INTO :MEASUREMENT FROM disk"),
    ("into: after back-references", "GET", Q + "SELECT * FROM disk, mem GROUP BY *"),
    ("into: measurements now", "GET", Q + "SHOW MEASUREMENTS"),
    # Then the statements that remove data.
    ("drop series", "POST", Q + "DROP SERIES FROM agg WHERE host = 'a'"),
    ("after drop series", "GET", Q + "SELECT * FROM agg GROUP BY *"),
    ("tag values after drop series", "GET", Q + "SHOW TAG VALUES FROM agg WITH KEY = host"),
    ("drop series with time", "POST", Q + "DROP SERIES FROM agg WHERE time > 0"),
    ("delete by time", "POST", Q + "DELETE FROM copy WHERE time < 12s"),
    ("after delete", "GET", Q + "SELECT * FROM copy"),
    ("delete by tag", "POST", Q + "DELETE FROM agg WHERE host = 'b'"),
    ("after delete by tag", "GET", Q + "SHOW SERIES FROM agg"),
    ("tag values after delete by tag", "GET", Q + "SHOW TAG VALUES FROM agg WITH KEY =~ /.*/"),
    ("delete without clauses", "POST", Q + "DELETE"),
    ("drop measurement", "POST", Q + "DROP MEASUREMENT copy2"),
    ("drop unknown measurement", "POST", Q + "DROP MEASUREMENT nope"),
    ("measurements after drops", "GET", Q + "SHOW MEASUREMENTS"),
    ("create database with policy", "POST", "/query?q=CREATE DATABASE other WITH DURATION 2d SHARD DURATION 1h NAME daily"),
    ("its policies", "GET", "/query?q=SHOW RETENTION POLICIES ON other"),
    ("create it again differently", "POST", "/query?q=CREATE DATABASE other WITH DURATION 3d NAME daily"),
    ("drop database", "POST", "/query?q=DROP DATABASE other"),
    ("drop unknown database", "POST", "/query?q=DROP DATABASE nope"),
    ("into writes no empty interval", "POST", Q + "SELECT count(v), max(n) INTO db.autogen.counted FROM cpu WHERE time >= 0 AND time < 60s GROUP BY time(10s), host"),
    ("into written intervals", "GET", Q + "SELECT * FROM counted GROUP BY host"),
    # Continuous queries: stored as InfluxDB prints them (measurements completed), InfluxDB's checks and errors.
    ("cq create", "POST", "/query?q=CREATE CONTINUOUS QUERY cq1 ON db BEGIN SELECT mean(v) INTO m1 FROM cpu GROUP BY time(1h) END"),
    ("cq create resample", "POST", "/query?q=CREATE CONTINUOUS QUERY \"cq-2\" ON db RESAMPLE EVERY 30m FOR 2h BEGIN SELECT max(v) AS mx, count(v) INTO autogen.:MEASUREMENT FROM /c.*/ WHERE host = 'a' GROUP BY time(1h, 15m), * fill(0) END"),
    ("cq create with db parameter", "POST", "/query?db=db&q=CREATE CONTINUOUS QUERY cq3 ON db BEGIN SELECT sum(n) INTO db.autogen.m3 FROM cpu GROUP BY time(10m) tz('America/Chicago') END"),
    ("cq same text again", "POST", "/query?q=CREATE CONTINUOUS QUERY cq1 ON db BEGIN SELECT MEAN(v) INTO m1 FROM cpu GROUP BY time(1h) END"),
    ("cq other text", "POST", "/query?q=CREATE CONTINUOUS QUERY cq1 ON db BEGIN SELECT max(v) INTO m1 FROM cpu GROUP BY time(1h) END"),
    ("cq without group by time", "POST", "/query?q=CREATE CONTINUOUS QUERY cq4 ON db BEGIN SELECT mean(v) INTO m1 FROM cpu END"),
    ("cq without into", "POST", "/query?q=CREATE CONTINUOUS QUERY cq4 ON db BEGIN SELECT mean(v) FROM cpu GROUP BY time(1h) END"),
    ("cq for shorter than interval", "POST", "/query?q=CREATE CONTINUOUS QUERY cq4 ON db RESAMPLE EVERY 2h FOR 1h BEGIN SELECT mean(v) INTO x FROM cpu GROUP BY time(1h) END"),
    ("cq resample without every or for", "POST", "/query?q=CREATE CONTINUOUS QUERY cq4 ON db RESAMPLE BEGIN SELECT mean(v) INTO x FROM cpu GROUP BY time(1h) END"),
    ("cq unknown database", "POST", "/query?q=CREATE CONTINUOUS QUERY cq5 ON nope BEGIN SELECT mean(v) INTO x FROM cpu GROUP BY time(1h) END"),
    ("cq unknown policy", "POST", "/query?q=CREATE CONTINUOUS QUERY cq5 ON db BEGIN SELECT mean(v) INTO x FROM db.nope.cpu GROUP BY time(1h) END"),
    ("cq show", "GET", "/query?q=SHOW CONTINUOUS QUERIES"),
    ("cq drop", "POST", "/query?q=DROP CONTINUOUS QUERY cq1 ON db; DROP CONTINUOUS QUERY nope ON db; SHOW CONTINUOUS QUERIES"),
    # Fields belong to the shards of a retention policy: a field written only to another policy is not this one's.
    ("fields per policy: create", "POST", "/query?q=CREATE RETENTION POLICY other ON db DURATION INF REPLICATION 1"),
    ("fields per policy: write", "POST", "/write?db=db&rp=other&precision=s BODY cpu,host=z only=1 5\nswap,host=z used=2i 6"),
    ("fields per policy: show", "GET", Q + "SHOW FIELD KEYS FROM other.cpu; SHOW FIELD KEYS; SHOW FIELD KEYS FROM other./.*/"),
    ("fields per policy: rp parameter", "GET", "/query?db=db&rp=other&q=SHOW FIELD KEYS"),
    ("fields per policy: select", "GET", Q + "SELECT * FROM other.cpu; SELECT * FROM other./.*/; SELECT * FROM cpu WHERE time < 1s"),
    # Corners found comparing the two (own database, so the cases above keep their data).
    ("corners: create", "POST", "/query?q=CREATE DATABASE corners"),
    ("corners: write", "POST", "/write?db=corners&precision=s BODY tie,host=a v=5,i=1i 100\ntie,host=b v=5,i=1i 100\n"
     "tie,host=c v=3,i=2i 100\ntie,host=a v=9,i=3i 200\ntie,host=b v=9,i=3i 200\n"
     "cast,host=a f=2.7,i=-3i,s=\"x\",b=true 0\ncast,host=b f=-2.7,i=5i,s=\"y\",b=false 1\n"),
    ("corners: selector picks its own point", "GET", QC + "SELECT min(v), host FROM tie; SELECT max(v), host FROM tie WHERE time < 150s"),
    ("corners: first and last on ties", "GET", QC + "SELECT first(v), host FROM tie; SELECT last(v), host FROM tie; "
     "SELECT last(i), host FROM tie WHERE time < 150s; SELECT last(v), host FROM tie WHERE time < 1000s GROUP BY time(1000s)"),
    ("corners: bottom at one time", "GET", QC + "SELECT bottom(v, 3) FROM tie; SELECT top(v, 3), host FROM tie"),
    ("corners: count distinct", "GET", QC + "SELECT count(distinct(v)) FROM tie; "
     "SELECT count(distinct(v)) AS c FROM tie WHERE time < 300s GROUP BY time(100s) fill(7); SELECT count(distinct(v, 2)) FROM tie"),
    ("corners: numeric casts", "GET", QC + "SELECT f::integer, i::float, f::unsigned, i::unsigned FROM cast; SELECT f::integer + 1 FROM cast"),
    ("corners: casts that read nothing", "GET", QC + "SELECT f::string FROM cast; SELECT f::string, i FROM cast; "
     "SELECT s::float, b::integer, i::boolean FROM cast; SELECT host::string, host::field, f::tag, i FROM cast; SELECT host::tag, f FROM cast"),
    ("corners: casts in WHERE", "GET", QC + "SELECT * FROM cast WHERE f::integer = 2; SELECT f FROM cast WHERE host::field = 'a'; "
     "SELECT f FROM cast WHERE host::string =~ /a/; SELECT f FROM cast WHERE host::tag = 'a'"),
    ("corners: wildcard functions by type", "GET", QC + "SELECT mean(*) FROM cast; SELECT max(*) FROM cast; SELECT count(*) FROM cast; "
     "SELECT spread(/f|s|b/) FROM cast; SELECT first(*) AS x FROM cast"),
    ("corners: distinct of a wildcard", "GET", QC + "SELECT distinct(*) FROM cast"),
    ("corners: tag wildcard in a function", "GET", QC + "SELECT mean(*::tag) FROM cast"),
    ("corners: functions of strings and booleans that work", "GET", QC + "SELECT max(b) FROM cast; SELECT elapsed(s) FROM cast; "
     "SELECT count(s), first(b), last(s), mode(s) FROM cast"),
    *[(f"corners: {query}", "GET", QC + query) for query in (
        "SELECT mean(s) FROM cast", "SELECT sum(b) FROM cast", "SELECT derivative(s) FROM cast", "SELECT min(s) FROM cast",
        "SELECT top(s, 1) FROM cast", "SELECT cumulative_sum(b) FROM cast", "SELECT moving_average(s, 2) FROM cast")],
    ("corners: bad regex in FROM", "GET", QC + "SELECT * FROM /[/"),
    ("corners: bad regex in WHERE", "GET", QC + "SELECT f FROM cast WHERE host=~/a(/"),
    ("corners: regex that looks like a comment", "GET", QC + "SHOW TAG VALUES WITH KEY =~ /*/"),
    ("corners: time under OR narrows the range", "GET", QC + "SELECT f FROM cast WHERE time > 0 AND time < 1s OR host = 'a'; "
     "SELECT f FROM cast WHERE host = 'a' OR (time >= 0 AND time < 1s); SELECT f FROM cast WHERE (time > 0)"),
    ("corners: literal conditions", "GET", QC + "SELECT f FROM cast WHERE 1 = 1; SELECT f FROM cast WHERE 1 = 2; "
     "SELECT f FROM cast WHERE 'a' =~ /a/ AND f > 0; SELECT f FROM cast WHERE host = a"),
    *[(f"corners: {query}", "GET", QC + query) for query in ("SELECT f FROM cast WHERE b", "SELECT f FROM cast WHERE 4")],
    ("corners: an error among statements", "GET", QC + "SELECT count(v) FROM tie; SELECT distinct(*) FROM tie; SELECT count(v) FROM tie"),
    ("corners: tags selected in a subquery", "GET", QC + "SELECT mean(f) FROM (SELECT f, host FROM cast) GROUP BY host; "
     "SELECT mean(f) FROM (SELECT * FROM cast) GROUP BY host; SELECT mean(f) FROM (SELECT f, host AS h FROM cast) GROUP BY h"),
    *INDICATOR_CASES,
    ("databases at the end", "GET", "/query?q=SHOW DATABASES"),
]

# Cases compared with a relative tolerance of 1e-12 on numbers: Go computes logarithms and trigonometric functions
# with its own routines, Sundial with the C library's, and the last digit can differ.
NUMERIC_TOLERANCE = {"math: functions", "math: trigonometry"}


def approximately_equal(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, (int, float)) and isinstance(b, (int, float)) and abs(a - b) <= 1e-12 * max(abs(a), abs(b), 1e-300)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(approximately_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(approximately_equal(a[k], b[k]) for k in a)
    return a == b


# Cases where Sundial deliberately answers differently, with the reason.
DIFFERENCES = {
    "indicators: chande_momentum_oscillator of period 1": (
        "InfluxDB's unsmoothed oscillator keeps period − 1 prices and panics when that is none (`index out of range`, "
        "the statement lost); Sundial compares each price with none kept, as with zero",
        200, {"results": [{"statement_id": 0, "series": [{"name": "price", "columns": ["time", "chande_momentum_oscillator"],
              "values": [["1970-01-01T00:00:00Z", 0], ["1970-01-01T00:00:10Z", 100], ["1970-01-01T00:00:20Z", 100]]}]}]},
    ),
    "tag values after delete by tag": (
        "InfluxDB 1.6.7 still lists host=b after DELETE removed every series with it (SHOW SERIES agrees they are gone); "
        "Sundial lists only the values of series that remain",
        200, {"results": [{"statement_id": 0, "series": [{"name": "agg", "columns": ["key", "value"], "values": [["host", "c"]]}]}]},
    ),
    "cardinality: series in two shards": (
        "InfluxDB 1.6 counts a series once per shard holding it (`count(_seriesKey)`); 1.8 counts it once (`count(distinct(_seriesKey))`)",
        200, {"results": [{"statement_id": 0, "series": [{"name": "dst", "columns": ["count"], "values": [[1]]}]}]},
    ),
    "write conflict within a batch and a bad line": (
        "InfluxDB 1.6 refuses a batch whose new field gets two types with a bare `field type conflict`; 1.8 stores the "
        "first and reports the conflict as a partial write, before the line that did not parse",
        400, {"error": 'partial write: field type conflict: input field "v" on measurement "cflt" is type integer, '
              'already exists as type float dropped=1'},
    ),
    "ping verbose": ("InfluxDB 1.6 ignores verbose (204); Sundial answers as 1.8 does", 200, {"version": "1.8.10"}),
    "health": (
        "InfluxDB 1.6 has no /health (404); Sundial serves 1.8's",
        200, {"checks": [], "message": "ready for queries and writes", "name": "influxdb", "status": "pass", "version": "1.8.10"},
    ),
    "integral per tag": (
        "InfluxDB 1.6.7 lists integral()'s series in descending tag order; Sundial keeps ascending order, as for every other function",
        200, {"results": [{"statement_id": 0, "series": [
            {"name": "cpu", "tags": {"region": ""}, "columns": ["time", "integral"], "values": [["1970-01-01T00:00:00Z", 0]]},
            {"name": "cpu", "tags": {"region": "east"}, "columns": ["time", "integral"], "values": [["1970-01-01T00:00:00Z", 45.5]]},
            {"name": "cpu", "tags": {"region": "west"}, "columns": ["time", "integral"], "values": [["1970-01-01T00:00:00Z", 15]]}]}]},
    ),
    "bound parameters not JSON": (
        "Go's JSON decoder says `unexpected EOF`; Sundial names the problem in its own words",
        400, {"error": "error parsing query parameters: not a JSON object of parameters"},
    ),
    "corners: an error among statements": (
        "InfluxDB (1.6.7 and 1.8) sends a failed statement's error and then `not executed` under the same statement id, "
        "and its HTTP handler keeps the later one: the error is lost and the last statement is missing. Sundial keeps the "
        "error and reports each statement after it as not executed",
        200, {"results": [
            {"statement_id": 0, "series": [{"name": "tie", "columns": ["time", "count"], "values": [["1970-01-01T00:00:00Z", 5]]}]},
            {"statement_id": 1, "error": "expected field argument in distinct()"},
            {"statement_id": 2, "error": "not executed"}]},
    ),
    "write bad precision": (
        "InfluxDB 1.6.7 answers 500 with an empty error; Sundial gives 1.8's 400 and names the valid precisions",
        400, {"error": 'invalid precision "x" (use n, u, ms, s, m or h)'},
    ),
}


def test_show_queries_lists_itself(servers):
    influx, sundial = servers
    shapes = []
    for server in (influx.url, sundial.store_url):
        status, body = request(server, "GET", "/query?db=db&q=SHOW QUERIES; SHOW DATABASES")
        series = json.loads(body)["results"][0]["series"][0]
        (qid, query, database, duration, state), = series["values"]
        assert isinstance(qid, int) and re.fullmatch(r"[0-9.]+(ns|µs|ms|s)", duration), body
        shapes.append((status, series["columns"], query, database, state))
    assert shapes[0] == shapes[1]


def request(base: str, method: str, target: str):
    body = None
    headers = {}
    if " HEADER " in target:
        target, header = target.split(" HEADER ", 1)
        name, value = header.split(": ", 1)
        headers[name] = value
    if " BODY " in target:
        target, body = target.split(" BODY ", 1)
        body = body.encode()
    path, _, query = target.partition("?")
    query = urllib.parse.quote(query, safe="=&/<>").replace("<AMP>", "%26")
    req = urllib.request.Request(base + path + ("?" + query if query else ""), data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    from harness.sundial_server import SundialServer

    base = tmp_path_factory.mktemp("compat")
    influx = InfluxDServer(base / "influxd").start()
    sundial = SundialServer(data_dir=base / "sundial-data", log_path=base / "sundial.log").start()
    try:
        for server in (influx.url, sundial.store_url):
            assert request(server, "POST", "/query?q=CREATE DATABASE db")[0] == 200
            for database, precision, lines in SETUP_WRITES:
                assert request(server, "POST", f"/write?db={database}&precision={precision} BODY {lines}")[0] == 204
        yield influx, sundial
    finally:
        sundial.stop()
        influx.stop()


def test_explain_of_several_calls_has_influxdbs_iterators(servers):
    """InfluxDB lists the iterators of several calls in its map's order, which varies: compared as a set."""
    influx, sundial = servers
    target = Q + "EXPLAIN SELECT mean(v), max(n) FROM cpu GROUP BY host"

    def iterators(answer):
        status, body = answer
        assert status == 200, body
        rows = [row[0] for row in json.loads(body)["results"][0]["series"][0]["values"]]
        return sorted("\n".join(rows).split("\n\n"))

    assert iterators(request(sundial.store_url, "GET", target)) == iterators(request(influx.url, "GET", target))


@pytest.mark.parametrize("statement", [
    "EXPLAIN ANALYZE SELECT mean(v) FROM cpu", "EXPLAIN ANALYZE SELECT v, n FROM cpu WHERE host='a'",
    "EXPLAIN ANALYZE SELECT max(n) FROM cpu, mem GROUP BY host", "EXPLAIN ANALYZE SELECT used FROM mem WHERE used > 1 AND time < 1h",
    "EXPLAIN ANALYZE SELECT count(v) FROM cpu WHERE time >= 0 AND time < 1m GROUP BY time(10s)",
    "EXPLAIN ANALYZE SELECT nosuch FROM cpu", "EXPLAIN ANALYZE SELECT * FROM mem",
])
def test_explain_analyze_draws_influxdbs_tree(servers, statement):
    """The same tree, node for node; times differ from run to run, so they are compared as Go durations."""
    def tree(answer):
        status, body = answer
        assert status == 200, body
        result = json.loads(body)["results"][0]
        assert result["series"][0]["columns"] == ["EXPLAIN ANALYZE"], body
        lines = [row[0] for row in result["series"][0]["values"]]
        for line in lines:
            if "_time: " in line:
                assert re.search(r"_time: [0-9.]+(ns|µs|ms|s)$", line), line
        return [re.sub(r"_time: .*", "_time: <duration>", line) for line in lines]

    influx, sundial = servers
    target = Q + statement
    assert tree(request(sundial.store_url, "GET", target)) == tree(request(influx.url, "GET", target))


def test_drop_shard_removes_its_data_as_influxdb_does(servers):
    """One point in an old shard group and one now: dropping the old group's shard leaves the other, on both."""
    for server in (server.url if hasattr(server, "url") else server.store_url for server in servers):
        assert request(server, "POST", "/query?q=CREATE DATABASE dropme")[0] == 200
        assert request(server, "POST", "/write?db=dropme&precision=s BODY m v=1 86400\nm v=2 1700000000")[0] == 204
        shards = json.loads(request(server, "GET", "/query?q=SHOW SHARDS")[1])["results"][0]["series"]
        rows = next(series for series in shards if series["name"] == "dropme")["values"]
        oldest = min(rows, key=lambda row: row[4])  # start_time
        assert request(server, "POST", f"/query?q=DROP SHARD {oldest[0]}") == (200, '{"results":[{"statement_id":0}]}\n')
    influx, sundial = servers
    target = "/query?db=dropme&q=SELECT * FROM m"
    assert request(sundial.store_url, "GET", target) == request(influx.url, "GET", target)


@pytest.mark.parametrize("name,method,target", CASES, ids=[case[0] for case in CASES])
def test_same_answer_as_influxdb(servers, name, method, target):
    influx, sundial = servers
    expected_status, expected_body = request(influx.url, method, target)
    status, body = request(sundial.store_url, method, target)
    if name in DIFFERENCES:
        _, expected_status, expected_json = DIFFERENCES[name]
        assert status == expected_status and json.loads(body) == expected_json, f"{name}: {status} {body}"
        return
    assert status == expected_status, f"{name}: status {status}, InfluxDB {expected_status}; body {body}"
    try:
        expected = json.loads(expected_body) if expected_body.strip() else None
    except json.JSONDecodeError:
        assert body == expected_body, f"{name}:\n sundial  {body!r}\n influxdb {expected_body!r}"
        return
    if expected is None:
        assert body.strip() == ""
    elif name in NUMERIC_TOLERANCE:
        assert approximately_equal(json.loads(body), expected), f"{name}:\n sundial  {body}\n influxdb {expected_body}"
    else:
        assert json.loads(body) == expected, f"{name}:\n sundial  {body}\n influxdb {expected_body}"
