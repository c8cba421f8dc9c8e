"""The web UI's alert pages in headless Chromium: build a threshold rule (its TICKscript shown before saving),
save it as a task on Sundial's tasks service, toggle it, open the relative and deadman forms, and read the alert
history from chronograf.autogen.alerts."""

import time

import requests
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from harness.browser import Page
from harness.sinks import HTTPSink



def choose(page, css, text):
    """Selects an option once it is there; the form redraws as the schema loads, so a stale element is retried."""
    def select(driver):
        try:
            Select(driver.find_element(By.CSS_SELECTOR, css)).select_by_visible_text(text)
            return True
        except (StaleElementReferenceException, NoSuchElementException):
            return False
    page.wait.until(select)


def test_build_a_threshold_rule_and_manage_it(make_server, browser):
    server = make_server().start()
    # Slack configured (the rule builder offers only configured handlers); it points nowhere the test waits for.
    slack = {"set": {"enabled": True, "url": "http://127.0.0.1:9/slack"}}
    assert requests.post(f"{server.tasks_url}/kapacitor/v1/config/slack/", json=slack).status_code == 204
    requests.post(server.store_url + "/query", params={"q": "CREATE DATABASE telegraf"}).raise_for_status()
    requests.post(server.store_url + "/write", params={"db": "telegraf"}, data="cpu,host=a usage_idle=50").raise_for_status()
    page = Page(browser)
    browser.get(server.control_url + "/sources/0/alert-rules")
    page.text_appears("0 Alert Rules", ".panel-heading")
    page.button("+ Build Alert Rule").click()
    page.fill("Name", "CPU idle low")
    choose(page, "#rule-dbrp", "telegraf.autogen")
    choose(page, "#rule-measurement", "cpu")
    choose(page, "#rule-field", "usage_idle")
    page.text_appears("Please enter a value in the Conditions section.", "#rule-tickscript")
    choose(page, "#rule-operator", "less than")
    page.find("#rule-value").send_keys("10")
    page.text_appears('.crit(lambda: "value" < crit)', "#rule-tickscript")
    page.text_appears("var crit = 10", "#rule-tickscript")
    page.text_appears("|mean('usage_idle')", "#rule-tickscript")

    page.button("Add Handler").click()
    page.fill("channel", "#ops")
    page.text_appears(".channel('#ops')", "#rule-tickscript")
    page.button("{{.ID}}").click()
    page.text_appears("var message = '{{.ID}}'", "#rule-tickscript")

    page.button("Save Rule").click()
    page.text_appears("CPU idle low created successfully.", "#notifications")
    page.text_appears("1 Alert Rule", ".panel-heading")
    row = page.find("#alert-rules tbody tr")
    assert [cell.text for cell in row.find_elements(By.TAG_NAME, "td")[:4]] == ["CPU idle low", "threshold", "{{.ID}}", "slack"]
    task_id = row.get_attribute("data-rule")
    task = requests.get(f"{server.tasks_url}/kapacitor/v1/tasks/{task_id}").json()
    assert task["status"] == "enabled" and ".channel('#ops')" in task["script"]

    browser.find_element(By.CSS_SELECTOR, "input[aria-label='Enable CPU idle low']").click()
    page.text_appears("CPU idle low disabled successfully.", "#notifications")
    assert requests.get(f"{server.tasks_url}/kapacitor/v1/tasks/{task_id}").json()["status"] == "disabled"

    page.button("CPU idle low").click()
    page.text_appears("Edit Alert Rule", "h1")
    assert page.field("Name").get_attribute("value") == "CPU idle low"
    page.find("#trigger-relative").click()
    page.text_appears("compared to previous", ".condition")
    page.find("#trigger-deadman").click()
    page.text_appears("Send Alert if Data is missing for", ".condition")
    page.text_appears("|deadman(threshold, period)", "#rule-tickscript")


