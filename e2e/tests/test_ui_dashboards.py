"""The dashboards UI in headless Chromium over Telegraf-shaped data in the embedded store: a dashboard made from
scratch (rename, a tagValues variable, a line cell and a single-stat cell written in the cell editor), a host picked
from the variable changing what the cells show, a zoom by dragging across a graph, an absolute time range, an
annotation, export and re-import; and the time a 12-cell dashboard over 24 hours of 100 hosts takes to draw."""

import json
import os
import time

import requests
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from harness.browser import Page

LINE = 'SELECT mean("usage_user") FROM "telegraf"."autogen"."cpu" WHERE time > :dashboardTime: AND "host" = :host: GROUP BY time(:interval:)'
STAT = 'SELECT last("usage_user") FROM "telegraf"."autogen"."cpu" WHERE time > :dashboardTime: AND "host" = :host:'


def write_telegraf(server, hosts, minutes, step=10):
    requests.post(server.store_url + "/query", params={"q": "CREATE DATABASE telegraf"}).raise_for_status()
    now = int(time.time())
    batch = []
    for index, host in enumerate(hosts):
        for second in range(0, minutes * 60, step):
            at = now - minutes * 60 + second
            batch.append(f"cpu,host={host},cpu=cpu-total usage_user={10 + index * 30 + second % 7},usage_system={5 + index} {at}")
            batch.append(f"mem,host={host} used_percent={40 + index},available={1000 + second} {at}")
            if len(batch) >= 50000:
                requests.post(server.store_url + "/write", params={"db": "telegraf", "precision": "s"}, data="\n".join(batch)).raise_for_status()
                batch = []
    if batch:
        requests.post(server.store_url + "/write", params={"db": "telegraf", "precision": "s"}, data="\n".join(batch)).raise_for_status()


def add_cell(page, browser, name, query, kind):
    page.button("+ Add Cell").click()
    page.find("dialog.cell-editor[open]")
    box = page.find("dialog.cell-editor #query-text")
    box.send_keys(query)
    page.fill("Cell Name", name)
    Select(page.field("Visualization Type")).select_by_visible_text(kind)
    page.dialog_button("Save").click()
    page.wait.until(lambda driver: not driver.find_elements(By.CSS_SELECTOR, "dialog.cell-editor"))
    page.wait.until(lambda driver: name in driver.execute_script(
        "return [...document.querySelectorAll('.dashboard-cell .cell-name')].map((cell) => cell.textContent)"))


def single_stat(browser):
    return browser.execute_script("const stat = document.querySelector('.single-stat'); return stat ? stat.textContent : ''")


def options(browser, css):
    """A select's option texts, read in one go (the page redraws selects as variables resolve)."""
    return browser.execute_script("return [...document.querySelectorAll(arguments[0] + ' option')].map((o) => o.textContent)", css)


