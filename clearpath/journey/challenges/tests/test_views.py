"""Challenge pages: the public journey, throttling, the staff queue, answering, and who may see what."""

from datetime import date

from django.test import override_settings
from django.urls import reverse

from clearpath.journey.challenges.models import Challenge
from clearpath.journey.challenges.services import raise_challenge
from clearpath.journey.letters.services import reference_for_calculation
from tests.builders import assessed_person

START = "/challenge-a-budget"


def _letter(practitioner):
    person = assessed_person(by=practitioner)
    return reference_for_calculation(calculation=person.budget_calculations.get(), by=practitioner)


def _find(client, reference, dob=date(1948, 5, 12)):
    return client.post(
        START,
        {
            "reference": reference,
            "date_of_birth-day": str(dob.day),
            "date_of_birth-month": str(dob.month),
            "date_of_birth-year": str(dob.year),
        },
    )


DETAILS = {
    "raised_by": "person",
    "raised_by_name": "Margaret Okafor",
    "reasons": "I need help in the evening too.",
    "what_is_needed": "",
    "contact_by": "post",
    "contact_details": "",
}


def test_the_public_journey_makes_a_routed_challenge_without_signing_in(client, practitioner):
    letter = _letter(practitioner)
    page = client.get(START)
    assert page.status_code == 200 and "Challenge a personal budget" in page.content.decode()
    response = _find(client, letter.code.lower().replace("-", " "))
    assert response.status_code == 302 and response.url == reverse("challenges:public-details")
    details = client.get(response.url).content.decode()
    assert letter.code in details
    assert "Who is making the challenge?</legend>" in details.replace("\n", "").replace("  ", "")
    assert "How should we reply?" in details
    response = client.post(reverse("challenges:public-details"), DETAILS)
    assert response.status_code == 302
    challenge = Challenge.objects.get()
    assert challenge.channel == "online" and challenge.assigned_to == practitioner
    assert challenge.letter == letter
    sent = client.get(response.url).content.decode()
    assert challenge.number in sent and "Priya Tester" in sent
    # The journey is over: going back does not make a second challenge.
    assert client.post(reverse("challenges:public-details"), DETAILS).status_code == 302
    assert Challenge.objects.count() == 1


def test_a_wrong_reference_or_date_of_birth_gives_the_same_generic_error(client, practitioner):
    letter = _letter(practitioner)
    wrong_dob = _find(client, letter.code, date(1950, 1, 1)).content.decode()
    wrong_ref = _find(client, "CP-2222-3333").content.decode()
    message = "We could not find a letter with that reference and date of birth"
    assert message in wrong_dob and message in wrong_ref
    assert "There is a problem" in wrong_dob
    assert 'value="CP-2222-3333"' in wrong_ref  # what was typed is kept
    assert client.session.get("challenge_letter_id") is None


def test_the_details_page_needs_a_found_letter_first(client, db):
    response = client.get(reverse("challenges:public-details"))
    assert response.status_code == 302 and response.url == START


