"""The request log: one JSON line for every request, with its id, the staff member's id and how
long it took, and nothing personal: not a name, NHS number, narrative or bank account number posted
in a form or searched for in the address, nor a sign-in link's token."""

import io
import json
import logging
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.urls import reverse

from clearpath.logs import JsonFormatter
from tests.builders import add_test_person

ROOT = Path(__file__).resolve().parent.parent
NARRATIVE = "Fell on the stairs at Whitby Road and now cannot wash without help"
SECRETS = [
    "Margaret",
    "Okafor",
    "Bartholomew",
    "Quince",
    "9434765919",
    "943 476 5919",
    "943+476+5919",
    "Whitby",
    "stairs",
    "31926819",
    "60-16-13",
]


@pytest.fixture
def log_lines():
    """Everything logged while the test runs, by any logger at INFO or above, as JSON lines."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter())
    loggers = [logging.getLogger(), logging.getLogger("clearpath.requests")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.setLevel(logging.INFO)
    yield out
    for lg, level in zip(loggers, levels, strict=True):
        lg.removeHandler(handler)
        lg.setLevel(level)


def _requests(out: io.StringIO) -> list[dict]:
    lines = [json.loads(line) for line in out.getvalue().splitlines()]  # every line is JSON
    return [line for line in lines if line["logger"] == "clearpath.requests"]


@pytest.mark.django_db
def test_a_person_page_and_a_form_post_are_logged_without_anything_personal(
    client, practitioner, log_lines
):
    person = add_test_person(by=practitioner)
    client.force_login(practitioner)
    page = client.get(
        reverse("people:person-detail", args=[person.pk]), {"q": "Margaret Okafor 9434765919"}
    )
    added = client.post(
        reverse("people:person-add"),
        {
            "first_name": "Bartholomew",
            "last_name": "Quince",
            "date_of_birth-day": "3",
            "date_of_birth-month": "4",
            "date_of_birth-year": "1950",
            "nhs_number": "943 476 5919",
            "address": "2 Whitby Road",
            "postcode": "LS1 4AP",
            "summary": NARRATIVE,
            "account_number": "31926819",
            "sort_code": "60-16-13",
        },
    )
    contact = client.post(
        reverse("contacts:contact-add", args=[person.pk]),
        {"received_on-day": "1", "received_on-month": "1", "received_on-year": "2026"}
        | {"route_of_access": "self", "summary": NARRATIVE},
    )
    assert page.status_code == 200 and added.status_code in {200, 302}
    assert contact.status_code in {200, 302}

    text = log_lines.getvalue()
    assert [s for s in SECRETS if s in text] == []
    lines = _requests(log_lines)
    assert [(line["method"], line["path"]) for line in lines] == [
        ("GET", f"/people/{person.pk}/"),
        ("POST", "/people/add"),
        ("POST", f"/people/{person.pk}/contacts/add"),
    ]
    for line, response in zip(lines, [page, added, contact], strict=True):
        assert line["user_id"] == practitioner.pk
        assert line["status"] == response.status_code
        assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
        assert line["request_id"] == response["X-Request-ID"]
        uuid.UUID(line["request_id"])  # made here: the client sent none
        assert set(line) >= {"time", "level", "message"}
    assert str(practitioner.username) not in text and practitioner.first_name not in text


@pytest.mark.django_db
def test_a_callers_plain_request_id_is_kept_and_anything_else_replaced(client, log_lines):
    kept = client.get(reverse("accounts:login"), HTTP_X_REQUEST_ID="lb-7f3a9c.2")
    replaced = client.get(reverse("accounts:login"), HTTP_X_REQUEST_ID="x\nuser=Margaret Okafor")
    assert kept["X-Request-ID"] == "lb-7f3a9c.2"
    uuid.UUID(replaced["X-Request-ID"])
    first, second = _requests(log_lines)
    assert (first["request_id"], first["user_id"]) == ("lb-7f3a9c.2", None)
    assert second["request_id"] == replaced["X-Request-ID"]
    assert "Okafor" not in log_lines.getvalue()


@pytest.mark.django_db
def test_a_sign_in_links_token_never_reaches_the_log(client, log_lines):
    token = "s3cr3t-one-time-token-1234567890"
    client.get(reverse("portal:link", args=[token]))
    (line,) = _requests(log_lines)
    assert line["path"] == "/portal/link/<token>"
    assert token not in log_lines.getvalue()


def _console_line(**env_extra: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "LOG_FORMAT"}}
    env.update(DJANGO_SETTINGS_MODULE="clearpath.settings", SECRET_KEY="k" * 50, **env_extra)
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('clearpath.requests').info('GET / 200', extra={'status': 200})"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stderr.strip()


def test_the_console_log_is_json_with_debug_off_and_text_when_asked():
    line = json.loads(_console_line())
    assert (line["logger"], line["message"], line["status"]) == (
        "clearpath.requests",
        "GET / 200",
        200,
    )
    assert _console_line(LOG_FORMAT="text").endswith("INFO clearpath.requests GET / 200")
    assert not _console_line(DEBUG="1").startswith("{")
    json.loads(_console_line(DEBUG="1", LOG_FORMAT="json"))
