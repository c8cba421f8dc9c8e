"""Alerts reach people: a real stream task goes CRITICAL and then OK, and each handler sends what the real service's
API takes (Kapacitor's payloads, as its own service tests pin them) to a local stand-in: Slack, Microsoft Teams,
Discord and PagerDuty (Events API v2) over HTTP, tcp to a listener, exec to a program; the same kinds as topic
handlers with their options; a service that is off or answers an error is logged, never a crash."""

import json
import os
import subprocess
from urllib.parse import parse_qs
import stat

import requests

from harness.sinks import HTTPSink, TCPSink
from harness.sundial_server import binary_path, write_to_tasks
from harness.waiting import wait_for


def config(sink):
    return f"""
[[slack]]
  enabled = true
  default = true
  workspace = "main"
  url = "{sink.url}/slack"
  token = "xoxb-secret-token"
  channel = "#general"
  username = "kapacitor"
[[slack]]
  enabled = true
  workspace = "other"
  url = "{sink.url}/slack-other"
[teams]
  enabled = true
  channel-url = "{sink.url}/teams"
[[discord]]
  enabled = true
  url = "{sink.url}/discord"
  timestamp = true
  username = "Kapacitor"
[pagerduty2]
  enabled = true
  url = "{sink.url}/pagerduty"
  routing-key = "rk-secret"
"""


