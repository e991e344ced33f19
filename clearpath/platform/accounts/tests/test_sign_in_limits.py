"""Passwords, lock-outs, session limits and API token expiry (issue 16, item 1)."""

import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from clearpath.errors import InvalidInput
from clearpath.platform.accounts.middleware import LAST_SEEN, SIGNED_IN_AT
from clearpath.platform.accounts.models import ApiToken
from clearpath.platform.accounts.services import add_staff_member, create_api_token
from clearpath.platform.audit.models import AuditEvent
from clearpath.web import client_address


@pytest.fixture(autouse=True)
def _fresh_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize(
    "password, message",
    [
        ("short pass", "at least 12 characters"),
        ("password1234", "too common"),
        ("493027581940", "entirely numeric"),
        ("wilhelmina-b", "too similar"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(db, password, message):
    with pytest.raises(InvalidInput, match=message) as e:
        add_staff_member(
            username="wilhelmina-b",
            password=password,
            first_name="Wilhelmina",
            last_name="B",
            role="practitioner",
        )
    assert e.value.field == "password"


def _fail(client, username, address):
    url = reverse("accounts:login")
    return client.post(url, {"username": username, "password": "wrong"}, REMOTE_ADDR=address)


def test_one_address_trying_many_user_names_is_slowed(client, practitioner, settings):
    settings.SIGN_IN_FAILURES_PER_ADDRESS = 3
    for n in range(3):
        assert _fail(client, f"someone{n}", "203.0.113.9").status_code == 200
    practitioner.set_password("the right passphrase")
    practitioner.save()
    refused = client.post(
        reverse("accounts:login"),
        {"username": practitioner.username, "password": "the right passphrase"},
        REMOTE_ADDR="203.0.113.9",
    )
    assert "too many failed sign-ins from your network" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address is not held up.
    ok = client.post(
        reverse("accounts:login"),
        {"username": practitioner.username, "password": "the right passphrase"},
        REMOTE_ADDR="198.51.100.4",
    )
    assert ok.status_code == 302


def test_one_user_name_tried_from_many_addresses_is_locked(client, practitioner, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _fail(client, practitioner.username, f"198.51.100.{n + 10}")
    locked = _fail(client, practitioner.username, "192.0.2.200")
    assert locked.status_code in (403, 429) or "locked" in locked.content.decode().lower()


def test_the_client_address_behind_a_trusted_proxy(rf, settings):
    request = rf.get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7, 10.0.0.1"
    )
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1  # the load balancer's own view, not what the client wrote
    assert client_address(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request) == "203.0.113.7"


def _age(client, *, idle=0, signed_in=0):
    session = client.session
    now = int(time.time())
    session[LAST_SEEN] = now - idle
    session[SIGNED_IN_AT] = now - signed_in
    session.save()


def test_a_session_ends_after_thirty_idle_minutes_and_brings_you_back(client, practitioner):
    client.force_login(practitioner)
    people = reverse("people:person-list")
    _age(client, idle=29 * 60, signed_in=29 * 60)
    assert client.get(people).status_code == 200
    _age(client, idle=31 * 60, signed_in=31 * 60)
    response = client.get(people + "?q=Ok")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login") + "?next=%2Fpeople%2F%3Fq%3DOk"
    page = client.get(response["Location"]).content.decode()
    assert "nothing had happened for 30 minutes" in page
    assert client.get(people).status_code == 302  # signed out


def test_a_session_ends_twelve_hours_after_sign_in_however_busy(client, practitioner):
    client.force_login(practitioner)
    _age(client, idle=10, signed_in=12 * 3600 + 60)
    response = client.get(reverse("people:person-list"))
    assert response.status_code == 302
    assert "more than 12 hours ago" in client.get(response["Location"]).content.decode()


def test_api_tokens_expire_and_can_be_revoked_from_a_page(client, practitioner):
    secret = create_api_token(staff=practitioner, name="Care home link", by=None)
    token = ApiToken.objects.get()
    assert token.expires_at.date() == (timezone.now() + timedelta(days=90)).date()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert client.get("/api/people", **auth).status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/api/people", **auth).status_code == 401
    ApiToken.objects.update(expires_at=timezone.now() + timedelta(days=1))

    client.force_login(practitioner)
    page = client.get(reverse("accounts:api-tokens")).content.decode()
    assert "Care home link" in page and "Revoke the token Care home link" in page
    client.post(reverse("accounts:api-token-revoke", args=[token.pk]))
    client.logout()
    assert client.get("/api/people", **auth).status_code == 401
    assert AuditEvent.objects.filter(action="api_token.revoked", actor=practitioner).exists()


def test_nobody_revokes_another_persons_token_but_an_administrator(
    client, practitioner, outsider, administrator
):
    create_api_token(staff=practitioner, name="Mine", by=None)
    token = ApiToken.objects.get()
    client.force_login(outsider)
    assert "Mine" not in client.get(reverse("accounts:api-tokens")).content.decode()
    assert client.post(reverse("accounts:api-token-revoke", args=[token.pk])).status_code == 404
    client.force_login(administrator)
    client.post(reverse("accounts:api-token-revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.status == "revoked"
