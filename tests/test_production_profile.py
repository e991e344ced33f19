"""The production profile: DEBUG off, the static files collected with the manifest storage (as
`manage.py collectstatic` does in production) and pages still render; start-up without a
SECRET_KEY stops with a message naming it; the cache is shared when REDIS_URL is set;
`manage.py check --deploy` passes with the documented environment; `make serve` collects the static
files and serves them with gunicorn, sending plain http to https."""

import os
import secrets
import signal
import socket
import string
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from clearpath.journey.portal import services as portal_services
from tests.builders import add_test_person

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.fixture
def production_static(tmp_path):
    with override_settings(DEBUG=False, STATIC_ROOT=tmp_path / "static", STORAGES=MANIFEST):
        call_command("collectstatic", interactive=False, verbosity=0)
        assert (tmp_path / "static" / "staticfiles.json").exists()
        yield tmp_path / "static"


def test_pages_render_with_debug_off_and_the_manifest_storage(
    production_static, client, practitioner
):
    sign_in = client.get(reverse("accounts:login"))
    assert sign_in.status_code == 200
    # The stylesheet is the hashed copy collectstatic wrote, not the source name.
    assert "/static/vendor/govuk/css/govuk-frontend.min.css" not in sign_in.content.decode()
    assert "govuk-frontend.min." in sign_in.content.decode()
    assert client.get(reverse("portal:sign-in")).status_code == 200

    client.force_login(practitioner)
    assert client.get(reverse("people:person-list")).status_code == 200
    client.logout()

    person = add_test_person(by=practitioner)
    account = portal_services.create_account(
        person=person, role="person", name="Margaret", email="m@example.com", created_by_name="P"
    )
    token = portal_services.send_link(account=account)
    assert client.post(reverse("portal:link", args=[token])).status_code == 302
    home = client.get(reverse("portal:home"))
    assert home.status_code == 200 and "Hello Margaret" in home.content.decode()


def test_start_up_without_secret_key_and_debug_off_names_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    env["DJANGO_SETTINGS_MODULE"] = "clearpath.settings"
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "SECRET_KEY is not set" in done.stderr and "docs/running.md" in done.stderr


def _settings_in_a_new_process(code: str, **extra: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(DJANGO_SETTINGS_MODULE="clearpath.settings", DEBUG="1", **extra)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django; django.setup(); from django.conf import settings; {code}",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


def test_redis_url_makes_the_cache_shared_and_without_it_each_process_keeps_its_own():
    show = (
        "print(settings.CACHES['default']['BACKEND'], settings.CACHES['default'].get('LOCATION'))"
    )
    shared = _settings_in_a_new_process(show, REDIS_URL="redis://127.0.0.1:6379/15")
    assert shared == "django.core.cache.backends.redis.RedisCache redis://127.0.0.1:6379/15"
    assert _settings_in_a_new_process(show) == "django.core.cache.backends.locmem.LocMemCache None"


def _production_env(**extra: str) -> dict[str, str]:
    """The documented production environment (docs/running.md), DEBUG unset, and nothing else from
    this test run (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE, which production never does)."""
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "TMPDIR") if k in os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="clearpath.settings",
        SECRET_KEY="".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(50)),
        DATABASE_URL=os.environ.get("DATABASE_URL", f"sqlite:///{ROOT / 'db.sqlite3'}"),
        ALLOWED_HOSTS="clearpath.example.gov.uk",
        CSRF_TRUSTED_ORIGINS="https://clearpath.example.gov.uk",
        **extra,
    )
    return env


def test_the_deploy_checks_pass_with_the_documented_production_environment():
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout
    assert "WARNING" not in done.stdout + done.stderr


def test_the_https_redirect_is_on_in_production_unless_turned_off():
    show = "print(settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS > 0)"
    code = f"import django; django.setup(); from django.conf import settings; {show}"

    def run(**extra):
        return subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=_production_env(**extra),
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout.strip()

    assert run() == "True True"
    assert run(SECURE_SSL_REDIRECT="0") == "False True"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, **headers: str) -> tuple[int, str, dict]:
    request = urllib.request.Request(url, headers=headers)
    opener = urllib.request.build_opener(_NoRedirects)
    try:
        with opener.open(request, timeout=10) as answer:
            return answer.status, answer.read().decode(), dict(answer.headers)
    except urllib.error.HTTPError as answer:
        return answer.code, answer.read().decode(), dict(answer.headers)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_make_serve_collects_the_static_files_then_serves_with_gunicorn():
    port = _free_port()
    env = _production_env(BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="1")
    server = subprocess.Popen(
        ["make", "--no-print-directory", "serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                status, body, _ = _get(f"{base}/healthz")
                break
            except OSError:
                assert server.poll() is None, server.stdout.read().decode()
                assert time.monotonic() < deadline, "gunicorn did not answer within 2 minutes"
                time.sleep(0.5)
        assert (status, body) == (200, "ok")
        host = {"Host": "clearpath.example.gov.uk"}
        status, _, headers = _get(f"{base}/sign-in", **host)
        assert status == 301 and headers["Location"].startswith("https://clearpath.example")
        status, body, headers = _get(f"{base}/sign-in", **host, **{"X-Forwarded-Proto": "https"})
        assert status == 200 and "govuk-frontend.min." in body
        assert "/static/vendor/govuk/css/govuk-frontend.min.css" not in body  # the hashed copy
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        server.stdout.close()
