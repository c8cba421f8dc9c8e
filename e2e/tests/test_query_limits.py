"""A long query stopped as InfluxDB stops one: `KILL QUERY` of the id `SHOW QUERIES` lists answers it with
`query interrupted`, and `[store] query-timeout` with `query-timeout limit exceeded`; the server goes on serving."""

import json
import threading
import time
import urllib.parse
import urllib.request

LONG = "SELECT count(*) FROM (SELECT * FROM m)"


def query(server, text, method="GET"):
    target = server.store_url + "/query?" + urllib.parse.urlencode({"db": "k", "q": text})
    with urllib.request.urlopen(urllib.request.Request(target, method=method), timeout=120) as answer:
        return json.load(answer)["results"]


def fill(server):
    query(server, "CREATE DATABASE k", method="POST")
    lines = "\n".join(f"m,s={i % 100} v={i} {i}000000" for i in range(300_000)).encode()
    urllib.request.urlopen(urllib.request.Request(server.store_url + "/write?db=k", data=lines), timeout=120).read()


def test_kill_query_interrupts_a_long_one(make_server):
    server = make_server().start()
    fill(server)
    answers = []
    worker = threading.Thread(target=lambda: answers.append(query(server, LONG)))
    started = time.monotonic()
    worker.start()
    query_id = None
    while query_id is None and time.monotonic() - started < 30:
        for row in query(server, "SHOW QUERIES")[0]["series"][0]["values"]:
            if row[1] == LONG:
                query_id = row[0]
        time.sleep(0.02)
    assert query_id is not None, "the long query never showed in SHOW QUERIES"
    assert query(server, f"KILL QUERY {query_id}", method="POST") == [{"statement_id": 0}]
    worker.join(timeout=60)
    assert answers == [[{"statement_id": 0, "error": "query interrupted"}]]
    assert query(server, "SELECT count(v) FROM m")[0]["series"][0]["values"] == [["1970-01-01T00:00:00Z", 300_000]]


def test_query_timeout_stops_a_long_one(make_server, tmp_path):
    config = tmp_path / "sundial.conf"
    config.write_text('[store]\nquery-timeout = "200ms"\n')
    server = make_server(extra_args=["--config", str(config)]).start()
    fill(server)
    assert query(server, LONG) == [{"statement_id": 0, "error": "query-timeout limit exceeded"}]
    assert query(server, "SELECT count(v) FROM m WHERE s = '7'")[0]["series"][0]["values"] == [["1970-01-01T00:00:00Z", 3000]]
