"""People pages through the test client: search, add with errors, record page, permissions."""

import pytest
from django.urls import reverse

from clearpath.journey.people.models import Person
from clearpath.platform.audit.models import AuditEvent
from tests.builders import add_test_person, approved

VALID = {
    "first_name": "Margaret",
    "last_name": "Okafor",
    "date_of_birth-day": "12",
    "date_of_birth-month": "5",
    "date_of_birth-year": "1948",
    "nhs_number": "943 476 5919",
    "address": "14 Mill Lane",
    "postcode": "ls14ap",
    "primary_support_reason": "",
}


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def _valid(**changes):
    from domain import rulepacks

    data = {**VALID, "primary_support_reason": rulepacks.codes().primary_support_reasons[1].code}
    data.update(changes)
    return data


def test_staff_must_sign_in(client):
    response = client.get(reverse("people:person-list"))
    assert response.status_code == 302 and "/sign-in" in response["Location"]


def test_adding_a_person_then_goes_to_recording_the_contact(signed_in):
    response = signed_in.post(reverse("people:person-add"), _valid())
    person = Person.objects.get()
    assert response["Location"] == reverse("contacts:contact-add", args=[person.pk])
    assert (person.nhs_number, person.postcode) == ("9434765919", "LS1 4AP")


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"nhs_number": "943 476 5918"}, "last digit does not match"),
        ({"nhs_number": "12345"}, "10 digits"),
        ({"date_of_birth-year": "2999"}, "must be today or in the past"),
        ({"date_of_birth-month": "13"}, "must be a real date"),
        ({"date_of_birth-day": ""}, "must include a day"),
        ({"first_name": "x" * 101}, "100 characters or fewer"),
        ({"first_name": "Mar\x00garet"}, "hidden control characters"),
        ({"postcode": "not a postcode"}, "real postcode"),
        ({"primary_support_reason": "flying"}, "Choose one of the reasons"),
    ],
)
def test_bad_input_is_refused_with_a_specific_message_and_nothing_is_lost(
    signed_in, changes, message
):
    response = signed_in.post(reverse("people:person-add"), _valid(**changes))
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html and message in html
    assert 'value="14 Mill Lane"' in html or "14 Mill Lane</textarea>" in html
    assert not Person.objects.exists()


def test_the_record_page_shows_the_journey_and_logs_the_view(signed_in, practitioner):
    decision = approved(by=practitioner)
    response = signed_in.get(reverse("people:person-detail", args=[decision.person.pk]))
    html = response.content.decode()
    assert "Personal budget" in html and "£94.50 a week" in html and "Direct payments" in html
    assert "14 Mill Lane<br>Leeds<br>LS1 4AP" in html and "&lt;br" not in html
    assert AuditEvent.objects.filter(
        kind="view", person=decision.person, actor=practitioner
    ).exists()


def test_another_teams_practitioner_gets_not_found(client, practitioner, outsider):
    person = add_test_person(by=practitioner)
    client.force_login(outsider)
    response = client.get(reverse("people:person-detail", args=[person.pk]))
    assert response.status_code == 404
    assert client.get(reverse("people:person-detail", args=[999999])).status_code == 404


def test_search_finds_by_name_postcode_and_nhs_number(signed_in, practitioner):
    add_test_person(by=practitioner)
    for q in ["Okafor", "ls1", "943 476 5919", "Margaret Okafor"]:
        assert (
            "Margaret Okafor"
            in signed_in.get(reverse("people:person-list"), {"q": q}).content.decode()
        ), q
    assert (
        "Nobody matches"
        in signed_in.get(reverse("people:person-list"), {"q": "Zebedee"}).content.decode()
    )


def test_list_pages_use_a_fixed_number_of_queries(
    signed_in, practitioner, django_assert_max_num_queries
):
    from tests.builders import add_test_person as add

    def count(url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert signed_in.get(url).status_code == 200
        return len(ctx.captured_queries)

    add(by=practitioner, nhs_number="9912003888")
    approved(by=practitioner, nhs_number="9434765919", first_name="Ann")
    urls = [
        reverse("people:person-list"),
        reverse("approvals:decision-list"),
        reverse("payments:schedule-list"),
        reverse("reviews:review-list"),
    ]
    before = [count(u) for u in urls]
    for i in range(6):
        approved(by=practitioner, nhs_number="", first_name=f"Extra{i}")
    after = [count(u) for u in urls]
    assert after == before
