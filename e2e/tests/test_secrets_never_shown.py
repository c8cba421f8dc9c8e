"""Every secret a configuration and its users give Sundial (shared secrets, passwords, tokens, OAuth client secret,
connection passwords, handler headers) is looked for in everything a client or an operator can see during a run:
every GET answer of the three services, task and topic handler JSON, error messages, `sundial config`, the log and the
process list. None may appear."""

import subprocess
import time

import requests

from harness.fake_oauth import FakeOAuthProvider

SECRETS = {
    "store_shared": "store-shared-s3cret-1", "tasks_shared": "tasks-shared-s3cret-2", "root_pw": "root-pw-s3cret-3",
    "tasks_pw": "tasks-user-s3cret-4", "kap_admin_pw": "kap-admin-s3cret-5", "token_secret": "session-token-s3cret-6",
    "oauth_client": "oauth-client-s3cret-7", "source_pw": "source-pw-s3cret-8", "header": "header-api-key-s3cret-9",
    "url_pw": "url-pw-s3cret-10", "smtp": "smtp-s3cret-11", "v2_token": "v2-operator-token-s3cret-12",
}


def test_no_secret_is_ever_shown(make_server, sundial_binary, tmp_path):
    oauth = FakeOAuthProvider(client_secret=SECRETS["oauth_client"])
    try:
        config = tmp_path / "secrets.conf"
        config.write_text(f"""[store]
  auth-enabled = true
  shared-secret = "{SECRETS['store_shared']}"
[http]
  auth-enabled = true
  shared-secret = "{SECRETS['tasks_shared']}"
[auth]
  enabled = true
  bcrypt-cost = 4
[task]
  store-username = "tasks"
  store-password = "{SECRETS['tasks_pw']}"
  alert-log-directories = ["{tmp_path}"]
[smtp]
  enabled = false
  password = "{SECRETS['smtp']}"
""" + oauth.config(token_secret=SECRETS["token_secret"]))
        server = make_server(extra_args=["--config", str(config)])
        server.start(wait=False)
        seen = []
        # Wait for the store (the others answer 401/403 without credentials).
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{server.store_url}/ping", timeout=1).status_code == 204:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.1)
        store, tasks, control = server.store_url, f"{server.tasks_url}/kapacitor/v1", f"{server.control_url}/chronograf/v1"

        def keep(answer):
            seen.append(f"{answer.status_code} {dict(answer.headers)} {answer.text}")
            return answer

        root = ("root", SECRETS["root_pw"])
        keep(requests.post(f"{store}/query", params={"q": f"CREATE USER root WITH PASSWORD '{SECRETS['root_pw']}' WITH ALL PRIVILEGES"}))
        keep(requests.post(f"{store}/query", params={"q": f"CREATE USER tasks WITH PASSWORD '{SECRETS['tasks_pw']}'"}, auth=root))
        keep(requests.post(f"{store}/query", params={"q": "CREATE DATABASE telegraf"}, auth=root))
        keep(requests.post(f"{store}/api/v2/setup", json={"username": "x", "org": "o", "bucket": "b", "token": SECRETS["v2_token"]}))
        for query in ("SHOW USERS", "SHOW DATABASES", "SHOW SUBSCRIPTIONS", "SHOW GRANTS FOR tasks", "SHOW QUERIES"):
            keep(requests.get(f"{store}/query", params={"q": query}, auth=root))
        keep(requests.get(f"{store}/query", params={"q": "SHOW DATABASES", "u": "root", "p": "wrong-" + SECRETS["root_pw"]}))

        admin = ("admin", SECRETS["kap_admin_pw"])
        keep(requests.post(f"{tasks}/users", json={"name": "admin", "password": SECRETS["kap_admin_pw"], "type": "admin"}))
        handler = {"id": "hook", "kind": "post", "options": {
            "url": f"https://hook:{SECRETS['url_pw']}@127.0.0.1:1/in", "headers": {"X-Api-Key": SECRETS["header"]}}}
        keep(requests.post(f"{tasks}/alerts/topics/cpu/handlers", json=handler, auth=admin))
        # A task's script is shown as written (it is the user's text, edited through the API): secrets belong in
        # topic handlers and configuration, which are never shown.
        script = """dbrp "telegraf"."autogen"
stream
    |from().measurement('cpu')
    |alert().crit(lambda: TRUE).topic('cpu')
"""
        keep(requests.post(f"{tasks}/tasks", json={"id": "cpu", "script": script, "status": "enabled"}, auth=admin))
        for path in ("/tasks", "/tasks/cpu", "/alerts/topics", "/alerts/topics/cpu/handlers", "/alerts/topics/cpu/handlers/hook",
                     "/users", "/users/admin", "/debug/vars"):
            keep(requests.get(f"{tasks}{path}", auth=admin))
        keep(requests.get(f"{tasks}/tasks", auth=("admin", "wrong-" + SECRETS["kap_admin_pw"])))

        for path in ("/", "/sources", "/me", "/env"):
            keep(requests.get(f"{control}{path}"))
        log = server.log()
        printed = subprocess.run([sundial_binary, "config", "--config", str(config)], capture_output=True, text=True).stdout
        checked = subprocess.run([sundial_binary, "check-config", str(config)], capture_output=True, text=True)
        processes = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
        everything = "\n".join(seen + [log, printed, checked.stdout, checked.stderr, processes])
        assert seen and "403" in everything
        leaked = [name for name, secret in SECRETS.items() if secret in everything]
        assert not leaked, leaked
    finally:
        oauth.stop()