def test_a_dashboard_from_scratch(make_server, browser, tmp_path):
    server = make_server().start()
    write_telegraf(server, ["web-a", "web-b"], minutes=60)
    page = Page(browser)
    browser.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    browser.get(server.control_url + "/sources/0/dashboards")
    page.text_appears("Looks like you don't have any dashboards")
    page.button("+ Create Dashboard").click()
    page.text_appears("Name This Dashboard", ".dashboard-name")
    page.button("Rename").click()
    name = page.find("#dashboard-name")
    name.send_keys(Keys.CONTROL, "a")
    name.send_keys("Telegraf")
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    page.text_appears("Telegraf", ".dashboard-name")

    page.button("Variables").click()
    page.dialog_button("+ Add Variable").click()
    page.fill("Name", "host")
    page.fill("Database", "telegraf")
    page.fill("Measurement", "cpu")
    page.fill("Tag Key", "host")
    page.dialog_button("Save Variables").click()
    page.wait.until(lambda driver: options(driver, "#variable-choice-0") == ["web-a", "web-b"])

    add_cell(page, browser, "CPU", LINE, "Line Graph")
    add_cell(page, browser, "Last CPU", STAT, "Single Stat")
    page.find(".dashboard-cell .cell-graph canvas")
    page.wait.until(lambda driver: single_stat(driver) not in ("", "No Results"))
    first = float(single_stat(browser))
    assert 10 <= first <= 16, "web-a's values"
    stored = requests.get(server.control_url + "/chronograf/v1/dashboards").json()["dashboards"][0]
    assert [cell["name"] for cell in stored["cells"]] == ["CPU", "Last CPU"]
    assert stored["cells"][1]["type"] == "single-stat" and stored["templates"][0]["tempVar"] == ":host:"

    Select(page.find("#variable-choice-0")).select_by_visible_text("web-b")
    page.wait.until(lambda driver: single_stat(driver) not in ("", "No Results") and float(single_stat(driver)) >= 40)
    assert "tv.host=web-b" in browser.current_url

    canvas = browser.find_elements(By.CSS_SELECTOR, ".dashboard-cell .cell-graph canvas")[-1]
    ActionChains(browser).move_to_element_with_offset(canvas, -100, 0).click_and_hold().move_by_offset(120, 0).release().perform()
    page.wait.until(lambda driver: "upper=" in driver.current_url)
    assert Select(page.find("#time-range")).first_selected_option.text == "Custom…"

    Select(page.find("#time-range")).select_by_visible_text("Past 1h")
    page.wait.until(lambda driver: "upper=" not in driver.current_url)
    Select(page.find("#time-range")).select_by_visible_text("Custom…")
    start = time.strftime("%Y-%m-%dT%H:%M", time.localtime(time.time() - 1800))
    end = time.strftime("%Y-%m-%dT%H:%M", time.localtime(time.time() - 600))
    for field, value in (("#range-from", start), ("#range-to", end)):
        browser.execute_script("arguments[0].value = arguments[1]", page.find(field), value)
    page.button("Apply Time Range").click()
    page.wait.until(lambda driver: "upper=" in driver.current_url and "lower=" in driver.current_url)

    page.button("Annotate").click()
    canvas = browser.find_elements(By.CSS_SELECTOR, ".dashboard-cell .cell-graph canvas")[-1]
    ActionChains(browser).move_to_element(canvas).click().perform()
    page.find("dialog[open] #annotation-text").send_keys("deploy v2")
    page.dialog_button("Add Annotation").click()
    since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 7200))

    def annotation_texts(_=None):
        listed = requests.get(server.control_url + "/chronograf/v1/sources/0/annotations", params={"since": since}).json()["annotations"]
        return [annotation["text"] for annotation in listed]
    page.wait.until(lambda driver: annotation_texts() == ["deploy v2"])
    page.wait.until(lambda driver: not driver.find_elements(By.CSS_SELECTOR, "dialog[open]"))
    # The annotation is drawn where it was placed: a click there opens it for editing.
    page.find(".dashboard-cell .cell-graph canvas")
    time.sleep(0.5)
    canvas = browser.find_elements(By.CSS_SELECTOR, ".dashboard-cell .cell-graph canvas")[-1]
    ActionChains(browser).move_to_element(canvas).click().perform()
    text = page.find("dialog[open] #annotation-text")
    assert text.get_attribute("value") == "deploy v2"
    text.send_keys(Keys.CONTROL, "a")
    text.send_keys("deploy v3")
    page.dialog_button("Save Annotation").click()
    page.wait.until(lambda driver: annotation_texts() == ["deploy v3"])

    page.button("Export").click()
    exported_path = tmp_path / "Telegraf.json"
    page.wait.until(lambda driver: exported_path.exists() and exported_path.stat().st_size > 0)
    exported = json.loads(exported_path.read_text())
    assert exported["dashboard"]["name"] == "Telegraf" and len(exported["dashboard"]["cells"]) == 2

    browser.get(server.control_url + "/sources/0/dashboards")
    page.button("Import Dashboard").click()
    browser.execute_script("arguments[0].value = arguments[1]", page.find("#import-json"), exported_path.read_text())
    page.dialog_button("Upload Dashboard").click()
    page.text_appears("Telegraf", ".dashboard-name")
    dashboards = requests.get(server.control_url + "/chronograf/v1/dashboards").json()["dashboards"]
    assert len(dashboards) == 2
    assert [c["queries"][0]["query"] for c in dashboards[1]["cells"]] == [c["queries"][0]["query"] for c in dashboards[0]["cells"]]
    page.find(".dashboard-cell .cell-graph canvas")

    browser.get(server.control_url + "/sources/0/dashboards")
    page.find("button[aria-label='Clone Telegraf']").click()
    page.text_appears("Telegraf (clone)", "#dashboards")
    page.find("button[aria-label='Delete Telegraf (clone)']").click()
    page.dialog_button("Delete").click()
    page.wait.until(lambda driver: [d["name"] for d in requests.get(server.control_url + "/chronograf/v1/dashboards").json()["dashboards"]]
                    == ["Telegraf", "Telegraf"])
    assert not [e for e in page.errors() if e["source"] != "network"], "no script errors"