def test_a_task_alert_reaches_every_handler_with_the_services_payloads(make_server, tmp_path):
    sink, tcp = HTTPSink(statuses={"/discord": 204}), TCPSink()
    stdin_copy = tmp_path / "exec-stdin.json"
    program = tmp_path / "page.sh"
    deaf = tmp_path / "closes-stdin.sh"  # exits without reading its input
    deaf.write_text("#!/bin/sh\nexec 0<&-\nsleep 0.2\n")
    deaf.chmod(deaf.stat().st_mode | stat.S_IEXEC)
    conf = tmp_path / "sundial.conf"
    conf.write_text(f'[task]\n  alert-exec-programs = ["{program}", "{deaf}"]\n' + config(sink))
    server = make_server(extra_args=["--config", str(conf)]).start()
    program.write_text(f"#!/bin/sh\ncat >> {stdin_copy}\n")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    script = f"""dbrp "db"."rp"
stream
    |from().measurement('cpu')
    |alert()
        .id('cpu:{{{{ index .Tags "host" }}}}')
        .message('{{{{ .ID }}}} is {{{{ .Level }}}}')
        .crit(lambda: "usage_idle" < 10.0)
        .slack().channel('#ops').iconEmoji(':fire:')
        .slack().workspace('other')
        .teams()
        .discord().embedTitle('{{{{ .Level }}}} on {{{{ index .Tags "host" }}}}')
        .pagerDuty2().link('http://dash.example/{{{{ .TaskName }}}}', 'dashboard')
        .tcp('{tcp.address}')
        .exec('{program}', '--quiet')
"""
    answer = requests.post(f"{server.tasks_url}/kapacitor/v1/tasks", json={"id": "cpu_alert", "script": script, "status": "enabled"})
    assert answer.status_code == 200, answer.text
    shell = requests.post(f"{server.tasks_url}/kapacitor/v1/alerts/topics/t/handlers",
                          json={"id": "sh", "kind": "exec", "options": {"prog": "/bin/sh", "args": ["-c", "id"]}})
    assert shell.status_code == 400 and "alert-exec-programs" in shell.json()["error"], "only listed programs run"
    # An event larger than a pipe holds, to a program that closes its input: the write fails (EPIPE), the server lives.
    big = "x" * 200_000
    deaf_script = f"""dbrp "db"."rp"
stream
    |from().measurement('cpu')
    |alert().id('deaf').message('{big}').crit(lambda: "usage_idle" < 10.0).exec('{deaf}')
"""
    assert requests.post(f"{server.tasks_url}/kapacitor/v1/tasks", json={"id": "deaf", "script": deaf_script, "status": "enabled"}).ok
    write_to_tasks(server, "cpu,host=web1 usage_idle=5 1\n")
    write_to_tasks(server, "cpu,host=web1 usage_idle=50 2\n")
    try:
        # Each handler delivers through its own lane: wait for every one of them.
        paths = ("/slack", "/slack-other", "/teams", "/discord", "/pagerduty")
        assert wait_for(lambda: all(len(sink.bodies(path)) == 2 for path in paths) and len(tcp.received) == 2
                        and stdin_copy.exists() and len(stdin_copy.read_text().splitlines()) == 2), sink.requests

        slack = sink.bodies("/slack")
        assert slack[0] == {"attachments": [{"fallback": "cpu:web1 is CRITICAL", "color": "danger", "text": "cpu:web1 is CRITICAL",
                                             "mrkdwn_in": ["text"]}], "channel": "#ops", "icon_emoji": ":fire:", "text": "",
                            "username": "kapacitor"}
        assert slack[1]["attachments"][0]["color"] == "good" and slack[1]["attachments"][0]["text"] == "cpu:web1 is OK"
        slack_headers = next(headers for path, headers, _ in sink.requests if path == "/slack")
        assert slack_headers["Authorization"] == "Bearer xoxb-secret-token"
        other = sink.bodies("/slack-other")
        assert other[0]["channel"] == "" and other[0]["username"] == "kapacitor", "the other workspace, its own settings"

        teams = sink.bodies("/teams")
        assert teams[0] == {"@type": "MessageCard", "@context": "http://schema.org/extensions", "title": "CRITICAL: [cpu:web1]",
                            "text": "cpu:web1 is CRITICAL", "summary": "CRITICAL: [cpu:web1] - cpu:web1 is CRITICAL...",
                            "themeColor": "CC4A31"}
        assert teams[1]["themeColor"] == "34CC25" and teams[1]["title"] == "OK: [cpu:web1]"

        discord = sink.bodies("/discord")
        assert discord[0] == {"avatar_url": "", "username": "Kapacitor", "embeds": [
            {"color": 16342867, "title": "CRITICAL on web1", "description": "cpu:web1 is CRITICAL", "timestamp": "1970-01-01T00:00:01Z"}]}
        assert discord[1]["embeds"][0]["color"] == 8021490

        pagerduty = sink.bodies("/pagerduty")
        first = pagerduty[0]
        assert first["routing_key"] == "rk-secret" and first["event_action"] == "trigger" and first["dedup_key"] == "cpu:web1"
        assert first["payload"]["severity"] == "critical" and first["payload"]["source"] == "web1"
        assert first["payload"]["class"] == "cpu_alert" and first["payload"]["summary"] == "cpu:web1 is CRITICAL"
        assert first["payload"]["timestamp"] == "1970-01-01T00:00:01.000000000Z"
        assert first["links"] == [{"href": "http://dash.example/cpu_alert", "text": "dashboard"}] and first["client"] == "kapacitor"
        assert first["payload"]["custom_details"]["result"]["series"][0]["tags"] == {"host": "web1"}
        assert first["images"] is None and first["client_url"].endswith("/kapacitor/v1")
        assert pagerduty[1]["event_action"] == "resolve" and pagerduty[1]["payload"]["severity"] == "info"
        headers = next(headers for path, headers, _ in sink.requests if path == "/pagerduty")
        assert headers["Accept"] == "application/vnd.pagerduty+json;version=2"

        sent = [json.loads(chunk) for chunk in tcp.received]
        assert all(chunk.endswith(b"\n\n") for chunk in tcp.received), "the JSON, then two newlines, as Kapacitor writes"
        assert [(event["id"], event["level"], event["previousLevel"]) for event in sent] == [
            ("cpu:web1", "CRITICAL", "OK"), ("cpu:web1", "OK", "CRITICAL")]
        executed = [json.loads(line) for line in stdin_copy.read_text().splitlines()]
        assert [event["level"] for event in executed] == ["CRITICAL", "OK"]
        assert requests.get(f"{server.tasks_url}/kapacitor/v1/ping").status_code == 204, "alive after the broken pipe"
        for secret in ("xoxb-secret-token", "rk-secret"):
            assert secret not in server.log()
            assert secret not in requests.get(f"{server.tasks_url}/kapacitor/v1/tasks/cpu_alert").text
    finally:
        sink.stop()
        tcp.stop()


