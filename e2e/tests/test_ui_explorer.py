"""The web UI's Data Explorer in headless Chromium: pick db.rp, measurement, field and a tag value, see the InfluxQL
it builds, run it against the embedded store, see a Dygraphs chart with legend and a table, and an InfluxQL error
inline."""

import time

import requests
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from harness.browser import Page



def test_build_run_and_see_a_query(make_server, browser):
    server = make_server().start()
    requests.post(server.store_url + "/query", params={"q": "CREATE DATABASE telegraf"}).raise_for_status()
    now = int(time.time())
    lines = []
    for minute in range(10):
        for host, value in (("a", 10 + minute), ("b", 50 + minute)):
            lines.append(f"cpu,host={host} usage_idle={value},usage_user={100 - value} {now - 600 + minute * 60}")
    requests.post(server.store_url + "/write", params={"db": "telegraf", "precision": "s"}, data="\n".join(lines)).raise_for_status()

    page = Page(browser)
    browser.get(server.control_url + "/sources/0/chronograf/data-explorer")
    page.button("telegraf.autogen").click()
    page.button("cpu").click()
    page.find("input[data-field='usage_idle']").click()
    tag = page.button("host")
    tag.click()
    page.button("a").click()
    query = page.find("#query-text")
    expected = ('SELECT mean("usage_idle") AS "mean_usage_idle" FROM "telegraf"."autogen"."cpu" '
                "WHERE time > now() - 1h AND \"host\"='a' GROUP BY time(1m)")
    page.wait.until(lambda driver: query.get_attribute("value") == expected)

    page.button("Submit Query").click()
    page.find("#results .chart canvas")
    page.text_appears("cpu.mean_usage_idle", "#results .chart-legend")
    canvas = browser.find_elements(By.CSS_SELECTOR, "#results .chart canvas")[-1]
    ActionChains(browser).move_to_element(canvas).perform()
    page.wait.until(lambda driver: any(ch.isdigit() for ch in driver.find_element(By.CSS_SELECTOR, "#results .chart-legend").text.split("mean_usage_idle")[-1]))

    browser.find_element(By.XPATH, "//button[@role='tab' and .='Table']").click()
    page.find("#results table.result-table")
    values = [row.find_elements(By.TAG_NAME, "td")[1].text for row in browser.find_elements(By.CSS_SELECTOR, "#results tbody tr")]
    assert "19" in values and "59" not in values, "host a's minutes only"

    query.clear()
    query.send_keys("SELECT FROM cpu")
    page.button("Submit Query").click()
    page.text_appears("error parsing query", ".error-block")
    assert not [e for e in page.errors() if e["source"] != "network"], "no script errors"
