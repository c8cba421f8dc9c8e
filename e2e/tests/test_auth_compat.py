"""InfluxDB 1.x authentication and users, side by side: the same steps, in order, against Debian's InfluxDB 1.6.7
and Sundial, both with auth enabled; every answer compared (status and JSON).

The steps build on each other (the first admin, then users, grants, password changes), so they run as one
sequence; a failure names the step.
"""

import base64
import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

from harness.influxd_server import InfluxDServer

ROOT = ("root", "rootpw")
BOB = ("bob", "bobpw")

# (name, method, path with query, credentials or None, body or None)
STEPS = [
    ("bootstrap: query before any admin", "GET", "/query?q=SHOW DATABASES", None, None),
    ("bootstrap: write before any admin", "POST", "/write?db=db", None, "m v=1"),
    ("bootstrap: a non-admin user first", "POST", "/query?q=CREATE USER x WITH PASSWORD 'x'", None, None),
    ("bootstrap: the first admin", "POST", "/query?q=CREATE USER root WITH PASSWORD 'rootpw' WITH ALL PRIVILEGES", None, None),
    ("no credentials", "GET", "/query?q=SHOW DATABASES", None, None),
    ("wrong password", "GET", "/query?q=SHOW DATABASES", ("root", "nope"), None),
    ("unknown user", "GET", "/query?q=SHOW DATABASES", ("nobody", "nope"), None),
    ("u and p parameters", "GET", "/query?q=SHOW USERS&u=root&p=rootpw", None, None),
    ("only u", "GET", "/query?q=SHOW USERS&u=root", None, None),
    ("create database", "POST", "/query?q=CREATE DATABASE db", ROOT, None),
    ("create database other", "POST", "/query?q=CREATE DATABASE other", ROOT, None),
    ("admin writes", "POST", "/write?db=db", ROOT, "cpu,host=a v=1 10\ncpu,host=b v=2 20"),
    ("create bob", "POST", "/query?q=CREATE USER bob WITH PASSWORD 'bobpw'", ROOT, None),
    ("create bob again, same password", "POST", "/query?q=CREATE USER bob WITH PASSWORD 'bobpw'", ROOT, None),
    ("create bob again, other password", "POST", "/query?q=CREATE USER bob WITH PASSWORD 'other'", ROOT, None),
    ("show users", "GET", "/query?q=SHOW USERS", ROOT, None),
    ("show grants, none", "GET", "/query?q=SHOW GRANTS FOR bob", ROOT, None),
    ("show grants, unknown user", "GET", "/query?q=SHOW GRANTS FOR nobody", ROOT, None),
    ("grant read", "POST", "/query?q=GRANT READ ON db TO bob", ROOT, None),
    ("grant on unknown database", "POST", "/query?q=GRANT READ ON nope TO bob", ROOT, None),
    ("grant to unknown user", "POST", "/query?q=GRANT READ ON db TO nobody", ROOT, None),
    ("show grants, read", "GET", "/query?q=SHOW GRANTS FOR bob", ROOT, None),
    ("bob selects", "GET", "/query?db=db&q=SELECT v FROM cpu", BOB, None),
    ("bob selects from a database he may not read", "GET",
     "/query?db=other&q=SELECT mean(v) AS m FROM cpu WHERE v > 2.5 AND host = 'a' AND time > now() - 1h "
     "GROUP BY time(10s), host fill(none) LIMIT 2", BOB, None),
    ("bob selects across databases", "GET", "/query?db=db&q=SELECT v, n::integer FROM other.autogen.cpu, /c.*/ WHERE h =~ /a\\/b/",
     BOB, None),
    ("bob selects with an integer comparison", "GET", "/query?db=other&q=SELECT * FROM cpu WHERE v > 2 ORDER BY time DESC", BOB, None),
    ("bob shows databases", "GET", "/query?q=SHOW DATABASES", BOB, None),
    ("bob shows measurements", "GET", "/query?db=db&q=SHOW MEASUREMENTS", BOB, None),
    ("bob shows users", "GET", "/query?q=SHOW USERS", BOB, None),
    ("bob creates a database", "POST", "/query?q=CREATE DATABASE x", BOB, None),
    ("bob drops a measurement", "POST", "/query?db=db&q=DROP MEASUREMENT cpu", BOB, None),
    ("bob deletes", "POST", "/query?db=db&q=DELETE FROM cpu", BOB, None),
    ("bob drops series", "POST", "/query?db=db&q=DROP SERIES FROM cpu", BOB, None),
    ("bob creates a user", "POST", "/query?q=CREATE USER eve WITH PASSWORD 'e'", BOB, None),
    ("bob sets a password", "POST", "/query?q=SET PASSWORD FOR bob = 'x'", BOB, None),
    ("bob writes without grant", "POST", "/write?db=db", BOB, "cpu,host=c v=3 30"),
    ("bob writes to unknown database", "POST", "/write?db=nope", BOB, "cpu,host=c v=3 30"),
    ("grant write", "POST", "/query?q=GRANT WRITE ON db TO bob", ROOT, None),
    ("show grants, all", "GET", "/query?q=SHOW GRANTS FOR bob", ROOT, None),
    ("bob writes with grant", "POST", "/write?db=db", BOB, "cpu,host=c v=3 30"),
    ("bob reads his write", "GET", "/query?db=db&q=SELECT v FROM cpu", BOB, None),
    ("revoke read", "POST", "/query?q=REVOKE READ ON db FROM bob", ROOT, None),
    ("show grants, write left", "GET", "/query?q=SHOW GRANTS FOR bob", ROOT, None),
    ("bob shows databases, write only", "GET", "/query?q=SHOW DATABASES", BOB, None),
    ("revoke all", "POST", "/query?q=REVOKE ALL ON db FROM bob", ROOT, None),
    ("show grants, no privileges", "GET", "/query?q=SHOW GRANTS FOR bob", ROOT, None),
    ("bob shows databases, none", "GET", "/query?q=SHOW DATABASES", BOB, None),
    ("set bob's password", "POST", "/query?q=SET PASSWORD FOR bob = 'newpw'", ROOT, None),
    ("bob's old password", "GET", "/query?q=SHOW DATABASES", BOB, None),
    ("bob's new password", "GET", "/query?q=SHOW DATABASES", ("bob", "newpw"), None),
    ("set password, unknown user", "POST", "/query?q=SET PASSWORD FOR nobody = 'x'", ROOT, None),
    ("make bob admin", "POST", "/query?q=GRANT ALL PRIVILEGES TO bob", ROOT, None),
    ("show users, two admins", "GET", "/query?q=SHOW USERS", ROOT, None),
    ("bob creates a database as admin", "POST", "/query?q=CREATE DATABASE made_by_bob", ("bob", "newpw"), None),
    ("revoke admin", "POST", "/query?q=REVOKE ALL PRIVILEGES FROM bob", ROOT, None),
    ("grant admin to unknown user", "POST", "/query?q=GRANT ALL TO nobody", ROOT, None),
    ("parse error: grant", "POST", "/query?q=GRANT READ TO bob", ROOT, None),
    ("parse error: revoke", "POST", "/query?q=REVOKE ALL PRIVILEGES bob", ROOT, None),
    ("parse error: create user", "POST", "/query?q=CREATE USER z WITH PASSWORD z", ROOT, None),
    ("parse error: set password", "POST", "/query?q=SET PASSWORD FOR bob 'x'", ROOT, None),
    ("several statements, second denied", "POST", "/query?db=db&q=SHOW MEASUREMENTS; CREATE DATABASE y", ("bob", "newpw"), None),
    ("drop user", "POST", "/query?q=DROP USER bob", ROOT, None),
    ("drop unknown user", "POST", "/query?q=DROP USER bob", ROOT, None),
    ("dropped user", "GET", "/query?q=SHOW DATABASES", ("bob", "newpw"), None),
    ("show users at the end", "GET", "/query?q=SHOW USERS", ROOT, None),
    ("create user with empty name", "POST", '/query?q=CREATE USER "" WITH PASSWORD \'x\'', ROOT, None),
]


