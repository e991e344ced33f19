"""Two-factor sign-in: set up, sign in with the app's code or a recovery code, reset by an
administrator; no page but sign-in and two-factor is reachable without the second factor."""

import base64
import re
import time

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from clearpath.platform.audit.models import AuditEvent

PASSWORD = "correct horse battery"


def _code(key: bytes, step_after: int = -1) -> str:
    totp = TOTP(key)
    totp.time = time.time()
    if totp.t() <= step_after:
        totp.time += 30
    return f"{totp.token():06d}"


def _password(client, staff, next_url=""):
    url = reverse("accounts:login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"username": staff.username, "password": PASSWORD}, follow=True)


def _set_up(client, staff):
    page = _password(client, staff)
    assert page.redirect_chain[-1][0].startswith(reverse("accounts:two-factor-set-up"))
    html = page.content.decode()
    key = re.search(r'id="key">([A-Z2-7 ]+)<', html).group(1).replace(" ", "")
    key = base64.b32decode(key + "=" * (-len(key) % 8))
    done = client.post(page.redirect_chain[-1][0], {"code": _code(key)})
    codes = re.findall(r"<code>(\d{5}) (\d{5})</code>", done.content.decode())
    return key, ["".join(c) for c in codes]


@pytest.fixture
def fresh():
    return Client()


def test_the_first_sign_in_sets_up_the_app_and_gives_ten_recovery_codes(fresh, practitioner):
    people = reverse("people:person-list")
    page = _password(fresh, practitioner, next_url=people)
    assert "Set up two-factor sign-in" in page.content.decode()
    assert 'src="data:image/svg+xml;charset=utf-8,%3Csvg%20xmlns' in page.content.decode()
    assert fresh.get(people).status_code == 302  # nothing else until it is set up
    bad = fresh.post(page.redirect_chain[-1][0], {"code": "123456"})
    assert bad.status_code == 422 and "That code is not right" in bad.content.decode()
    time.sleep(1.1)  # a wrong code makes the next try wait a second
    key, codes = _set_up(fresh, practitioner)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert fresh.get(people).status_code == 200
    assert AuditEvent.objects.filter(action="staff.two_factor_set_up").count() == 1


def test_later_sign_ins_need_the_apps_code_and_come_back_where_they_were(fresh, practitioner):
    key, _ = _set_up(fresh, practitioner)
    device = TOTPDevice.objects.get(user=practitioner)
    again = Client()
    url = reverse("people:person-list") + "?q=Ok"
    page = _password(again, practitioner, next_url=url.replace("?", "%3F").replace("=", "%3D"))
    assert "Enter your sign-in code" in page.content.decode()
    assert again.get(reverse("people:person-list")).status_code == 302
    wrong = again.post(page.redirect_chain[-1][0], {"code": "000000"})
    assert wrong.status_code == 422 and "That code is not right" in wrong.content.decode()
    time.sleep(1.1)  # a wrong code makes the next try wait a second
    device.refresh_from_db()
    ok = again.post(page.redirect_chain[-1][0], {"code": _code(key, device.last_t)})
    assert ok.status_code == 302 and ok["Location"] == url
    assert again.get(url).status_code == 200
    assert AuditEvent.objects.filter(action="staff.two_factor_failed").count() == 1


def test_a_recovery_code_works_once(fresh, practitioner):
    _, codes = _set_up(fresh, practitioner)
    for n, expected in ((0, 302), (0, 422)):
        client = Client()
        page = _password(client, practitioner)
        answer = client.post(page.redirect_chain[-1][0], {"code": codes[n]})
        assert answer.status_code == expected
        time.sleep(1.1)
    used = AuditEvent.objects.get(action="staff.recovery_code_used")
    assert used.changes == {"left": 9}


def test_an_administrator_resets_a_lost_phone_and_it_is_audited(
    fresh, practitioner, administrator, client
):
    _set_up(fresh, practitioner)
    client.force_login(administrator)
    listing = client.get(reverse("accounts:staff-list")).content.decode()
    assert f"Reset two-factor sign-in for {practitioner.get_full_name()}" in listing
    client.post(reverse("accounts:two-factor-reset", args=[practitioner.pk]))
    assert not TOTPDevice.objects.filter(user=practitioner).exists()
    reset = AuditEvent.objects.get(action="staff.two_factor_reset")
    assert reset.actor == administrator and reset.object_id == str(practitioner.pk)
    # The old session no longer counts as verified: back to setting up.
    assert fresh.get(reverse("people:person-list")).status_code == 302
    assert "Set up two-factor sign-in" in _password(Client(), practitioner).content.decode()


def test_only_administrators_reset(client, practitioner, manager):
    client.force_login(manager)
    assert client.get(reverse("accounts:staff-list")).status_code == 404
    url = reverse("accounts:two-factor-reset", args=[practitioner.pk])
    assert client.post(url).status_code == 404


def test_without_the_second_factor_no_page_and_no_api(fresh, practitioner):
    _password(fresh, practitioner)
    for path in ("/people/", "/decisions/", "/finance/", "/admin/", "/account/api-tokens"):
        response = fresh.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("accounts:two-factor-set-up"))
    assert fresh.get("/api/people").status_code == 401
