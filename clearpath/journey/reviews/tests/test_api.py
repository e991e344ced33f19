"""The reviews router over HTTP: the queues, one review, answers (422 with every field at fault),
one-click confirmation (idempotent) and reviews after events; other teams get 404."""

import pytest

from clearpath.journey.reviews.models import Review
from clearpath.platform.accounts.services import create_api_token
from clearpath.platform.api.tests.test_api import Api
from tests.builders import approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, practitioner):
    return Api(client, create_api_token(staff=practitioner, name="tests", by=None))


def test_queue_answers_and_confirm_through_the_api(api, practitioner):
    person = approved(by=practitioner).person
    review = person.reviews.get(kind="first")
    Review.objects.filter(pk=review.pk).update(due_on="2020-01-06")
    status, overdue = api.call("get", "/reviews?show=overdue")
    assert status == 200 and [r["id"] for r in overdue] == [review.pk]
    assert overdue[0]["overdue"] and overdue[0]["team"] == "North team"
    status, body = api.call("post", f"/reviews/{review.pk}/answers", {"changed": True})
    assert status == 422
    assert {e["field"] for e in body["errors"]} == {
        "what_changed",
        "needs_met",
        "money_ok",
        "method",
    }
    status, body = api.call("post", f"/reviews/{review.pk}/answers", {"needs_met": "maybe"})
    assert status == 422 and body["errors"][0]["field"] == "needs_met"
    status, body = api.call("post", f"/reviews/{review.pk}/confirm")
    assert status == 422 and "Record the person's answers" in body["detail"]
    quiet = {"changed": False, "needs_met": "yes", "money_ok": True, "method": "phone"}
    status, body = api.call("post", f"/reviews/{review.pk}/answers", quiet)
    assert status == 200 and body["nothing_changed"] and body["outcomes_achieved"] == "achieved"
    status, done = api.call("post", f"/reviews/{review.pk}/confirm")
    assert status == 200 and done["status"] == "completed" and done["outcome"] == "continuation"
    status, again = api.call("post", f"/reviews/{review.pk}/confirm")
    assert status == 200 and again["next_review_id"] == done["next_review_id"]
    status, nxt = api.call("get", f"/reviews/{done['next_review_id']}")
    assert status == 200 and nxt["kind"] == "annual"


def test_reviews_after_events_and_other_teams(api, client, practitioner, outsider):
    person = approved(by=practitioner).person
    status, body = api.call("post", f"/people/{person.pk}/reviews", {"reason": "full_moon"})
    assert status == 422 and body["errors"][0]["field"] == "reason"
    status, body = api.call(
        "post", f"/people/{person.pk}/reviews", {"reason": "hospital_admission", "details": "Fall"}
    )
    assert status == 201 and body["kind"] == "triggered" and body["trigger"] == "hospital_admission"
    other = Api(client, create_api_token(staff=outsider, name="t", by=None))
    assert other.call("get", f"/reviews/{body['id']}")[0] == 404
    assert other.call("post", f"/reviews/{body['id']}/confirm")[0] == 404
    assert other.call("get", "/reviews?show=all") == (200, [])