def test_alert_history_reads_the_alerts_measurement(make_server, browser):
    server = make_server().start()
    page = Page(browser)
    browser.get(server.control_url + "/sources/0/alerts")
    page.text_appears("There are no Alerts to display", "main")
    requests.post(server.store_url + "/query", params={"q": "CREATE DATABASE chronograf"}).raise_for_status()
    now = int(time.time())
    lines = [f"alerts,alertName=CPU\\ high,level=CRITICAL,host=serverA value=97.5 {now - 120}",
             f"alerts,alertName=CPU\\ high,level=OK,host=serverA value=12 {now - 60}"]
    requests.post(server.store_url + "/write", params={"db": "chronograf", "precision": "s"}, data="\n".join(lines)).raise_for_status()
    browser.refresh()
    page.text_appears("2 Alerts", "main h2")
    rows = [[cell.text for cell in row.find_elements(By.TAG_NAME, "td")] for row in browser.find_elements(By.CSS_SELECTOR, "#alert-history tbody tr")]
    assert [(r[0], r[1], r[3], r[4]) for r in rows] == [("CPU high", "OK", "serverA", "12"), ("CPU high", "CRITICAL", "serverA", "97.5")]


def test_a_running_rule_fills_the_history_and_the_kapacitor_events(make_server, browser):
    """A threshold rule runs on Sundial's tasks service: data below the threshold written to the store makes it
    alert; Alert History shows the alert its task wrote to chronograf.autogen.alerts and the event in the
    Kapacitor's topic; the task's page shows its node counters."""
    server = make_server().start()
    requests.post(server.store_url + "/query", params={"q": "CREATE DATABASE telegraf"}).raise_for_status()
    rule = {
        "name": "CPU idle low", "trigger": "threshold", "every": "10s", "message": "{{.ID}} is {{.Level}}",
        "values": {"operator": "less than", "value": "10"},
        "query": {
            "database": "telegraf", "retentionPolicy": "autogen", "measurement": "cpu",
            "fields": [{"value": "mean", "type": "func", "args": [{"value": "usage_idle", "type": "field"}]}],
            "tags": {}, "groupBy": {"time": "10s", "tags": ["host"]}, "areTagsAccepted": True,
        },
        "alertNodes": {},
    }
    created = requests.post(server.control_url + "/chronograf/v1/sources/0/kapacitors/0/rules", json=rule)
    assert created.status_code == 201, created.text
    task_id = created.json()["id"]
    now = int(time.time())
    lines = [f"cpu,host=serverA usage_idle=5 {now - 40 + i}" for i in range(30)]
    requests.post(server.store_url + "/write", params={"db": "telegraf", "precision": "s"}, data="\n".join(lines)).raise_for_status()
    # influxDBOut flushes every 10 s: wait for the alert row in chronograf.autogen.alerts.
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        result = requests.get(server.store_url + "/query", params={"db": "chronograf", "q": "SELECT count(value) FROM alerts"}).json()
        if result["results"][0].get("series"):
            break
        time.sleep(0.5)

    page = Page(browser)
    browser.get(server.control_url + "/sources/0/alerts")
    page.text_appears("CPU idle low", "#alert-history")
    page.text_appears("CRITICAL", "#alert-history")
    page.text_appears("CPU idle low-host=serverA", "#alert-events")
    event = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "#alert-events tbody tr td")]
    assert event[:3] == ["CPU idle low-host=serverA", "CRITICAL", "CPU idle low-host=serverA is CRITICAL"]

    browser.get(server.control_url + f"/sources/0/tickscripts/{task_id}")
    page.text_appears("Throughput:", "main")
    stats = {row.get_attribute("data-node"): [c.text for c in row.find_elements(By.TAG_NAME, "td")]
             for row in browser.find_elements(By.CSS_SELECTOR, "#task-stats tbody tr")}
    assert stats["from1"][1] == "30", stats
    assert any("crits_triggered: 1" in cells[3] for cells in stats.values()), stats
    more = [f"cpu,host=serverA usage_idle=5 {now - 10 + i}" for i in range(5)]
    requests.post(server.store_url + "/write", params={"db": "telegraf", "precision": "s"}, data="\n".join(more)).raise_for_status()
    page.button("Refresh").click()
    page.wait.until(lambda driver: driver.find_element(By.CSS_SELECTOR, "#task-stats tr[data-node='from1'] td:nth-of-type(2)").text == "35")


