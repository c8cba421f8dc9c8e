"""MessagePack and gzip answers from Debian's InfluxDB 1.6.7 and from Sundial, compared byte for byte.

The Python `influxdb` client asks for MessagePack by default and `requests` always offers gzip, so these are the
bytes most clients actually receive. Only single-tag groupings are used: InfluxDB writes a series' tags in Go's
random map order, which could not be compared as bytes.
"""

import gzip
import io

import urllib.error
import urllib.parse
import urllib.request

import msgpack
import pytest

import test_influxdb_compat

# The same pair of servers, holding the same data, as the JSON comparisons.
servers = test_influxdb_compat.servers

CASES = [
    ("raw rows", "SELECT * FROM cpu WHERE host = 'a'", ""),
    ("one tag", "SELECT v, n FROM cpu GROUP BY host", ""),
    ("aggregates", "SELECT count(v), mean(v), max(n) FROM cpu", ""),
    ("epoch", "SELECT * FROM mem", "&epoch=ms"),
    ("statement error", "SELECT v FROM cpu WHERE host = 'c'; SELECT nope(v) FROM cpu", ""),
    ("parse error", "SELEC", ""),
    ("show", "SHOW TAG KEYS FROM mem; SHOW DATABASES; SHOW RETENTION POLICIES", ""),
    ("empty", "SELECT v FROM nothing", ""),
    ("chunked", "SELECT v FROM cpu GROUP BY host", "&chunked=true&chunk_size=1"),
    ("chunked statements", "SELECT used FROM mem; SELECT total FROM disk", "&chunked=true"),
    ("grouped by time", "SELECT mean(v) FROM cpu WHERE time >= 0 AND time < 40s GROUP BY time(20s) fill(none)", ""),
]


def fetch(base, query, extra, headers):
    target = base + "/query?db=db&q=" + urllib.parse.quote(query) + extra
    request = urllib.request.Request(target, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def decoded(headers, body):
    return gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body


@pytest.mark.parametrize("name,query,extra", CASES, ids=[case[0] for case in CASES])
def test_messagepack_bytes_as_influxdb(servers, name, query, extra):
    influx, sundial = servers
    asked = {"Accept": "application/x-msgpack", "Accept-Encoding": "gzip"}
    status, headers, body = fetch(influx.url, query, extra, asked)
    ours, our_headers, our_body = fetch(sundial.store_url, query, extra, asked)
    assert (ours, our_headers.get("Content-Type")) == (status, headers.get("Content-Type"))
    assert our_headers.get("Content-Encoding") == headers.get("Content-Encoding")
    expected, got = decoded(headers, body), decoded(our_headers, our_body)
    assert got == expected, f"{name}:\n sundial  {list(msgpack.Unpacker(io.BytesIO(got)))}\n influxdb {list(msgpack.Unpacker(io.BytesIO(expected)))}"


# Where 1.6.7 and 1.8 differ, Sundial follows 1.8: the Content-Type Sundial sends instead, and why.
DIFFERENCES = {
    "application/csv": ("application/csv", "InfluxDB 1.6 answers text/csv to both CSV types; 1.8 names the type asked for"),
}


@pytest.mark.parametrize("accept", ["application/json", "text/csv", "application/csv", "*/*", "text/html, application/*"])
def test_gzip_and_content_types_as_influxdb(servers, accept):
    influx, sundial = servers
    asked = {"Accept": accept, "Accept-Encoding": "gzip, deflate"}
    status, headers, body = fetch(influx.url, "SELECT v FROM cpu GROUP BY host", "", asked)
    ours, our_headers, our_body = fetch(sundial.store_url, "SELECT v FROM cpu GROUP BY host", "", asked)
    content_type = DIFFERENCES.get(accept, (headers.get("Content-Type"),))[0]
    assert (ours, our_headers.get("Content-Type"), our_headers.get("Content-Encoding")) == (
        status, content_type, headers.get("Content-Encoding"))
    assert decoded(our_headers, our_body) == decoded(headers, body)
