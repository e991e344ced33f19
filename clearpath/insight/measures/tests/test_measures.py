"""The bureaucracy dashboard from real records: who decided, waits, typed twice, teams, CSV,
bad periods, and the same number of queries however many people there are."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clearpath.insight.measures.selectors import Period, dashboard, team_view
from tests.builders import add_test_person, approved

TODAY = timezone.localdate()
YEAR = Period(TODAY - timedelta(days=364), TODAY)


@pytest.mark.django_db
def test_an_approved_plan_is_counted_as_the_practitioners_decision(practitioner):
    approved(by=practitioner)
    d = dashboard(YEAR)
    assert d.decisions == 1
    assert d.decided_by[0] == ("Practitioner", 1, 100)
    # the builders' contact is on 1 October 2026; everything else happened today
    assert d.days["days_to_decision"].count == 1
    assert d.days["days_to_decision"].median == (TODAY - date(2026, 10, 1)).days
    assert d.questions.median == 10  # one answer for each of the ten outcomes
    assert d.handoffs.median == 1  # one practitioner did everything
    assert (d.budgets, d.direct_payments, d.direct_payment_share) == (1, 1, 100)


@pytest.mark.django_db
def test_a_person_added_twice_is_counted(practitioner):
    add_test_person(by=practitioner)
    add_test_person(by=practitioner, nhs_number="")  # the same Margaret Okafor, typed again
    add_test_person(by=practitioner, nhs_number="", first_name="Ken")
    d = dashboard(YEAR)
    assert (d.people_added, d.typed_twice) == (3, 1)


@pytest.mark.django_db
def test_a_team_sees_only_its_own_figures(practitioner, outsider):
    approved(by=practitioner)
    assert dashboard(Period(YEAR.start, YEAR.end, outsider.team_id)).decisions == 0
    assert dashboard(Period(YEAR.start, YEAR.end, practitioner.team_id)).decisions == 1


@pytest.mark.django_db
def test_the_team_page_shows_take_up_and_where_cases_wait(practitioner):
    approved(by=practitioner)
    add_test_person(by=practitioner, nhs_number="", first_name="Ken")  # waiting for assessment
    view = team_view(practitioner.team, TODAY)
    assert view["team_take_up"]["share"] == 100
    waiting = dict(view["waiting"])
    assert waiting["Waiting for an assessment to start"].count == 1
    assert waiting["Waiting for an assessment to start"].median == (TODAY - date(2026, 10, 1)).days


@pytest.mark.django_db
def test_the_pages_and_the_csv(client, practitioner):
    approved(by=practitioner)
    client.force_login(practitioner)
    page = client.get(reverse("measures:dashboard"))
    assert page.status_code == 200
    assert b"How much process people go through" in page.content
    assert b"of plans decided by the practitioner" in page.content
    assert client.get(reverse("measures:definitions")).status_code == 200
    team = client.get(reverse("measures:team", args=[practitioner.team_id]))
    assert b"Where cases are waiting" in team.content
    assert client.get(reverse("measures:team", args=[999])).status_code == 404
    download = client.get(reverse("measures:csv"))
    lines = download.content.decode().splitlines()
    assert lines[0] == "Measure,Part,Value,From,To,Team"
    assert "Who decided,Practitioner,1," in download.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, message",
    [
        (
            {
                "start-day": "1",
                "start-month": "6",
                "start-year": "2026",
                "end-day": "1",
                "end-month": "1",
                "end-year": "2026",
            },
            "on or before its end",
        ),
        ({"start-day": "31", "start-month": "2", "start-year": "2026"}, "must be a real date"),
        (
            {
                "start-day": "1",
                "start-month": "1",
                "start-year": "2020",
                "end-day": "1",
                "end-month": "1",
                "end-year": "2026",
            },
            "3 years or less",
        ),
        ({"team": "abc"}, "Select a valid choice"),
    ],
)
def test_a_bad_period_gets_a_clear_message_not_a_500(client, practitioner, query, message):
    client.force_login(practitioner)
    page = client.get(reverse("measures:dashboard"), query)
    assert page.status_code == 200
    assert b"There is a problem" in page.content and message.encode() in page.content
    assert client.get(reverse("measures:csv"), query).status_code == 400


@pytest.mark.django_db
def test_the_dashboard_makes_the_same_queries_however_many_people(client, practitioner):
    client.force_login(practitioner)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("measures:dashboard")).status_code == 200
            assert (
                client.get(reverse("measures:team", args=[practitioner.team_id])).status_code == 200
            )
        return len(ctx.captured_queries)

    approved(by=practitioner)
    few = queries()
    for i in range(4):
        approved(by=practitioner, nhs_number="", first_name=f"Person{i}")
    assert queries() == few


@pytest.mark.django_db
def test_signed_out_people_cannot_see_measures(client):
    assert client.get(reverse("measures:dashboard")).status_code == 302


@pytest.mark.django_db
def test_the_figures_are_kept_until_a_change_commits(
    settings, practitioner, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from clearpath.insight.measures.selectors import cached_dashboard

    cache.clear()
    settings.MEASURES_CACHE_SECONDS = 600
    first, counted = cached_dashboard(YEAR)
    assert cached_dashboard(YEAR)[1] == counted  # kept while nothing changes
    with django_capture_on_commit_callbacks(execute=False):
        approved(by=practitioner)  # not committed yet: nobody may count it
    again, counted_again = cached_dashboard(YEAR)
    assert (again.decisions, counted_again) == (first.decisions, counted)  # kept
    with django_capture_on_commit_callbacks(execute=True):
        approved(by=practitioner, nhs_number="", first_name="Ken")
    fresh, counted_fresh = cached_dashboard(YEAR)
    assert fresh.decisions == first.decisions + 2 and counted_fresh > counted  # counted afresh
    settings.MEASURES_CACHE_SECONDS = 0
    assert cached_dashboard(YEAR)[0].decisions == first.decisions + 2
    cache.clear()


@pytest.mark.django_db
def test_looking_at_a_record_does_not_make_the_figures_stale(
    settings, client, practitioner, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from clearpath.insight.measures.selectors import cached_dashboard

    person = add_test_person(by=practitioner)
    cache.clear()
    settings.MEASURES_CACHE_SECONDS = 600
    counted = cached_dashboard(YEAR)[1]
    client.force_login(practitioner)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(reverse("people:person-detail", args=[person.pk])).status_code == 200
    assert cached_dashboard(YEAR)[1] == counted
    cache.clear()


@pytest.mark.django_db
def test_reviews_are_counted_light_touch_or_full(practitioner):
    from clearpath.journey.reviews import services as reviews

    person = approved(by=practitioner).person
    review = person.reviews.get(kind="first")
    quiet = {"changed": False, "needs_met": "yes", "money_ok": True, "method": "phone"}
    reviews.record_answers(review=review, by=practitioner, data=quiet)
    reviews.confirm_no_change(review=review, by=practitioner, today=TODAY)
    d = dashboard(YEAR)
    assert (d.reviews_light, d.reviews_full) == (1, 0)
