"""Review pages: queues by team in a fixed number of queries, least privilege, the person's link,
one-click confirmation, and the revised plan compared side by side."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clearpath.journey.reviews import services
from clearpath.journey.reviews.models import Review
from clearpath.journey.reviews.tests.conftest import QUIET
from tests.builders import approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_queues_use_a_fixed_number_of_queries(
    signed_in, practitioner, django_assert_max_num_queries
):
    approved(by=practitioner, nhs_number="", first_name="Ann")
    urls = [reverse("reviews:review-list") + f"?show={s}" for s in ("overdue", "due_soon", "all")]
    before = [_count(signed_in, u) for u in urls]
    for i in range(8):
        approved(by=practitioner, nhs_number="", first_name=f"Extra{i}")
    for url, n in zip(urls, before, strict=True):
        with django_assert_max_num_queries(n):
            signed_in.get(url)


def test_overdue_reviews_show_per_team_and_only_for_the_users_team(
    signed_in, client, practitioner, outsider
):
    person = approved(by=practitioner).person  # first review due 14 December 2026
    Review.objects.filter(person=person, kind="first").update(due_on=date(2020, 1, 6))
    page = signed_in.get(reverse("reviews:review-list")).content.decode()
    assert "North team" in page and "Margaret Okafor" in page and "Overdue" in page
    assert "1 overdue" in page
    client.force_login(outsider)
    page = client.get(reverse("reviews:review-list")).content.decode()
    assert "Margaret Okafor" not in page and "North team" not in page
    review = person.reviews.get(kind="first")
    assert client.get(reverse("reviews:review-detail", args=[review.pk])).status_code == 404
    assert client.post(reverse("reviews:confirm", args=[review.pk])).status_code == 404


def test_the_person_answers_on_their_link_once(client, practitioner):
    review = approved(by=practitioner).person.reviews.get(kind="first")
    _, token = services.make_person_link(review=review, by=practitioner)
    url = reverse("reviews:person-answer", args=[token])
    page = client.get(url).content.decode()
    assert "Your review, Margaret" in page and "Have a bath every other day" in page
    bad = client.post(url, {"changed": "yes", "what_changed": "", "own_words": "Still <b>ok"})
    assert bad.status_code == 422
    text = bad.content.decode()
    assert "Say what has changed" in text and "Say whether your needs are being met" in text
    assert "Still &lt;b&gt;ok" in text  # what they typed is kept, escaped
    done = client.post(url, {"changed": "no", "needs_met": "yes", "money_ok": "yes"}, follow=True)
    assert "Thank you, your answers have been sent" in done.content.decode()
    again = client.get(url)
    assert again.status_code == 410 and "already been used" in again.content.decode()
    assert "What to do next" in again.content.decode()
    unknown = client.get(reverse("reviews:person-answer", args=["nope"]))
    assert unknown.status_code == 404 and "does not work" in unknown.content.decode()


def test_the_practitioner_confirms_in_one_click(signed_in, practitioner):
    review = approved(by=practitioner).person.reviews.get(kind="first")
    services.record_answers(review=review, by=practitioner, data={**QUIET, "method": "phone"})
    page = signed_in.get(reverse("reviews:review-detail", args=[review.pk])).content.decode()
    assert "Confirm: nothing has changed" in page
    done = signed_in.post(reverse("reviews:confirm", args=[review.pk]), follow=True)
    text = done.content.decode()
    assert "Review confirmed" in text and "Continuation of support or services" in text
    assert "Planned" in text
    signed_in.post(reverse("reviews:confirm", args=[review.pk]))
    assert Review.objects.filter(kind="annual").count() == 1


def test_the_light_touch_page_keeps_answers_and_shows_errors(signed_in, practitioner):
    review = approved(by=practitioner).person.reviews.get(kind="first")
    url = reverse("reviews:light-touch", args=[review.pk])
    assert signed_in.get(url).status_code == 200
    r = signed_in.post(url, {"changed": "no", "needs_met": "partly", "money_ok": "yes"})
    assert r.status_code == 422 and "Say how the review was done" in r.content.decode()
    assert 'value="partly" checked' in r.content.decode()
    r = signed_in.post(
        url, {"changed": "no", "needs_met": "partly", "money_ok": "yes", "method": "phone"}
    )
    assert r.status_code == 302
    page = signed_in.get(reverse("reviews:review-detail", args=[review.pk])).content.decode()
    assert "this needs a full review" in page and "Start the reassessment" in page


def test_asking_for_a_review_after_a_hospital_stay(signed_in, practitioner):
    person = approved(by=practitioner).person
    url = reverse("reviews:request", args=[person.pk])
    r = signed_in.post(url, {"details": "Fell at home"})
    assert r.status_code == 422 and "Choose why the review is needed" in r.content.decode()
    r = signed_in.post(
        url, {"reason": "hospital_admission", "details": "Fell at home"}, follow=True
    )
    assert "Review after a change" in r.content.decode()
    assert "The person went into hospital: Fell at home" in r.content.decode()
    detail = signed_in.get(reverse("people:person-detail", args=[person.pk])).content.decode()
    assert "Ask for a review" in detail and "Review after a change" in detail


def test_the_link_page_is_made_once_and_shown_once(signed_in, practitioner):
    review = approved(by=practitioner).person.reviews.get(kind="first")
    r = signed_in.post(reverse("reviews:make-link", args=[review.pk]))
    assert r.status_code == 200 and "/reviews/your-review/" in r.content.decode()


def test_someone_elses_change_to_the_answers_is_not_overwritten(signed_in, practitioner):
    review = approved(by=practitioner).person.reviews.get(kind="first")
    url = reverse("reviews:light-touch", args=[review.pk])
    stale = {"changed": "no", "needs_met": "yes", "money_ok": "yes", "method": "phone"}
    services.record_answers(review=review, by=practitioner, data={**QUIET, "method": "video"})
    r = signed_in.post(url, {**stale, "row_version": "1"})
    assert r.status_code == 422 and "Someone else changed this review" in r.content.decode()
    review.refresh_from_db()
    assert review.method == "video"


def test_completed_reviews_become_cld_review_events(practitioner):
    from clearpath.insight.returns.services import build_extract

    person = approved(by=practitioner).person
    review = person.reviews.get(kind="first")
    services.record_answers(review=review, by=practitioner, data={**QUIET, "method": "phone"})
    services.confirm_no_change(review=review, by=practitioner, today=date(2026, 12, 14))
    extract = build_extract(date(2026, 12, 31), date(2027, 1, 10))
    rows = [r for r in extract.rows if r["Event_Type"] == "Review"]
    assert len(rows) == 1
    row = rows[0]
    assert (row["Event_Outcome"], row["Review_Reason"]) == (
        "Continuation of support or services",
        "Planned",
    )
    assert row["Review_Outcomes_Achieved"] == "Outcomes achieved"
    assert row["Method_of_Review"] == "On the phone" and row["Event_End_Date"] == "2026-12-14"
    review_fields = {
        "Review_Reason",
        "Review_Outcomes_Achieved",
        "Method_of_Review",
        "Event_Outcome",
    }
    assert not [
        f for f in extract.failures if f.event_type == "Review" and f.field in review_fields
    ]


def test_on_the_phone_save_and_confirm_is_one_click(signed_in, practitioner):
    review = approved(by=practitioner).person.reviews.get(kind="first")
    url = reverse("reviews:light-touch", args=[review.pk])
    quiet = {"changed": "no", "needs_met": "yes", "money_ok": "yes", "method": "phone"}
    changed = {**quiet, "changed": "yes", "what_changed": "Moved house"}
    r = signed_in.post(url, {**changed, "action": "confirm"}, follow=True)
    assert "start a reassessment instead" in r.content.decode()
    review.refresh_from_db()
    assert review.status == "scheduled" and review.answers["what_changed"] == "Moved house"
    r = signed_in.post(url, {**quiet, "action": "confirm"}, follow=True)
    assert "Review confirmed" in r.content.decode()
    review.refresh_from_db()
    assert review.status == "completed" and review.method == "phone"


def test_the_persons_link_page_is_not_cached_or_indexed(client, practitioner):
    review = approved(by=practitioner).person.reviews.get(kind="first")
    _, token = services.make_person_link(review=review, by=practitioner)
    r = client.get(reverse("reviews:person-answer", args=[token]))
    assert "no-store" in r["Cache-Control"] and 'content="noindex, nofollow"' in r.content.decode()
