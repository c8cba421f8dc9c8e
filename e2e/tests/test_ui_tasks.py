"""The web UI's Tasks page in headless Chromium: write a TICKscript in the editor (CodeMirror from Debian's
libjs-codemirror, or the plain text area without it), see the checker's error on its line, save, see the graph,
enable and delete the task, against Sundial's own tasks service."""

import requests
from selenium.webdriver.common.by import By

from harness.browser import Page

BROKEN = """dbrp "telegraf"."autogen"
stream
    |from()
        .measurement('cpu')
    |window()
        .perod(10s)
"""
FIXED = BROKEN.replace(".perod(10s)", ".period(10s)\n        .every(10s)\n    |mean('usage_idle')")



def set_editor(browser, text):
    browser.execute_script("document.querySelector('#task-editor .CodeMirror').CodeMirror.setValue(arguments[0])", text)


def test_write_check_save_enable_and_delete_a_task(make_server, browser):
    server = make_server().start()
    page = Page(browser)
    browser.get(server.control_url + "/sources/0/tickscripts")
    page.text_appears("0 Tasks on Sundial", ".panel-heading")
    page.button("+ Write TICKscript").click()
    page.find("#task-editor .CodeMirror")
    page.fill("Task ID", "cpu_mean")
    set_editor(browser, BROKEN)
    page.button("Save Task").click()
    page.text_appears("Line 6, column 9: no property perod() on window", "#checker-error")
    marked = browser.find_elements(By.CSS_SELECTOR, "#task-editor .editor-error-line")
    assert len(marked) == 1 and ".perod(10s)" in marked[0].text, "the error's line is marked in the editor"

    set_editor(browser, FIXED)
    page.button("Save Task").click()
    page.text_appears("Task cpu_mean", "h1")
    assert browser.current_url.endswith("/sources/0/tickscripts/cpu_mean")
    nodes = [node.get_attribute("data-node") for node in browser.find_elements(By.CSS_SELECTOR, ".dot-graph .dot-node")]
    assert nodes == ["stream0", "from1", "window2", "mean3"]
    task = requests.get(server.tasks_url + "/kapacitor/v1/tasks/cpu_mean").json()
    assert task["status"] == "disabled" and task["dbrps"] == [{"db": "telegraf", "rp": "autogen"}]

    page.button("Back to Tasks").click()
    page.text_appears("1 Task on Sundial", ".panel-heading")
    browser.find_element(By.CSS_SELECTOR, "input[aria-label='Enable cpu_mean']").click()
    page.text_appears("cpu_mean enabled successfully.", "#notifications")
    assert requests.get(server.tasks_url + "/kapacitor/v1/tasks/cpu_mean").json()["status"] == "enabled"
    browser.find_element(By.CSS_SELECTOR, "button[aria-label='Delete cpu_mean']").click()
    page.dialog_button("Delete").click()
    page.text_appears("0 Tasks on Sundial", ".panel-heading")
    assert requests.get(server.tasks_url + "/kapacitor/v1/tasks/cpu_mean").status_code == 404


def test_the_plain_editor_works_without_codemirror(make_server, browser, tmp_path):
    config = tmp_path / "sundial.conf"
    config.write_text(f"[control]\n  javascript-path = \"{tmp_path / 'none'}\"\n")
    server = make_server(extra_args=["--config", str(config)]).start()
    page = Page(browser)
    browser.get(server.control_url + "/sources/0/tickscripts/new")
    area = page.find("textarea.editor-fallback")
    page.fill("Task ID", "plain")
    area.clear()
    area.send_keys('stream|from().measurement("cpu")')
    page.fill("Databases and Retention Policies", "telegraf.autogen")
    page.button("Save Task").click()
    page.text_appears("Line 1, column 27", "#checker-error")
    page.text_appears("did you use double quotes instead of single quotes?", "#checker-error")
    area.clear()
    area.send_keys("stream|from().measurement('cpu')")
    page.button("Save Task").click()
    page.text_appears("Task plain", "h1")
    assert requests.get(server.tasks_url + "/kapacitor/v1/tasks/plain").json()["dbrps"] == [{"db": "telegraf", "rp": "autogen"}]