def test_twelve_cells_over_a_day_of_a_hundred_hosts(make_server, browser):
    """Measured and reported (the issue asks for under 2 s on this machine); the assertion only catches a collapse."""
    server = make_server().start()
    hosts = [f"host-{index:03d}" for index in range(100)]
    write_telegraf(server, hosts, minutes=24 * 60, step=120)
    queries = [
        'SELECT mean("usage_user") FROM "telegraf"."autogen"."cpu" WHERE time > :dashboardTime: GROUP BY time(:interval:), "host"',
        'SELECT mean("usage_system") FROM "telegraf"."autogen"."cpu" WHERE time > :dashboardTime: GROUP BY time(:interval:), "host"',
        'SELECT mean("used_percent") FROM "telegraf"."autogen"."mem" WHERE time > :dashboardTime: GROUP BY time(:interval:), "host"',
        'SELECT max("available") FROM "telegraf"."autogen"."mem" WHERE time > :dashboardTime: GROUP BY time(:interval:)',
    ]
    kinds = ["line", "line-stacked", "line", "bar", "line-stepplot", "line", "single-stat", "gauge", "line", "table", "line-plus-single-stat", "line"]
    cells = [{"x": (index % 3) * 4, "y": (index // 3) * 4, "w": 4, "h": 4, "name": f"cell {index}", "type": kind,
              "queries": [{"query": queries[index % len(queries)] if kind not in ("single-stat", "gauge", "table") else
                           'SELECT last("usage_user") FROM "telegraf"."autogen"."cpu" WHERE time > :dashboardTime: GROUP BY "host"'}]}
             for index, kind in enumerate(kinds)]
    dashboard = requests.post(server.control_url + "/chronograf/v1/dashboards", json={"name": "Fleet", "cells": cells}).json()
    page = Page(browser)
    url = server.control_url + f"/sources/0/dashboards/{dashboard['id']}?lower=now()%20-%2024h"
    browser.get(url)
    page.find(".dashboard-grid[data-rendered-ms]")
    timings = []
    for _ in range(3):
        browser.get(url)
        grid = page.find(".dashboard-grid[data-rendered-ms]")
        navigation = browser.execute_script("return performance.now()")
        timings.append((int(grid.get_attribute("data-rendered-ms")), int(navigation)))
    assert len(browser.find_elements(By.CSS_SELECTOR, ".dashboard-cell canvas")) >= 8
    report = f"12 cells × 100 hosts × 24 h: cells drawn in {[t[0] for t in timings]} ms; page load to drawn {[t[1] for t in timings]} ms"
    print(report)
    folder = os.environ.get("SUNDIAL_SCREENSHOTS")
    if folder:
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "dashboard-render.txt"), "w") as out:
            out.write(report + "\n")
        page.screenshot_new_page()
    assert min(t[1] for t in timings) < 10000, report


