"""The web UI's Configuration page in headless Chromium: InfluxDB connections (add with a failure first, edit,
delete with confirmation), Kapacitor connections, and Switch Orgs, against a running Sundial."""

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from harness.browser import Page, start_browser



def test_configuration_lists_the_embedded_connection_and_adds_another(make_server, browser):
    server = make_server().start()
    page = Page(browser)
    browser.get(server.control_url + "/")
    page.text_appears("Configuration", "h1")
    assert browser.current_url.endswith("/sources/0/manage-sources")
    page.text_appears("(Default)", "#connections")
    assert page.find("select[aria-label='Kapacitor Connection for Sundial']").get_attribute("value") == "0"
    assert not page.errors()

    page.button("+ Add Connection").click()
    page.text_appears("Add Connection", "h1")
    assert page.field("Connection String").get_attribute("value") == "http://localhost:8086"
    assert page.field("Telegraf Database").get_attribute("value") == "telegraf"
    assert page.field("Default Retention Policy").get_attribute("placeholder") == "autogen"
    assert page.field("Make this the default source").is_selected()

    page.fill("Connection String", "http://127.0.0.1:9")
    page.fill("Name", "Nowhere")
    page.fill("Username", "ops")
    page.button("Add Connection").click()
    page.text_appears("Unable to create source: Error contacting source.", ".form-feedback")
    assert "connection refused" in browser.find_element(By.CSS_SELECTOR, ".error-reason").text
    assert page.field("Name").get_attribute("value") == "Nowhere", "what was typed is kept"
    assert page.field("Username").get_attribute("value") == "ops"

    page.fill("Connection String", server.store_url)
    page.fill("Name", "Second store")
    page.field("Make this the default source").click()
    page.button("Add Connection").click()
    page.text_appears("Connected to InfluxDB Second store successfully.", "#notifications")
    page.text_appears("Second store", "#connections")
    names = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "#connections .source-name")]
    assert names == ["Sundial", "Second store"]
    sources = requests.get(server.control_url + "/chronograf/v1/sources").json()["sources"]
    assert [s["name"] for s in sources] == ["Sundial", "Second store"] and sources[0]["default"]

    browser.find_element(By.LINK_TEXT, "Second store").click()
    page.text_appears("Edit Connection", "h1")
    assert page.field("Connection String").get_attribute("value") == server.store_url
    page.fill("Name", "Renamed store")
    page.button("Update Connection").click()
    page.text_appears("Connection Renamed store updated successfully.", "#notifications")
    page.text_appears("Renamed store", "#connections")
    assert [s["name"] for s in requests.get(server.control_url + "/chronograf/v1/sources").json()["sources"]] == ["Sundial", "Renamed store"]


def test_kapacitor_connection_edit_and_delete(make_server, browser):
    server = make_server().start()
    created = requests.post(server.control_url + "/chronograf/v1/sources", json={"name": "Other", "url": server.store_url, "default": False})
    source_id = created.json()["id"]
    page = Page(browser)
    browser.get(f"{server.control_url}/sources/{source_id}/manage-sources")
    row = f"tr[data-source='{source_id}']"
    page.text_appears("Connected", row)
    page.button("+ Add Kapacitor Connection").click()
    page.text_appears("Add a New Kapacitor Connection", "h1")
    assert page.field("Kapacitor URL").get_attribute("value") == "http://localhost:9092"
    page.fill("Kapacitor URL", server.tasks_url)
    page.fill("Name", "Tasks")
    page.button("Connect").click()
    page.text_appears("Kapacitor Created! Configuring endpoints is optional.", ".form-feedback")
    assert browser.current_url.endswith(f"/sources/{source_id}/kapacitors/1/edit")
    page.fill("Name", "Tasks renamed")
    page.button("Update").click()
    page.text_appears("Kapacitor Connection updated successfully.", ".form-feedback")

    page.button("Back to Configuration").click()
    select = page.find(f"{row} select")
    assert select.find_element(By.CSS_SELECTOR, "option:checked").text == "Tasks renamed"
    browser.find_element(By.CSS_SELECTOR, f"{row} button[aria-label='Delete Kapacitor Tasks renamed']").click()
    page.dialog_button("Cancel").click()
    assert page.find(f"{row} select"), "cancelling keeps the Kapacitor"
    browser.find_element(By.CSS_SELECTOR, f"{row} button[aria-label='Delete Kapacitor Tasks renamed']").click()
    page.find("dialog[open]")
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    page.wait.until(lambda driver: not driver.find_elements(By.CSS_SELECTOR, "dialog[open]"))
    assert requests.get(f"{server.control_url}/chronograf/v1/sources/{source_id}/kapacitors").json()["kapacitors"], "Escape cancels"
    browser.find_element(By.CSS_SELECTOR, f"{row} button[aria-label='Delete Kapacitor Tasks renamed']").click()
    page.dialog_button("Delete").click()
    page.text_appears("Tasks renamed deleted successfully.", "#notifications")
    page.button("+ Add Kapacitor Connection")

    browser.find_element(By.CSS_SELECTOR, f"{row} button[aria-label='Delete Connection Other']").click()
    page.dialog_button("Delete Connection").click()
    page.text_appears("Other deleted successfully.", "#notifications")
    assert [s["name"] for s in requests.get(server.control_url + "/chronograf/v1/sources").json()["sources"]] == ["Sundial"]