def test_topic_handlers_send_with_their_options_and_failures_are_logged(make_server, tmp_path):
    sink = HTTPSink(statuses={"/teams": 500})
    conf = tmp_path / "sundial.conf"
    conf.write_text(config(sink))
    server = make_server(extra_args=["--config", str(conf)]).start()
    topic = f"{server.tasks_url}/kapacitor/v1/alerts/topics/ops/handlers"
    handlers = [
        {"id": "chat", "kind": "slack", "options": {"workspace": "main", "channel": "#pager", "username": "bot"}},
        {"id": "teams", "kind": "teams", "options": {}},
        {"id": "page", "kind": "pagerduty2", "options": {"routing-key": "topic-key", "links": [{"href": "http://x/{{ .ID }}"}]}},
    ]
    for handler in handlers:
        answer = requests.post(topic, json=handler)
        assert answer.status_code == 200, answer.text
    assert requests.post(topic, json={"id": "bad", "kind": "slack", "options": {"workspace": "nope"}}).status_code == 400
    script = """dbrp "db"."rp"
stream
    |from().measurement('mem')
    |alert().id('mem').crit(lambda: "used" > 90).topic('ops')
"""
    assert requests.post(f"{server.tasks_url}/kapacitor/v1/tasks", json={"id": "mem", "script": script, "status": "enabled"}).ok
    write_to_tasks(server, "mem used=95 1\n")
    try:
        assert wait_for(lambda: sink.bodies("/pagerduty") and sink.bodies("/slack") and sink.bodies("/teams")), sink.requests
        assert sink.bodies("/slack")[0]["channel"] == "#pager" and sink.bodies("/slack")[0]["username"] == "bot"
        page = sink.bodies("/pagerduty")[0]
        assert page["routing_key"] == "topic-key" and page["links"] == [{"href": "http://x/mem", "text": "http://x/mem"}]
        assert wait_for(lambda: "failed to understand Teams response. code: 500" in server.log()), "the refusal is logged"
        assert requests.get(f"{server.tasks_url}/kapacitor/v1/ping").status_code == 204
    finally:
        sink.stop()


def test_telegram_httppost_endpoints_and_global_services(make_server, tmp_path):
    """Telegram's sendMessage, a [[httppost]] endpoint (URL and body templates, its headers, basic auth), and a
    `global` Teams service with `state-changes-only` that every alert node sends through, only on changes."""
    sink = HTTPSink()
    conf = tmp_path / "sundial.conf"
    conf.write_text(f"""
[telegram]
  enabled = true
  url = "{sink.url}/bot"
  token = "TOKEN:AUTH"
  chat-id = "-100"
  parse-mode = "Markdown"
  disable-notification = true
[[httppost]]
  endpoint = "ops"
  url = "{sink.url}/hook/{{{{ .ID }}}}"
  alert-template = "{{{{ .Level }}}}: {{{{ .Message }}}}"
  headers = {{ X-Team = "ops" }}
  basic-auth = {{ username = "hook", password = "hook-secret" }}
[teams]
  enabled = true
  channel-url = "{sink.url}/teams"
  global = true
  state-changes-only = true
""")
    server = make_server(extra_args=["--config", str(conf)]).start()
    script = """dbrp "db"."rp"
stream
    |from().measurement('disk')
    |alert().id('disk').message('disk is {{ .Level }}').crit(lambda: "used" > 90)
        .telegram().disableWebPagePreview()
        .post().endpoint('ops')
"""
    assert requests.post(f"{server.tasks_url}/kapacitor/v1/tasks", json={"id": "disk", "script": script, "status": "enabled"}).ok
    for second, used in ((1, 95), (2, 96), (3, 10)):
        write_to_tasks(server, f"disk used={used} {second}\n")
    try:
        # The global Teams service's state-changes-only makes the whole node send changes only: CRITICAL once, then OK.
        assert wait_for(lambda: len(sink.bodies("/botTOKEN:AUTH/sendMessage")) == 2 and len([r for r in sink.requests
                                                                                      if r[0] == "/hook/disk"]) == 2), sink.requests
        telegram = sink.bodies("/botTOKEN:AUTH/sendMessage")
        assert telegram[0] == {"chat_id": "-100", "text": "disk is CRITICAL", "parse_mode": "Markdown",
                               "disable_web_page_preview": True, "disable_notification": True}
        hooks = [(headers, raw) for path, headers, raw in sink.requests if path == "/hook/disk"]
        assert hooks[0][1] == "CRITICAL: disk is CRITICAL" and hooks[1][1] == "OK: disk is OK"
        headers = hooks[0][0]
        assert headers["X-Team"] == "ops" and headers["Authorization"].startswith("Basic ")
        assert "Content-Type" not in headers, "a templated body has no content type, as Kapacitor sends it"
        assert wait_for(lambda: len(sink.bodies("/teams")) == 2), "global Teams: a node that does not name it sends through it"
        assert [body["themeColor"] for body in sink.bodies("/teams")] == ["CC4A31", "34CC25"]
        assert "hook-secret" not in server.log() and "TOKEN:AUTH" not in server.log()
    finally:
        sink.stop()