def test_send_to_dashboard_move_resize_refresh_and_present(make_server, browser):
    server = make_server().start()
    write_telegraf(server, ["web-a"], minutes=30)
    page = Page(browser)
    browser.get(server.control_url + "/sources/0/chronograf/data-explorer")
    query = page.find("#query-text")
    query.send_keys('SELECT mean("usage_user") FROM "telegraf"."autogen"."cpu" WHERE time > now() - 1h GROUP BY time(1m)')
    page.button("Send to Dashboard").click()
    page.fill("New dashboard name", "From Explore")
    page.dialog_button("Send").click()
    page.text_appears("From Explore", ".dashboard-name")
    page.find(".dashboard-cell .cell-graph canvas")
    dashboard = requests.get(server.control_url + "/chronograf/v1/dashboards").json()["dashboards"][0]
    cell = dashboard["cells"][0]
    assert cell["queries"][0]["query"].startswith('SELECT mean("usage_user") FROM "telegraf"."autogen"."cpu" WHERE time > :dashboardTime:')
    assert (cell["x"], cell["y"], cell["w"], cell["h"]) == (0, 0, 6, 4)

    header = page.find(".dashboard-cell .cell-header")
    header.send_keys(Keys.ARROW_RIGHT)
    header.send_keys(Keys.SHIFT, Keys.ARROW_DOWN)

    def stored_place(_):
        stored = requests.get(server.control_url + f"/chronograf/v1/dashboards/{dashboard['id']}").json()["cells"][0]
        return (stored["x"], stored["y"], stored["w"], stored["h"]) == (1, 0, 6, 5)
    page.wait.until(stored_place)

    Select(page.find("#auto-refresh")).select_by_visible_text("Every 5s")
    page.wait.until(lambda driver: "refresh=5000" in driver.current_url)
    page.button("Present").click()
    page.wait.until(lambda driver: not driver.find_element(By.CSS_SELECTOR, ".sidebar").is_displayed())
    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    page.wait.until(lambda driver: driver.find_element(By.CSS_SELECTOR, ".sidebar").is_displayed())
    assert not [e for e in page.errors() if e["source"] != "network"], "no script errors"


def test_a_cell_built_in_the_builder_opens_in_it_again(make_server, browser):
    server = make_server().start()
    write_telegraf(server, ["web-a"], minutes=30)
    dashboard = requests.post(server.control_url + "/chronograf/v1/dashboards", json={"name": "Built"}).json()
    page = Page(browser)
    browser.get(server.control_url + f"/sources/0/dashboards/{dashboard['id']}")
    page.button("+ Add Cell").click()
    page.button("telegraf.autogen").click()
    page.button("cpu").click()
    page.find("dialog.cell-editor input[data-field='usage_user']").click()
    built = ('SELECT mean("usage_user") AS "mean_usage_user" FROM "telegraf"."autogen"."cpu" '
             "WHERE time > :dashboardTime: AND time < :upperDashboardTime: GROUP BY time(:interval:)")
    page.wait.until(lambda driver: driver.find_element(By.ID, "query-text").get_attribute("value") == built)
    page.dialog_button("Save").click()
    page.find(".dashboard-cell .cell-graph canvas")
    stored = requests.get(server.control_url + f"/chronograf/v1/dashboards/{dashboard['id']}").json()["cells"][0]
    assert stored["queries"][0]["query"] == built and stored["queries"][0]["queryConfig"]["rawText"] is None

    page.find("button[aria-label='Edit Untitled Graph']").click()
    page.wait.until(lambda driver: driver.execute_script(
        "const box = document.querySelector(\"dialog.cell-editor input[data-field='usage_user']\"); return box && box.checked"))
    Select(browser.find_element(By.CSS_SELECTOR, "dialog.cell-editor select[aria-label='Function for usage_user']")).select_by_visible_text("max")
    page.wait.until(lambda driver: driver.find_element(By.ID, "query-text").get_attribute("value") == built.replace("mean", "max"))
    page.dialog_button("Save").click()
    page.wait.until(lambda driver: requests.get(server.control_url + f"/chronograf/v1/dashboards/{dashboard['id']}").json()[
        "cells"][0]["queries"][0]["query"] == built.replace("mean", "max"))
    assert not [e for e in page.errors() if e["source"] != "network"], "no script errors"
