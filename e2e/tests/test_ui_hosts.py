"""The web UI's Host List and host pages in headless Chromium: three Telegraf-shaped hosts in the embedded store's
telegraf database, listed with status, CPU, load and apps, sorted and filtered; a host's page with a chart per cell
of the layouts its measurements match, for the time range chosen; one app's layouts; a source without a Telegraf
database; and Sundial's built-in layouts served after a canned directory's, whose file of the same id wins."""

import json
import time

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from harness.browser import Page

# Sundial's built-in mem layout (Sources/ControlService/Layouts/03-mem.json), replaced by the user's file of its id.
BUILT_IN_MEM_ID = "339194a3-7baf-4892-86aa-7d9c31095e44"


def telegraf_lines(now: int) -> list:
    """Thirty minutes of a point a minute for alpha and beta; gamma stopped eight minutes ago and runs InfluxDB."""
    hosts = {"alpha": (12.5, 0.5), "beta": (30.0, 1.25), "gamma": (55.0, 3.0)}
    lines = []
    for minute in range(30):
        at = now - 1800 + minute * 60
        for index, (host, (user, load)) in enumerate(hosts.items()):
            if host == "gamma" and minute > 22:
                continue
            lines += [
                f"cpu,cpu=cpu-total,host={host} usage_user={user},usage_system=5,usage_idle={90 - user},usage_iowait=1,usage_steal=0 {at}",
                f"system,host={host} load1={load},load5={load},load15={load},n_cpus=4i,uptime={86400 + minute * 60}i {at}",
                f"mem,host={host} used_percent={40 + index * 10},used={4 << 30},cached={1 << 30},available={8 << 30} {at}",
                f"disk,host={host},path=/ used_percent={60 + index},free={20 << 30} {at}",
            ]
            if host == "gamma":
                lines.append(f"influxdb_httpd,host=gamma queryReq={minute * 30}i,writeReq={minute * 60}i,clientError=0i,serverError=0i {at}")
    return lines


def rows(browser) -> dict:
    """The Host List's rows by host: [status class, CPU, load, apps]."""
    table = {}
    for row in browser.find_elements(By.CSS_SELECTOR, "#hosts-table tbody tr"):
        cells = row.find_elements(By.TAG_NAME, "td")
        status = cells[1].find_element(By.CSS_SELECTOR, ".status-dot").get_attribute("class")
        table[cells[0].text] = ["up" if "status-up" in status else "down", cells[2].text, cells[3].text, cells[4].text]
    return table


def charts_drawn(browser, count: int) -> bool:
    cells = browser.find_elements(By.CSS_SELECTOR, "#host-cells .host-cell")
    return len(cells) == count and all(cell.find_elements(By.CSS_SELECTOR, ".chart canvas") for cell in cells)


