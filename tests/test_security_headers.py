"""The production profile sends the security headers an IG lead looks for (issue 16, item 6)."""

import os
import re
import subprocess
import sys

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.test_production_profile import production_static  # noqa: F401 - the fixture


def _directives(header: str) -> dict[str, list[str]]:
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part
    }


def production_setting(name: str) -> str:
    """A setting as clearpath/settings.py makes it with DEBUG unset (the tests set DEBUG=1)."""
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    env |= {"SECRET_KEY": "x" * 50, "DJANGO_SETTINGS_MODULE": "clearpath.settings"}
    code = f"from django.conf import settings; print(settings.{name})"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


@pytest.fixture
def pages(production_static, client, practitioner):  # noqa: F811 - the fixture above
    hsts = {
        name: eval(production_setting(name))  # noqa: S307 - an int or a bool we printed
        for name in ("SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD")
    }
    with override_settings(**hsts):
        signed_out = client.get(reverse("accounts:login"), secure=True)
        client.force_login(practitioner)
        signed_in = client.get(reverse("people:person-list"), secure=True)
    return [signed_out, signed_in]


def test_every_page_forbids_inline_script_and_framing(pages):
    for page in pages:
        assert page.status_code == 200
        policy = _directives(page["Content-Security-Policy"])
        [nonce] = [s for s in policy["script-src"] if s.startswith("'nonce-")]
        assert policy["script-src"] == ["'self'", nonce]
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
        assert policy["default-src"] == ["'self'"] and policy["form-action"] == ["'self'"]
        # ...and no page carries a script the policy would refuse.
        body = page.content.decode()
        inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", body)
        assert inline == [f'<script nonce="{nonce[7:-1]}">']
        assert not re.search(r"\son[a-z]+=", body)


def test_the_other_production_headers(pages):
    for page in pages:
        assert page["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
        assert "camera=()" in page["Permissions-Policy"]
        assert "geolocation=()" in page["Permissions-Policy"]
        assert page["Referrer-Policy"] == "same-origin"
        assert page["X-Content-Type-Options"] == "nosniff"
        assert page["X-Frame-Options"] == "DENY"