def test_config_api_shows_services_with_secrets_redacted_and_service_tests_send(make_server, tmp_path):
    """What Chronograf reads to offer alert endpoints: `/kapacitor/v1/config` in Kapacitor's shape, secrets only as
    whether they are set, and `/kapacitor/v1/service-tests` sending a real test message with the service's answer."""
    sink = HTTPSink()
    conf = tmp_path / "sundial.conf"
    conf.write_text(config(sink))
    server = make_server(extra_args=["--config", str(conf)]).start()
    api = f"{server.tasks_url}/kapacitor/v1"
    try:
        everything = requests.get(f"{api}/config").json()
        assert everything["link"] == {"rel": "self", "href": "/kapacitor/v1/config"}
        assert {"slack", "teams", "discord", "pagerduty2", "telegram"} <= set(everything["sections"])
        main = requests.get(f"{api}/config/slack/main").json()
        assert main["link"]["href"] == "/kapacitor/v1/config/slack/main" and main["redacted"] == ["url", "token"]
        assert main["options"]["url"] is True and main["options"]["token"] is True and main["options"]["channel"] == "#general"
        teams = requests.get(f"{api}/config/teams/").json()
        assert teams["options"]["enabled"] is True and teams["options"]["channel-url"] is True and teams["redacted"] == ["channel-url"]
        slack = requests.get(f"{api}/config/slack").json()
        assert [element["options"]["workspace"] for element in slack["elements"]] == ["main", "other"]
        assert requests.get(f"{api}/config/pagerduty2/").json()["redacted"] == ["routing-key"]
        assert requests.get(f"{api}/config/nope").json()["error"] == "unknown section: nope"
        for secret in ("xoxb-secret-token", "rk-secret", sink.url + "/slack"):
            assert secret not in json.dumps(everything)

        tests = requests.get(f"{api}/service-tests").json()
        names = [service["name"] for service in tests["services"]]
        assert names == sorted(names) and {"slack", "teams", "pagerduty2", "telegram"} <= set(names)
        slack_test = next(service for service in tests["services"] if service["name"] == "slack")
        assert slack_test["options"]["message"] == "test slack message" and slack_test["options"]["workspace"] == "main"
        answer = requests.post(f"{api}/service-tests/slack", json={"channel": "#tests"}).json()
        assert answer == {"success": True, "message": ""}
        assert sink.bodies("/slack")[-1]["channel"] == "#tests" and sink.bodies("/slack")[-1]["attachments"][0]["text"] == "test slack message"
        assert requests.post(f"{api}/service-tests/telegram", json={}).json() == {"success": False, "message": "service is not enabled"}
        sink.statuses["/pagerduty"] = 400
        failed = requests.post(f"{api}/service-tests/pagerduty2", json={}).json()
        assert failed["success"] is False and "code: 400" in failed["message"], failed
        assert requests.post(f"{api}/service-tests/nope", json={}).status_code == 404
        # Teams, Discord and httppost's tests, each from its own kind's declaration.
        assert requests.post(f"{api}/service-tests/teams", json={}).json() == {"success": True, "message": ""}
        assert sink.bodies("/teams")[-1]["title"] == "CRITICAL: [foo/bar/bat]" and sink.bodies("/teams")[-1]["text"] == "test teams message"
        sink.statuses["/discord"] = 204  # Discord's webhooks answer 204
        assert requests.post(f"{api}/service-tests/discord", json={}).json() == {"success": True, "message": ""}
        embed = sink.bodies("/discord")[-1]["embeds"][0]
        assert embed["title"] == "Kapacitor Alert" and embed["description"] == "test discord message"
        posted = requests.post(f"{api}/service-tests/httppost", json={"url": f"{sink.url}/posted", "headers": {"X-T": "1"}}).json()
        assert posted == {"success": True, "message": ""} and len(sink.bodies("/posted")) == 1
        assert next(headers for path, headers, _ in sink.requests if path == "/posted")["X-T"] == "1"
    finally:
        sink.stop()


