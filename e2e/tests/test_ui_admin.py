"""The web UI's InfluxDB Admin page in headless Chromium against the embedded store (source 0): create a database,
give it a retention policy and change it, create a user and grant it READ on the database (checked with SHOW GRANTS),
make it an admin, drop the database; and kill a slow query from the Queries tab."""

import threading
import time

import requests
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By

from harness.browser import Page

SLOW = "SELECT count(*) FROM (SELECT * FROM (SELECT * FROM m))"


def influxql(server, text, db=None):
    params = {"q": text, **({"db": db} if db else {})}
    answer = requests.post(server.store_url + "/query", params=params, timeout=120)
    answer.raise_for_status()
    return answer.json()["results"]


def values(server, text):
    return influxql(server, text)[0].get("series", [{}])[0].get("values", [])


def script_errors(page):
    """Console errors other than the failed requests the test asks for on purpose."""
    return [entry for entry in page.errors() if entry["source"] != "network"]


def click_when_there(page, xpath):
    """Clicks what the xpath finds, again if a refresh of the table replaced it in between."""
    def attempt(driver):
        try:
            driver.find_element(By.XPATH, xpath).click()
            return True
        except (NoSuchElementException, StaleElementReferenceException):
            return False
    page.wait.until(attempt)


def in_section(page, db, css):
    return page.find(f"section[data-db='{db}'] {css}")


def test_databases_retention_policies_and_users(make_server, browser):
    server = make_server().start()
    page = Page(browser)
    browser.get(server.control_url + "/sources/0/admin-influxdb/databases")
    page.text_appears("Database", "#databases-title")

    page.button("+ Create Database").click()
    page.fill("Database Name", "shop")
    page.button("Create").click()
    page.text_appears("Database shop created.", "#notifications")
    in_section(page, "shop", "tr[data-rp='autogen']")
    assert ["shop"] in values(server, "SHOW DATABASES")

    browser.find_element(By.XPATH, "//section[@data-db='shop']//button[normalize-space(.)='+ Add Retention Policy']").click()
    page.fill("Retention Policy Name", "week")
    page.fill("Duration", "soon")
    page.button("Save").click()
    page.text_appears("invalid duration soon", "section[data-db='shop'] .error-block")
    page.fill("Duration", "7d")
    page.fill("Shard Duration", "1d")
    page.field("Default retention policy").click()
    page.button("Save").click()
    page.text_appears("Retention policy week created on shop.", "#notifications")
    page.text_appears("default", "section[data-db='shop'] tr[data-rp='week']")
    assert ["week", "168h0m0s", "24h0m0s", 1, True] in values(server, "SHOW RETENTION POLICIES ON shop")

    in_section(page, "shop", "button[aria-label='Edit retention policy week']").click()
    assert page.field("Duration").get_attribute("value") == "7d"
    page.fill("Duration", "14d")
    page.button("Save").click()
    page.text_appears("Retention policy week of shop changed.", "#notifications")
    page.text_appears("14d", "section[data-db='shop'] tr[data-rp='week']")
    assert ["week", "336h0m0s", "24h0m0s", 1, True] in values(server, "SHOW RETENTION POLICIES ON shop")

    in_section(page, "shop", "button[aria-label='Delete retention policy autogen']").click()
    page.dialog_button("Delete").click()
    page.text_appears("Retention policy autogen deleted from shop.", "#notifications")
    assert [row[0] for row in values(server, "SHOW RETENTION POLICIES ON shop")] == ["week"]

    grant_read_to_a_new_user(server, page, browser)
    drop_database(server, page, browser)
    assert not script_errors(page), "no script errors"


def grant_read_to_a_new_user(server, page, browser):
    browser.find_element(By.LINK_TEXT, "Users").click()
    page.button("+ Create User").click()
    page.fill("User Name", "reader")
    page.fill("Password", "s3cret-pass")
    page.button("Create User").click()
    page.text_appears("User reader", "#user-title")
    page.field("READ on shop").click()
    page.button("Apply Changes").click()
    page.text_appears("Permissions of reader changed.", "#notifications")
    assert values(server, "SHOW GRANTS FOR reader") == [["shop", "READ"]]

    page.button("Change Password").click()
    page.fill("New Password", "another-pass")
    page.button("Save Password").click()
    page.text_appears("Password of reader changed.", "#notifications")

    page.button("Grant Admin").click()
    page.dialog_button("Grant Admin").click()
    page.text_appears("reader is now an admin.", "#notifications")
    assert ["reader", True] in values(server, "SHOW USERS")
    assert values(server, "SHOW GRANTS FOR reader") == [["shop", "READ"]], "making it admin keeps its grants"

    page.button("← All Users").click()
    page.text_appears("Yes", "tr[data-user='reader']")


def drop_database(server, page, browser):
    browser.find_element(By.LINK_TEXT, "Databases").click()
    in_section(page, "shop", "button[aria-label='Delete database shop']").click()
    assert not page.find("form.admin-confirm-drop button[type='submit']").is_enabled(), "not before the name is typed"
    page.fill("Type DELETE shop to confirm", "DELETE shop")
    page.button("Delete Database").click()
    page.text_appears("Database shop deleted.", "#notifications")
    page.wait.until(lambda driver: not driver.find_elements(By.CSS_SELECTOR, "section[data-db='shop']"))
    assert ["shop"] not in values(server, "SHOW DATABASES")


def test_kill_a_slow_query_from_the_queries_tab(make_server, browser):
    server = make_server().start()
    influxql(server, "CREATE DATABASE k")
    lines = "\n".join(f"m,s={i % 100} v={i} {i}000000" for i in range(300_000))
    requests.post(server.store_url + "/write", params={"db": "k"}, data=lines, timeout=120).raise_for_status()
    answers = []
    worker = threading.Thread(target=lambda: answers.append(influxql(server, SLOW, db="k")))

    page = Page(browser, timeout=20)
    browser.get(server.control_url + "/sources/0/admin-influxdb/queries")
    page.text_appears("Running Quer", "#queries-title")
    started = time.monotonic()
    worker.start()
    row = f"//table[@id='queries']//tr[.//code[normalize-space(.)={SLOW!r}]]"
    page.wait.until(lambda driver: driver.find_elements(By.XPATH, row))
    assert worker.is_alive(), "the slow query is still running when the page shows it"
    click_when_there(page, row + "//button[normalize-space(.)='Kill']")
    page.dialog_button("Kill Query").click()
    page.text_appears("killed.", "#notifications")
    worker.join(timeout=60)
    assert answers == [[{"statement_id": 0, "error": "query interrupted"}]], f"killed after {time.monotonic() - started:.1f}s"
    page.wait.until(lambda driver: not driver.find_elements(By.XPATH, row))
    assert not script_errors(page), "no script errors"
