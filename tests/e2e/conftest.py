"""Browser journeys: Debian's chromium driven by Playwright, an axe check on every page.

These tests never skip: if chromium is missing they fail and say how to install it
(`make test` installs it with apt on Debian/Ubuntu).
"""

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Run `make system-deps` or set CHROMIUM=/path/to/chromium."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class CheckedPage:
    """A page that runs axe after every navigation the test asks it to check."""

    def __init__(self, page, base_url: str):
        from axe_playwright_python.sync_playwright import Axe

        self.page, self.base_url, self.axe, self.checked = page, base_url, Axe(), []
        # Anything the Content-Security-Policy refused (a script, a style) fails the page.
        self.refused: list[str] = []
        page.on(
            "console",
            lambda m: self.refused.append(m.text) if "Content Security Policy" in m.text else None,
        )

    def goto(self, path: str):
        self.page.goto(self.base_url + path)
        return self.check()

    def check(self, label: str = ""):
        self.page.wait_for_load_state("load")
        results = self.axe.run(self.page)
        self.checked.append(self.page.url)
        assert self.refused == [], f"The page's CSP refused something on {self.page.url}"
        assert results.violations_count == 0, (
            f"Accessibility problems on {self.page.url}:\n{results.generate_report()}"
        )
        return self.page

    def screenshot(self, name: str, full_page: bool = True):
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path


@pytest.fixture
def checked_page(browser, live_server):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield CheckedPage(page, live_server.url)
    context.close()