def test_config_api_changes_reach_running_tasks_and_survive_a_restart(make_server, tmp_path):
    """Chronograf's way of setting endpoints up: `POST /kapacitor/v1/config/slack/` with `set` turns Slack on for a task
    that was already running (no restart), `add` creates a second workspace, the service test reaches it, and after a
    restart the overrides are still applied; secrets never come back in a GET, the task's JSON or the log."""
    sink = HTTPSink()
    server = make_server().start()
    api = f"{server.tasks_url}/kapacitor/v1"
    secret_url, secret_token = f"{sink.url}/hooks/T0-secret-path", "xoxb-override-secret"
    try:
        script = """dbrp "db"."rp"
stream
    |from().measurement('cpu')
    |alert()
        .id('cpu')
        .message('{{ .ID }} is {{ .Level }}')
        .crit(lambda: "usage_idle" < 10.0)
        .slack()
"""
        answer = requests.post(f"{api}/tasks", json={"id": "cpu_alert", "script": script, "status": "enabled"})
        assert answer.status_code == 200, answer.text
        write_to_tasks(server, "cpu usage_idle=5 1\n")
        wait_for(lambda: "service is not enabled" in server.log(), timeout=10)
        assert sink.bodies("/hooks/T0-secret-path") == []

        change = {"set": {"enabled": True, "url": secret_url, "channel": "#ops", "token": secret_token}}
        assert requests.post(f"{api}/config/slack/", json=change).status_code == 204
        write_to_tasks(server, "cpu usage_idle=50 2\n")
        wait_for(lambda: len(sink.bodies("/hooks/T0-secret-path")) == 1, timeout=10)
        delivered = sink.bodies("/hooks/T0-secret-path")[0]
        assert delivered["channel"] == "#ops" and delivered["attachments"][0]["text"] == "cpu is OK"
        headers = next(headers for path, headers, _ in sink.requests if path == "/hooks/T0-secret-path")
        assert headers["Authorization"] == f"Bearer {secret_token}"

        add = {"add": {"workspace": "private", "enabled": True, "url": f"{sink.url}/private"}}
        assert requests.post(f"{api}/config/slack", json=add).status_code == 204
        tested = requests.post(f"{api}/service-tests/slack", json={"workspace": "private", "channel": "#t"}).json()
        assert tested == {"success": True, "message": ""}
        assert sink.bodies("/private")[0]["channel"] == "#t"
        refused = requests.post(f"{api}/config/slack/", json={"set": {"enabled": True, "url": ""}})
        assert refused.status_code == 400 and refused.json()["error"].endswith("failed validation: must specify url")
        assert requests.post(f"{api}/config/slack/", json={"set": {"colour": 1}}).status_code == 400
    finally:
        server.stop()

    server.start()
    try:
        element = requests.get(f"{api}/config/slack/").json()
        assert element["options"]["channel"] == "#ops" and element["options"]["url"] is True and element["options"]["enabled"] is True
        assert [e["options"]["workspace"] for e in requests.get(f"{api}/config/slack").json()["elements"]] == ["", "private"]
        assert requests.post(f"{api}/config/slack", json={"remove": ["private"]}).status_code == 204
        assert [e["options"]["workspace"] for e in requests.get(f"{api}/config/slack").json()["elements"]] == [""]
        shown = requests.get(f"{api}/config").text + requests.get(f"{api}/tasks/cpu_alert").text
        shown += requests.get(f"{api}/service-tests").text
        for secret in (secret_token, "T0-secret-path"):
            assert secret not in shown and secret not in server.log()
    finally:
        server.stop()
        sink.stop()
    # `sundial config` prints what `serve` runs with: the stored override applied, its secrets masked.
    environment = {**os.environ, "SUNDIAL_DATA_DIR": str(server.data_dir)}
    printed = subprocess.run([binary_path(), "config"], env=environment, capture_output=True, text=True, check=True).stdout
    assert "config API override(s) stored in" in printed and 'channel = "#ops"' in printed
    assert secret_token not in printed and "T0-secret-path" not in printed
    (tmp_path / "empty.conf").write_text("")
    checked = subprocess.run([binary_path(), "check-config", str(tmp_path / "empty.conf")], env=environment, capture_output=True, text=True)
    assert checked.returncode == 0 and "change: slack" in checked.stdout, checked.stdout