def test_missing_details_are_shown_with_an_error_summary(client, practitioner):
    letter = _letter(practitioner)
    _find(client, letter.code)
    response = client.post(
        reverse("challenges:public-details"),
        {**DETAILS, "reasons": "", "contact_by": "email", "raised_by_name": "Ann"},
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Say why the amount is not enough" in html
    assert "Enter the email address we should use" in html
    assert 'value="Ann"' in html
    assert not Challenge.objects.exists()


@override_settings(CHALLENGE_LOOKUP_FAILURES_PER_HOUR=3)
def test_failed_lookups_are_throttled_per_address(client, practitioner):
    letter = _letter(practitioner)
    for _ in range(3):
        assert _find(client, "CP-2222-3333").status_code == 400
    response = _find(client, letter.code)  # even the right answer is refused for now
    assert response.status_code == 429
    assert "tried too many times" in response.content.decode()
    other = _find(client, letter.code, date(1948, 5, 12))
    assert other.status_code == 429
    # Someone else, from another address, is not affected.
    assert (
        client.post(
            START,
            {
                "reference": letter.code,
                "date_of_birth-day": "12",
                "date_of_birth-month": "5",
                "date_of_birth-year": "1948",
            },
            REMOTE_ADDR="10.0.0.9",
        ).status_code
        == 302
    )


def test_the_public_form_is_csrf_protected(practitioner):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    letter = _letter(practitioner)
    assert strict.post(START, {"reference": letter.code}).status_code == 403


def _challenge(practitioner, **person_details):
    person = assessed_person(by=practitioner, **person_details)
    return raise_challenge(
        person=person,
        by=practitioner,
        calculation=person.budget_calculations.get(),
        channel="phone",
        **DETAILS,
    )


def test_the_queue_shows_yours_first_with_counts(client, practitioner, manager):
    mine = _challenge(practitioner)
    client.force_login(practitioner)
    html = client.get(reverse("challenges:challenge-list")).content.decode()
    assert mine.number in html and ">You<" in html
    assert "answered this month" in html


def test_another_team_sees_neither_the_queue_entry_nor_the_challenge(
    client, practitioner, outsider
):
    c = _challenge(practitioner)
    client.force_login(outsider)
    assert c.number not in client.get(reverse("challenges:challenge-list")).content.decode()
    assert client.get(reverse("challenges:challenge-detail", args=[c.pk])).status_code == 404
    response = client.post(
        reverse("challenges:challenge-answer", args=[c.pk]),
        {"outcome": "not_upheld", "reasons": "No"},
    )
    assert response.status_code == 404
    assert client.get(reverse("challenges:record", args=[c.person_id])).status_code == 404


def test_answering_from_the_detail_page(client, practitioner):
    c = _challenge(practitioner)
    client.force_login(practitioner)
    page = client.get(reverse("challenges:challenge-detail", args=[c.pk])).content.decode()
    for line in c.calculation.explanation[:1]:
        assert line.split("'")[0] in page
    url = reverse("challenges:challenge-answer", args=[c.pk])
    bad = client.post(url, {"outcome": "upheld", "reasons": "", "new_weekly_amount": "abc"})
    assert bad.status_code == 422
    assert "Give the reasons" in bad.content.decode()
    assert "Enter the new weekly amount in pounds" in bad.content.decode()
    good = client.post(
        url,
        {
            "outcome": "partly_upheld",
            "reasons": "We will add an evening visit.",
            "new_weekly_amount": "",
        },
    )
    assert good.status_code == 302
    c.refresh_from_db()
    assert c.outcome == "partly_upheld"
    timeline = client.get(reverse("people:person-timeline", args=[c.person_id])).content.decode()
    assert f"Answered challenge {c.number}" in timeline


def test_staff_record_a_challenge_for_someone(client, practitioner):
    person = assessed_person(by=practitioner)
    calc = person.budget_calculations.get()
    client.force_login(practitioner)
    url = reverse("challenges:record", args=[person.pk])
    form_page = client.get(url).content.decode()
    assert "Record a challenge" in form_page
    assert "Which amount is being challenged?" in form_page
    assert "How did the challenge come in?" in form_page
    empty = client.post(url, {})
    assert empty.status_code == 422 and "Choose which amount" in empty.content.decode()
    response = client.post(url, {**DETAILS, "subject": f"calc-{calc.pk}", "channel": "phone"})
    assert response.status_code == 302
    c = Challenge.objects.get()
    assert (c.channel, c.recorded_by, c.calculation) == ("phone", practitioner, calc)


def test_links_from_the_assessment_result_and_person_pages(client, practitioner):
    person = assessed_person(by=practitioner)
    calc = person.budget_calculations.get()
    client.force_login(practitioner)
    result = client.get(
        reverse("assessments:assessment-result", args=[calc.assessment_id])
    ).content.decode()
    assert reverse("letters:indicative-pdf", args=[person.pk, calc.pk]) in result
    assert reverse("challenges:record", args=[person.pk]) in result
    detail = client.get(reverse("people:person-detail", args=[person.pk])).content.decode()
    assert reverse("challenges:person-challenges", args=[person.pk]) in detail
    assert reverse("challenges:challenge-list") in detail  # the navigation


def test_the_queue_counts_the_upheld_share_of_this_months_answers(client, practitioner):
    from clearpath.journey.challenges.services import answer_challenge

    one, two = _challenge(practitioner), _challenge(practitioner, nhs_number="", first_name="Ann")
    answer_challenge(
        challenge=one, by=practitioner, outcome="upheld", reasons="Yes", new_weekly_amount="150"
    )
    answer_challenge(challenge=two, by=practitioner, outcome="not_upheld", reasons="No")
    client.force_login(practitioner)
    html = client.get(reverse("challenges:challenge-list")).content.decode()
    assert "50%" in html and "There are no open challenges" in html
