"""Reads of many people at once, and every sign-in, write an audit row (issue 16, item 4)."""

import pytest
from django.urls import reverse

from clearpath.platform.accounts.services import create_api_token
from clearpath.platform.audit.models import AuditEvent
from tests.builders import add_test_person, submitted


@pytest.fixture
def three(practitioner):
    return [add_test_person(by=practitioner, first_name=n, nhs_number="") for n in "ABC"]


def _reads(action):
    return list(AuditEvent.objects.filter(action=action, kind=AuditEvent.Kind.VIEW))


def test_the_people_list_page_records_how_many_people_it_showed(client, practitioner, three):
    client.force_login(practitioner)
    assert client.get(reverse("people:person-list")).status_code == 200
    [read] = _reads("people.listed")
    assert read.actor == practitioner and read.changes == {"people": 3}


def test_an_empty_search_records_nothing(client, practitioner, three):
    client.force_login(practitioner)
    client.get(reverse("people:person-list"), {"q": "Nobody-by-this-name"})
    assert _reads("people.listed") == []


def test_the_api_people_list_is_recorded(client, practitioner, three):
    token = create_api_token(staff=practitioner, name="tests", by=None)
    response = client.get("/api/people", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200 and len(response.json()) == 3
    [read] = _reads("people.listed")
    assert read.changes == {"people": 3} and "API" in read.summary


def test_the_decisions_queue_page_and_api_are_recorded(client, manager, practitioner):
    submitted(by=practitioner)
    client.force_login(manager)
    assert client.get(reverse("approvals:decision-list"), {"queue": "team"}).status_code == 200
    assert client.get("/api/decisions").status_code == 200
    reads = _reads("decisions.listed")
    assert [r.changes for r in reads] == [{"people": 1}, {"people": 1}]


def test_sign_in_sign_out_and_a_refused_sign_in_are_recorded(client, practitioner):
    practitioner.set_password("a long enough passphrase")
    practitioner.save()
    url = reverse("accounts:login")
    client.post(url, {"username": practitioner.username, "password": "wrong"})
    client.post(url, {"username": "nobody", "password": "wrong"})
    client.post(url, {"username": practitioner.username, "password": "a long enough passphrase"})
    client.post(reverse("accounts:logout"))
    rows = AuditEvent.objects.filter(action__startswith="staff.sign").order_by("id")
    assert [(r.action, r.object_id) for r in rows] == [
        ("staff.sign_in_failed", str(practitioner.pk)),
        ("staff.sign_in_failed", ""),
        ("staff.signed_in", str(practitioner.pk)),
        ("staff.signed_out", str(practitioner.pk)),
    ]
    assert "wrong" not in str([(r.summary, r.changes) for r in rows])


def test_reading_the_audit_trail_is_itself_recorded(client, administrator, practitioner, three):
    client.force_login(administrator)
    assert client.get("/admin/audit/auditevent/").status_code == 200
    [read] = _reads("audit.viewed")
    assert read.actor == administrator and read.changes["people"] == 3


def test_a_team_manager_sees_who_has_looked_at_a_record(client, practitioner, manager, south):
    from conftest import _staff

    outsider = _staff("sam", manager.Role.TEAM_MANAGER, south, "1500.00")
    person = add_test_person(by=practitioner, nhs_number="")
    client.force_login(practitioner)
    client.get(reverse("people:person-detail", args=[person.pk]))
    client.force_login(manager)
    url = reverse("people:person-looked-at", args=[person.pk])
    detail = client.get(reverse("people:person-detail", args=[person.pk])).content.decode()
    assert url in detail
    page = client.get(url).content.decode()
    assert "Who has looked at this record" in page
    assert practitioner.get_full_name() in page and "practitioner" in page
    assert "List of who has looked at the record" in page  # this visit, newest first
    # Practitioners, and managers of other teams, get the same 404 as a missing record.
    client.force_login(practitioner)
    assert client.get(url).status_code == 404
    client.force_login(outsider)
    assert client.get(url).status_code == 404