def test_victorops_pushover_and_opsgenie2_send_kapacitors_payloads(make_server, tmp_path):
    sink = HTTPSink(statuses={"/opsgenie": 202, "/opsgenie/Y3B1OndlYjE=/close": 202})
    conf = tmp_path / "sundial.conf"
    conf.write_text(f"""
[victorops]
  enabled = true
  api-key = "vo-api-key"
  routing-key = "everyone"
  url = "{sink.url}/victorops"
[pushover]
  enabled = true
  token = "po-token"
  user-key = "po-user"
  url = "{sink.url}/pushover"
[opsgenie2]
  enabled = true
  api-key = "og-key"
  url = "{sink.url}/opsgenie"
  recovery_action = "close"
  teams = ["ops"]
""")
    server = make_server(extra_args=["--config", str(conf)]).start()
    script = """dbrp "db"."rp"
stream
    |from().measurement('cpu')
    |alert().id('cpu:{{ index .Tags "host" }}').message('{{ .ID }} is {{ .Level }}').crit(lambda: "usage_idle" < 10.0)
        .victorOps().routingKey('night')
        .pushover().title('CPU').URL('http://dash.example').URLTitle('dashboard').sound('siren')
        .opsGenie2().recipients('alice')
"""
    assert requests.post(f"{server.tasks_url}/kapacitor/v1/tasks", json={"id": "cpu", "script": script, "status": "enabled"}).ok
    write_to_tasks(server, "cpu,host=web1 usage_idle=5 1\n")
    write_to_tasks(server, "cpu,host=web1 usage_idle=50 2\n")
    try:
        assert wait_for(lambda: len(sink.bodies("/victorops/vo-api-key/night")) == 2 and len(sink.requests) >= 6), sink.requests
        victorops = sink.bodies("/victorops/vo-api-key/night")
        assert victorops[0]["message_type"] == "CRITICAL" and victorops[1]["message_type"] == "RECOVERY"
        assert victorops[0]["entity_id"] == "cpu:web1" and victorops[0]["timestamp"] == 1 and victorops[0]["monitoring_tool"] == "kapacitor"
        assert json.loads(victorops[0]["data"])["series"][0]["tags"] == {"host": "web1"}, "data as a JSON string"

        forms = [headers for path, headers, _ in sink.requests if path == "/pushover"]
        assert forms and forms[0]["Content-Type"] == "application/x-www-form-urlencoded"
        # The form is read by the sink as text: parse it.
        pushed = [parse_qs(body) for path, _, body in sink.requests if path == "/pushover"]
        assert pushed[0]["token"] == ["po-token"] and pushed[0]["user"] == ["po-user"] and pushed[0]["priority"] == ["1"]
        assert pushed[0]["title"] == ["CPU"] and pushed[0]["url_title"] == ["dashboard"] and pushed[0]["sound"] == ["siren"]
        assert pushed[1]["priority"] == ["-2"] and pushed[1]["message"] == ["cpu:web1 is OK"]

        opsgenie = sink.bodies("/opsgenie")[0]
        assert opsgenie["alias"] == "Y3B1OndlYjE=" and opsgenie["priority"] == "P1" and opsgenie["entity"] == "cpu:web1"
        assert opsgenie["responders"] == [{"name": "ops", "type": "team"}, {"username": "alice", "type": "user"}]
        assert opsgenie["details"]["host"] == "web1" and opsgenie["details"]["Monitoring Tool"] == "Kapacitor"
        headers = next(headers for path, headers, _ in sink.requests if path == "/opsgenie")
        assert headers["Authorization"] == "GenieKey og-key"
        closed = [body for path, _, body in sink.requests if path.startswith("/opsgenie/Y3B1OndlYjE=/close")]
        assert closed == [{"note": "cpu:web1 is OK"}], sink.requests
        api = f"{server.tasks_url}/kapacitor/v1/service-tests"
        assert requests.post(f"{api}/victorops", json={}).json() == {"success": True, "message": ""}
        assert sink.bodies("/victorops/vo-api-key/everyone")[-1]["entity_id"] == "testEntityID"
        assert requests.post(f"{api}/pushover", json={"title": "T"}).json() == {"success": True, "message": ""}
        tested = parse_qs([body for path, _, body in sink.requests if path == "/pushover"][-1])
        assert tested["message"] == ["test pushover message"] and tested["title"] == ["T"] and tested["user"] == ["po-user"]
        sink.statuses["/opsgenie"] = 200
        refused = requests.post(f"{api}/opsgenie2", json={}).json()
        assert refused["success"] is False and "code: 200" in refused["message"], "OpsGenie takes only 202"
        assert "po-user" not in requests.get(api).text, "no secret in the tests' default options"
    finally:
        sink.stop()