def test_switch_orgs_changes_the_connections_shown(make_server, browser):
    server = make_server().start()
    requests.post(server.control_url + "/chronograf/v1/organizations", json={"name": "Team B"})
    page = Page(browser)
    browser.get(server.control_url + "/sources/new")
    page.fill("Name", "half typed")
    page.button("Switch Orgs").click()
    page.button("Team B").click()
    page.text_appears("Team B", "#current-org")
    page.text_appears("Add Connection", "h1")
    assert page.field("Name").get_attribute("value") != "half typed", "the half-filled form was left, not saved"
    assert requests.get(server.control_url + "/chronograf/v1/sources").json()["sources"][0]["name"] == "Sundial"
    page.button("Switch Orgs").click()
    page.button("Default").click()
    page.text_appears("Default", "#current-org")
    page.text_appears("(Default)", "#connections")


def test_missing_libraries_are_named_and_the_ui_still_works(make_server, browser, tmp_path):
    config = tmp_path / "sundial.conf"
    config.write_text(f"[control]\n  javascript-path = \"{tmp_path / 'none'}\"\n")
    server = make_server(extra_args=["--config", str(config)]).start()
    page = Page(browser)
    browser.get(server.control_url + "/")
    page.text_appears("sudo apt-get install libjs-dygraphs libjs-codemirror", "#library-notice")
    page.text_appears("(Default)", "#connections")


def test_every_page_fits_1024_pixels_and_works_from_the_keyboard(make_server):
    server = make_server().start()
    driver = start_browser(width=1024, height=768)
    try:
        page = Page(driver)
        pages = {
            "/sources/0/manage-sources": "Configuration", "/sources/new": "Add Connection", "/sources/0/chronograf/data-explorer": "Explore",
            "/sources/0/tickscripts": "Tasks", "/sources/0/tickscripts/new": "New TICKscript", "/sources/0/alert-rules": "Manage Alert Rules",
            "/sources/0/kapacitors/0/alert-rules/new": "Build Alert Rule", "/sources/0/alerts": "Alert History",
            "/sources/0/kapacitors/new": "Add a New Kapacitor Connection",
        }
        for path, title in pages.items():
            driver.get(server.control_url + path)
            page.text_appears(title, "h1")
            overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{path} scrolls sideways at 1024 px"
        assert not [e for e in page.errors() if e["source"] != "network"]

        driver.get(server.control_url + "/sources/0/manage-sources")
        page.text_appears("(Default)", "#connections")
        body = driver.find_element(By.TAG_NAME, "body")
        for _ in range(30):
            body = driver.switch_to.active_element
            if body.text == "+ Add Connection":
                break
            body.send_keys(Keys.TAB)
        assert driver.switch_to.active_element.text == "+ Add Connection", "the Add Connection button is reachable with Tab"
        driver.switch_to.active_element.send_keys(Keys.ENTER)
        page.text_appears("Add Connection", "h1")
        assert driver.switch_to.active_element.get_attribute("id") == "source-url", "the form's first field has the focus"
    finally:
        driver.quit()


def test_a_connection_that_stops_answering_is_reported(make_server, browser):
    server = make_server().start()
    other = make_server("other").start()
    created = requests.post(server.control_url + "/chronograf/v1/sources", json={"name": "Fragile", "url": other.store_url, "default": False})
    source_id = created.json()["id"]
    other.stop()
    page = Page(browser)
    browser.get(f"{server.control_url}/sources/{source_id}/manage-sources")
    page.text_appears("Source Fragile is no longer available. Please ensure InfluxDB is running.", "#notifications")


def test_connections_from_resource_files_are_marked_and_read_only(make_server, browser, tmp_path):
    resources = tmp_path / "canned"
    resources.mkdir()
    (resources / "prod.src").write_text('{"id": "10000", "name": "Prod", "url": "http://127.0.0.1:8086", "default": false}')
    (resources / "prod.kap").write_text('{"id": 10000, "srcID": 10000, "name": "Prod Kapacitor", "url": "http://127.0.0.1:9092", "active": true}')
    server = make_server(extra_args=["--resources-path", str(resources)]).start()
    page = Page(browser)
    browser.get(server.control_url + "/sources/0/manage-sources")
    row = "tr[data-source='10000']"
    page.text_appears("from prod.src", row)
    assert not browser.find_elements(By.CSS_SELECTOR, f"{row} button[aria-label='Delete Connection Prod']"), "no delete"
    assert not browser.find_elements(By.CSS_SELECTOR, f"{row} a.source-name"), "no edit link"
    assert "Prod Kapacitor (from prod.kap)" in page.find(f"{row} select").text
    assert not browser.find_elements(By.CSS_SELECTOR, f"{row} button[aria-label='Delete Kapacitor Prod Kapacitor']")
