"""The challenges router, mounted on a throwaway API with the same error handlers as the real one."""

import json

import pytest
from django.test import RequestFactory

from clearpath.journey.challenges import api as challenges_api
from clearpath.journey.challenges.models import Challenge
from clearpath.journey.challenges.services import raise_challenge
from tests.builders import assessed_person


@pytest.fixture
def challenge(practitioner):
    person = assessed_person(by=practitioner)
    return raise_challenge(
        person=person,
        by=practitioner,
        calculation=person.budget_calculations.get(),
        channel="phone",
        raised_by="person",
        raised_by_name="Margaret Okafor",
        reasons="Not enough for evenings",
        contact_by="post",
    )


def _call(view, user, **kwargs):
    request = RequestFactory().get("/")
    request.auth = request.user = user
    return view(request, **kwargs)


def test_list_and_get_show_only_what_the_user_may_see(challenge, practitioner, outsider):
    mine = _call(challenges_api.list_challenges, practitioner, status="open", offset=0, limit=50)
    assert [c["number"] for c in mine] == [challenge.number]
    assert _call(challenges_api.list_challenges, outsider, status="all", offset=0, limit=50) == []
    from django.http import Http404

    with pytest.raises(Http404):
        _call(challenges_api.get_challenge, outsider, challenge_id=challenge.pk)
    assert (
        _call(challenges_api.get_challenge, practitioner, challenge_id=challenge.pk)["status"]
        == "open"
    )


def test_answer_through_the_router(challenge, practitioner):
    payload = challenges_api.AnswerIn(outcome="not_upheld", reasons="The plan covers evenings.")
    out = _call(challenges_api.answer, practitioner, challenge_id=challenge.pk, payload=payload)
    assert out["status"] == "answered" and out["outcome"] == "not_upheld"
    assert Challenge.objects.get().answered_by == practitioner
    json.dumps(challenges_api.ChallengeOut(**out).model_dump(mode="json"))