def test_email_reaches_an_smtp_server_as_kapacitor_writes_it(make_server, tmp_path):
    """Python's aiosmtpd as the mail server (AUTH PLAIN on loopback): the message as the subject, the details as a
    quoted-printable HTML body, to the handler's addresses and those its address templates give."""
    import email

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    from harness.sundial_server import free_port

    received, logins = [], []

    class Inbox:
        async def handle_DATA(self, server, session, envelope):
            received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
            return "250 OK"

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((mechanism, auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=auth_data.password == b"mail-secret")

    port = free_port()
    controller = Controller(Inbox(), hostname="127.0.0.1", port=port, authenticator=authenticator, auth_require_tls=False)
    controller.start()
    conf = tmp_path / "sundial.conf"
    conf.write_text(f"""
[smtp]
  enabled = true
  host = "127.0.0.1"
  port = {port}
  username = "kapacitor"
  password = "mail-secret"
  from = "kapacitor@example.com"
  to = ["fallback@example.com"]
""")
    server = make_server(extra_args=["--config", str(conf)]).start()
    script = """dbrp "db"."rp"
stream
    |from().measurement('cpu')
    |alert().id('cpu:{{ index .Tags "host" }}').message('{{ .ID }} is {{ .Level }}')
        .details('<b>usage</b> = {{ index .Fields "usage_idle" }} café')
        .crit(lambda: "usage_idle" < 10.0)
        .email('oncall@example.com').to('backup@example.com').toTemplates('{{ index .Tags "owner" }}@example.com')
"""
    try:
        assert requests.post(f"{server.tasks_url}/kapacitor/v1/tasks", json={"id": "mail", "script": script, "status": "enabled"}).ok
        write_to_tasks(server, "cpu,host=web1,owner=ada usage_idle=5 1\n")
        assert wait_for(lambda: received), server.log()[-2000:]
        sender, recipients, content = received[0]
        assert sender == "kapacitor@example.com"
        assert recipients == ["oncall@example.com", "backup@example.com", "ada@example.com"]
        mail = email.message_from_bytes(content)
        assert mail["Subject"] == "cpu:web1 is CRITICAL" and mail["To"] == "oncall@example.com, backup@example.com, ada@example.com"
        assert mail["Content-Type"] == "text/html; charset=UTF-8" and mail["Content-Transfer-Encoding"] == "quoted-printable"
        assert mail.get_payload(decode=True).decode().rstrip("\r\n") == "<b>usage</b> = 5 café"
        assert logins and logins[0][1:] == ("kapacitor", "mail-secret")
        tested = requests.post(f"{server.tasks_url}/kapacitor/v1/service-tests/smtp", json={"subject": "hi", "body": "there"}).json()
        assert tested == {"success": True, "message": ""}
        assert wait_for(lambda: len(received) == 2) and received[1][1] == ["fallback@example.com"], "the config's address"
        assert "mail-secret" not in server.log()
    finally:
        controller.stop()