def test_configure_slack_on_the_endpoints_page_test_it_and_a_rule_delivers(make_server, browser):
    """The seed's next step: on the Kapacitor connection's page, Configure Alert Endpoints, set Slack to a local
    sink, Save, Send Test Alert (the sink gets it and the page says so); the rule builder then offers Slack (and marks
    the handlers that are not configured), and the rule's alerts reach the sink."""
    sink = HTTPSink()
    server = make_server().start()
    try:
        requests.post(server.store_url + "/query", params={"q": "CREATE DATABASE telegraf"}).raise_for_status()
        requests.post(server.store_url + "/write", params={"db": "telegraf"}, data="cpu,host=a usage_idle=50").raise_for_status()
        page = Page(browser)
        browser.get(server.control_url + "/sources/0/kapacitors/0/edit")
        page.text_appears("Configure Alert Endpoints", "#alert-endpoints")
        page.button("Slack").click()
        page.fill("URL", f"{sink.url}/slack")
        page.fill("Channel", "#alerts")
        page.field("Configuration Enabled").click()
        page.button("Save Changes").click()
        page.text_appears("Alert endpoint Slack saved.", "#notifications")
        element = requests.get(f"{server.tasks_url}/kapacitor/v1/config/slack/").json()["options"]
        assert element["enabled"] is True and element["url"] is True and element["channel"] == "#alerts"

        page.button("Send Test Alert").click()
        page.text_appears("Test alert sent to Slack: it was accepted.", ".endpoint-result")
        assert sink.bodies("/slack")[-1]["attachments"][0]["text"] == "test slack message"

        browser.get(server.control_url + "/sources/0/alert-rules")
        page.button("+ Build Alert Rule").click()
        page.fill("Name", "CPU to Slack")
        choose(page, "#rule-dbrp", "telegraf.autogen")
        choose(page, "#rule-measurement", "cpu")
        choose(page, "#rule-field", "usage_idle")
        choose(page, "#rule-operator", "less than")
        page.find("#rule-value").send_keys("10")
        options = {o.text: o.get_attribute("disabled") for o in browser.find_elements(By.CSS_SELECTOR, "#rule-handler-kind option")}
        assert options["slack"] is None and options["pagerDuty2 (not configured)"] == "true" and options["post"] is None, options
        choose(page, "#rule-handler-kind", "slack")
        page.button("Add Handler").click()
        page.text_appears(".slack()", "#rule-tickscript")
        page.button("Save Rule").click()
        page.text_appears("CPU to Slack created successfully.", "#notifications")

        now = int(time.time())
        lines = [f"cpu,host=serverA usage_idle=5 {now - 130 + i}" for i in range(0, 120, 5)]
        requests.post(server.store_url + "/write", params={"db": "telegraf", "precision": "s"}, data="\n".join(lines)).raise_for_status()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and len(sink.bodies("/slack")) < 2:
            time.sleep(0.3)
        alert = sink.bodies("/slack")[-1]
        assert alert["channel"] == "#alerts" and alert["attachments"][0]["color"] == "danger", alert
        assert page.errors() == []
    finally:
        server.stop()
        sink.stop()


def test_alert_history_lists_undelivered_alerts_and_clears_them(make_server, browser, tmp_path):
    """An alert whose endpoint is down past its retry time is a dead letter: Alert History lists it with its handler
    and the endpoint's answer, and Clear empties the list."""
    conf = tmp_path / "sundial.conf"
    # Nothing listens on port 9: each attempt fails at once with the refused connection.
    conf.write_text('[alert-delivery]\n  retry-interval = "50ms"\n  retry-for = "200ms"\n')
    server = make_server(extra_args=["--config", str(conf)]).start()
    api = f"{server.tasks_url}/kapacitor/v1"
    script = """dbrp "db"."rp"
stream
    |from().measurement('cpu')
    |alert().id('cpu').crit(lambda: "usage_idle" < 10.0).post('http://127.0.0.1:9/alerts')
"""
    assert requests.post(f"{api}/tasks", json={"id": "cpu_alert", "script": script, "status": "enabled"}).status_code == 200
    requests.post(f"{api}/write", params={"db": "db", "rp": "rp", "precision": "s"}, data="cpu usage_idle=5 1\n").raise_for_status()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not requests.get(f"{api}/alerts/dead-letters").json()["dead-letters"]:
        time.sleep(0.2)
    page = Page(browser)
    browser.get(server.control_url + "/sources/0/alerts")
    page.text_appears("Undelivered alerts (1)", "main")
    cells = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "#dead-letters tbody tr td")]
    assert cells[:5] == ["cpu", "CRITICAL", "post", "task cpu_alert alert2", cells[4]] and int(cells[4]) >= 1, cells
    assert "127.0.0.1:9" in cells[5] and "refused" in cells[5].lower(), cells
    page.button("Clear").click()
    page.text_appears("Every alert reached its endpoints.", "main")
    assert requests.get(f"{api}/alerts/dead-letters").json()["dead-letters"] == []
    assert page.errors() == []
