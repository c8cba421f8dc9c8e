"""A web page on another site cannot change anything on any service: a form post or a `text/plain` fetch (which
needs no CORS preflight) carrying a foreign `Origin` is refused with 403 on the store, the tasks API and the control
plane, while curl (no `Origin`) and the UI's own pages keep working."""

import subprocess

import requests

EVIL = {"Origin": "http://evil.example", "Content-Type": "text/plain"}


def test_cross_site_writes_are_refused_everywhere(server):
    refused = [
        requests.post(f"{server.store_url}/query", params={"q": "CREATE DATABASE pwned"}, headers=EVIL),
        requests.post(f"{server.tasks_url}/kapacitor/v1/tasks", headers=EVIL,
                      data='{"id":"x","type":"stream","dbrps":[{"db":"a","rp":"b"}],"script":"stream|from()"}'),
        requests.post(f"{server.control_url}/chronograf/v1/sources", headers=EVIL, data='{"url":"http://127.0.0.1:1"}'),
    ]
    assert [answer.status_code for answer in refused] == [403, 403, 403], [answer.text for answer in refused]
    databases = requests.get(f"{server.store_url}/query", params={"q": "SHOW DATABASES"}).json()
    assert "pwned" not in str(databases)
    # The same request from curl, and from a page of the service's own origin, goes through.
    created = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-XPOST",
                              f"{server.store_url}/query?q=CREATE+DATABASE+ok"], capture_output=True, text=True)
    assert created.stdout == "200"
    same = requests.post(f"{server.store_url}/query", params={"q": "CREATE DATABASE ok2"}, headers={"Origin": server.store_url})
    assert same.status_code == 200, same.text