def test_host_list_and_host_pages(make_server, browser, tmp_path):
    canned = tmp_path / "canned"
    canned.mkdir()
    mine = {"id": BUILT_IN_MEM_ID, "measurement": "mem", "app": "system", "autoflow": True, "cells": [
        {"x": 0, "y": 0, "w": 4, "h": 4, "i": "mine-1", "name": "My memory",
         "queries": [{"query": 'SELECT mean("used_percent") FROM ":db:".":rp:"."mem"', "label": "%", "groupbys": [], "wheres": []}]}]}
    (canned / "my-mem.json").write_text(json.dumps(mine))
    server = make_server()
    server.env = {"RESOURCES_PATH": str(canned)}
    server.start()
    requests.post(server.store_url + "/query", params={"q": "CREATE DATABASE telegraf"}).raise_for_status()
    write = requests.post(server.store_url + "/write", params={"db": "telegraf", "precision": "s"}, data="\n".join(telegraf_lines(int(time.time()))))
    write.raise_for_status()

    api = server.control_url + "/chronograf/v1"
    cpu = requests.get(api + "/layouts", params={"measurement": "cpu"}).json()["layouts"]
    assert [(layout["measurement"], layout["app"]) for layout in cpu] == [("cpu", "system")], "Sundial's built-in cpu layout"
    assert all(':db:".":rp:"."cpu"' in query["query"] for cell in cpu[0]["cells"] for query in cell["queries"])
    mem = requests.get(api + "/layouts", params={"measurement": "mem"}).json()["layouts"]
    assert [cell["name"] for layout in mem for cell in layout["cells"]] == ["My memory"], "the canned directory's file wins"
    every = requests.get(api + "/layouts").json()["layouts"]
    assert {"cpu", "mem", "disk", "diskio", "system", "net", "processes", "swap"} <= {layout["measurement"] for layout in every}
    alpha_cells = sum(len(layout["cells"]) for layout in every if layout["measurement"] in {"cpu", "system", "mem", "disk"})

    page = Page(browser)
    browser.get(server.control_url + "/sources/0/hosts")
    page.text_appears("3 Hosts", "#hosts-title")
    page.find("#hosts-table")
    assert rows(browser) == {
        "alpha": ["up", "12.50%", "0.50", "system"],
        "beta": ["up", "30.00%", "1.25", "system"],
        "gamma": ["down", "55.00%", "3.00", "influxdb, system"],
    }
    assert browser.find_element(By.ID, "nav-hosts").get_attribute("aria-current") == "page"

    page.button("CPU").click()
    page.button("CPU▲").click()
    page.wait.until(lambda driver: [row.get_attribute("data-host") for row in driver.find_elements(By.CSS_SELECTOR, "#hosts-table tbody tr")] == ["gamma", "beta", "alpha"])
    page.fill("Filter hosts", "influx")
    page.text_appears("1 Host", "#hosts-title")
    assert list(rows(browser)) == ["gamma"]
    page.fill("Filter hosts", "nobody")
    page.text_appears("no hosts that match", ".hosts-content")
    page.fill("Filter hosts", "alp")
    page.wait.until(lambda driver: list(rows(driver)) == ["alpha"])

    page.button("alpha").click()
    page.wait.until(lambda driver: driver.find_element(By.TAG_NAME, "h1").text == "alpha")
    page.wait.until(lambda driver: charts_drawn(driver, alpha_cells))
    page.screenshot_new_page()
    names = [element.text for element in browser.find_elements(By.CSS_SELECTOR, ".host-cell h2")]
    assert "My memory" in names and "CPU busy %" in names and "Load average" in names
    queries = [element.get_attribute("data-query") for element in browser.find_elements(By.CSS_SELECTOR, ".host-cell-body")]
    assert all("\"host\" = 'alpha'" in query and "now() - 1h" in query for query in queries)
    assert any("\"cpu\" = 'cpu-total' GROUP BY time(1m)" in query for query in queries)
    assert any('GROUP BY time(1m), "path"' in query for query in queries)
    legend = browser.find_element(By.XPATH, "//section[.//h2[.='Load average']]//div[contains(@class,'chart-legend')]").text
    assert "system.load1" in legend

    Select(page.find("#host-range")).select_by_visible_text("Past 24h")
    page.wait.until(lambda driver: all("now() - 24h" in element.get_attribute("data-query") and "time(10m)" in element.get_attribute("data-query")
                                       for element in driver.find_elements(By.CSS_SELECTOR, ".host-cell-body")))
    page.wait.until(lambda driver: charts_drawn(driver, alpha_cells))

    Select(page.find("#host-switcher")).select_by_visible_text("gamma")
    page.wait.until(lambda driver: driver.find_element(By.TAG_NAME, "h1").text == "gamma")
    page.wait.until(lambda driver: charts_drawn(driver, alpha_cells + 2))
    page.screenshot_new_page()

    browser.get(server.control_url + "/sources/0/hosts")
    page.find("#hosts-table")
    page.button("influxdb").click()
    page.text_appears("Showing the influxdb layouts only", ".host-app-note")
    page.wait.until(lambda driver: charts_drawn(driver, 2))
    assert all("influxdb_httpd" in element.get_attribute("data-query") for element in browser.find_elements(By.CSS_SELECTOR, ".host-cell-body"))

    created = requests.post(api + "/sources", json={"name": "No Telegraf", "url": server.store_url, "telegraf": "nothere"})
    assert created.status_code == 201, created.text
    browser.get(server.control_url + f"/sources/{created.json()['id']}/hosts")
    page.text_appears("This source has no Telegraf database “nothere”.", "#no-telegraf")
    assert not [entry for entry in page.errors() if entry["source"] != "network"], "no script errors"
