"""Browser journeys: Debian's chromium driven by Playwright, an axe check on every page.

These tests never skip: if chromium is missing they fail and say how to install it
(`make test` installs it with apt on Debian/Ubuntu).
"""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
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
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
# E2E_SERVER=gunicorn: the journeys run against the app as a council runs it (DEBUG off, gunicorn,
# collected static files, a job worker) on the test database, instead of pytest-django's
# development live server. `make test` runs the staff and portal journeys this way too.
E2E_SERVER = os.environ.get("E2E_SERVER", "")


class _Production:
    """gunicorn and `manage.py worker` on the test database, with the production settings."""

    def __init__(self, database_url: str, tmp: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.url = f"http://localhost:{port}"  # a secure context: the secure cookies work
        # pytest-django's live-server helper switches these on around each test.
        from django.test.utils import modify_settings

        self._live_server_modified_settings = modify_settings(ALLOWED_HOSTS={"append": "localhost"})
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": os.environ.get("HOME", ""),
            "LANG": "C.UTF-8",
            "DJANGO_SETTINGS_MODULE": "clearpath.settings",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": database_url,
            "ALLOWED_HOSTS": "localhost",
            "CSRF_TRUSTED_ORIGINS": self.url,
            # The browser speaks plain http to localhost: TLS would end at the load balancer.
            "SECURE_SSL_REDIRECT": "0",
            "STATIC_ROOT": str(tmp / "static"),
            "MEDIA_ROOT": str(tmp / "media"),
            "PORTAL_BASE_URL": self.url,
        }
        python = sys.executable
        subprocess.run(
            [python, "manage.py", "collectstatic", "--no-input", "-v", "0"],
            cwd=ROOT, env=env, check=True,
        )  # fmt: skip
        self.logs = (tmp / "server.log").open("w")
        self.processes = [
            subprocess.Popen(
                [python, "-m", "gunicorn", "clearpath.wsgi", "--workers", "2",
                 "--bind", f"127.0.0.1:{port}"],
                cwd=ROOT, env=env, stdout=self.logs, stderr=subprocess.STDOUT,
            ),
            subprocess.Popen(
                [python, "manage.py", "worker", "--interval", "0.2"],
                cwd=ROOT, env=env, stdout=self.logs, stderr=subprocess.STDOUT,
            ),
        ]  # fmt: skip
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        pytest.fail(f"gunicorn did not start: see {tmp / 'server.log'}")

    def stop(self):
        for p in self.processes:
            p.terminate()
        for p in self.processes:
            p.wait(timeout=30)
        self.logs.close()


if E2E_SERVER == "gunicorn":

    @pytest.fixture(scope="session")
    def live_server(django_db_setup, django_db_blocker, tmp_path_factory):
        from django.db import connection

        s = connection.settings_dict
        if connection.vendor != "postgresql":
            pytest.fail("E2E_SERVER=gunicorn needs DATABASE_URL=postgres://... (as CI sets)")
        url = f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
        server = _Production(url, tmp_path_factory.mktemp("production"))
        yield server
        server.stop()


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