def send(base: str, method: str, target: str, credentials, body):
    path, _, query = target.partition("?")
    query = urllib.parse.quote(query, safe="=&/")
    request = urllib.request.Request(base + path + ("?" + query if query else ""), data=body.encode() if body else None, method=method)
    if credentials:
        token = base64.b64encode(f"{credentials[0]}:{credentials[1]}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    from harness.sundial_server import SundialServer

    base = tmp_path_factory.mktemp("auth")
    config = base / "sundial.conf"
    config.write_text("[store]\n  auth-enabled = true\n")
    influx = InfluxDServer(base / "influxd", auth_enabled=True).start()
    sundial = SundialServer(data_dir=base / "sundial-data", log_path=base / "sundial.log", extra_args=["--config", str(config)])
    sundial.start()
    try:
        yield influx, sundial
    finally:
        sundial.stop()
        influx.stop()


def test_the_same_answers_as_influxdb_step_by_step(servers):
    influx, sundial = servers
    mismatches = []
    for name, method, target, credentials, body in STEPS:
        expected_status, expected_body, expected_headers = send(influx.url, method, target, credentials, body)
        status, text, headers = send(sundial.store_url, method, target, credentials, body)
        expected = json.loads(expected_body) if expected_body.strip() else None
        actual = json.loads(text) if text.strip() else None
        if (status, actual) != (expected_status, expected):
            mismatches.append(f"{name}:\n  sundial  {status} {text.strip()}\n  influxdb {expected_status} {expected_body.strip()}")
        if expected_status == 401:
            assert headers.get("WWW-Authenticate") == expected_headers.get("WWW-Authenticate"), name
    assert not mismatches, "\n".join(mismatches)


def test_passwords_never_reach_the_log_or_the_data_directory(servers):
    _, sundial = servers
    log = sundial.log_path.read_text()
    assert "rootpw" not in log and "bobpw" not in log and "newpw" not in log
    access = (sundial.data_dir / "store" / "access.json").read_text()
    assert "rootpw" not in access and "newpw" not in access
