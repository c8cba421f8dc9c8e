"""Headless Chromium driven by Selenium, using Debian's chromium and chromedriver (never a downloaded driver)."""

import os
import re
from pathlib import Path
from urllib.parse import urlparse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait


def start_browser(width: int = 1366, height: int = 900) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},{height}"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)


class Page:
    """Waits for what a user would wait for: text to appear, a control to be clickable."""

    def __init__(self, driver, timeout: float = 10.0):
        self.driver = driver
        self.wait = WebDriverWait(driver, timeout)
        self.pages_shot = set()

    def text_appears(self, text: str, css: str = "body"):
        self.wait.until(expected_conditions.text_to_be_present_in_element((By.CSS_SELECTOR, css), text))
        self.screenshot_new_page()

    def screenshot_new_page(self):
        """Saves one screenshot per page (URL path) a test reaches, once its content is there, into
        SUNDIAL_SCREENSHOTS (scripts/test prints the folder) so a reviewer can look at every page."""
        folder = os.environ.get("SUNDIAL_SCREENSHOTS")
        path = urlparse(self.driver.current_url).path
        if not folder or path in self.pages_shot:
            return
        self.pages_shot.add(path)
        test = os.environ.get("PYTEST_CURRENT_TEST", "test").split(" ")[0].split("::")[-1]
        name = re.sub(r"[^A-Za-z0-9]+", "-", f"{test}-{len(self.pages_shot):02d}-{path}").strip("-")
        Path(folder).mkdir(parents=True, exist_ok=True)
        # The whole page, not just the window: grow the window to the page's height for the shot, then restore it.
        size = self.driver.get_window_size()
        height = self.driver.execute_script("return Math.min(document.documentElement.scrollHeight, 4000)")
        self.driver.set_window_size(size["width"], max(size["height"], height))
        self.driver.save_screenshot(str(Path(folder) / f"{name}.png"))
        self.driver.set_window_size(size["width"], size["height"])

    def find(self, css: str):
        return self.wait.until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css)))

    def button(self, label: str):
        xpath = f"//*[(self::button or self::a) and normalize-space(.)={label!r}]"
        return self.wait.until(expected_conditions.element_to_be_clickable((By.XPATH, xpath)))

    def dialog_button(self, label: str):
        xpath = f"//dialog[@open]//button[normalize-space(.)={label!r}]"
        return self.wait.until(expected_conditions.element_to_be_clickable((By.XPATH, xpath)))

    def field(self, label: str):
        xpath = f"//label[normalize-space(.)={label!r}]"
        label_element = self.wait.until(expected_conditions.presence_of_element_located((By.XPATH, xpath)))
        return self.driver.find_element(By.ID, label_element.get_attribute("for"))

    def fill(self, label: str, value: str):
        element = self.field(label)
        element.clear()
        element.send_keys(value)

    def errors(self):
        """Errors the page logged to the browser console."""
        return [entry for entry in self.driver.get_log("browser") if entry["level"] == "SEVERE"]
