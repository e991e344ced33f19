"""The production profile: DEBUG off, the static files collected with the manifest storage (as
`manage.py collectstatic` does in production) and pages still render; start-up without a
SECRET_KEY stops with a message naming it."""

import os
import subprocess
import sys
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
