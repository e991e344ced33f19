"""The carers API router, mounted on a test API with the real token authentication."""

import pytest
from ninja import NinjaAPI
from ninja.testing import TestClient

from clearpath.journey.carers.api import router
from clearpath.journey.carers.models import CarerAssessment
from clearpath.platform.accounts.services import create_api_token
from clearpath.platform.api.auth import TokenAuth
from domain import rulepacks
from tests.builders import add_test_person, carer_assessed

pytestmark = pytest.mark.django_db
CODES = [o.code for o in rulepacks.carer_question_set().outcomes]

test_api = NinjaAPI(auth=[TokenAuth()], urls_namespace="carers-api-test")
test_api.add_router("", router)


def _client(staff):
    token = create_api_token(staff=staff, name="tests", by=None)
    return TestClient(test_api, headers={"Authorization": f"Bearer {token}"})


def _answers(**ways):
    return {c: {"ways": ways.get(c, []), "none": c not in ways} for c in CODES}


def test_start_then_complete_gives_reasons_and_the_budget(practitioner):
    carer = add_test_person(by=practitioner)
    api = _client(practitioner)
    started = api.post(f"/people/{carer.pk}/carer-assessments", json={})
    assert started.status_code == 201
    body = started.json()
    assert body["status"] == "draft" and body["missing"][0]["field"] == "necessary_care"
    done = api.post(
        f"/carer-assessments/{body['id']}/complete",
        json={
            "row_version": body["row_version"],
            "answers": _answers(recreation=["pain_or_distress"]),
            "necessary_care": True,
            "health_at_risk": True,
            "wellbeing_impact": True,
            "needs_fluctuate": True,
            "fluctuation": "the last 3 months",
        },
    )
    assert done.status_code == 200
    out = done.json()
    assert out["eligible"] is True and out["rule"] == "SI 2015/313 reg 3"
    assert any("reg 3(2)(b)(viii)" in r for r in out["reasons"])
    assert out["reasons"][-1].startswith("Needs fluctuate: considered over the last 3 months")
    assert out["budget"]["amount"] == "300.00" and out["budget"]["explanation"]
    again = api.get(f"/carer-assessments/{body['id']}").json()
    assert again["budget"]["arithmetic"] == out["budget"]["arithmetic"]


def test_takes_longer_is_refused_with_422_naming_the_field(practitioner):
    a = carer_assessed(by=practitioner, complete=False)
    response = _client(practitioner).post(
        f"/carer-assessments/{a.pk}/complete",
        json={"answers": {"nutrition": {"ways": ["takes_longer"]}}},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "nutrition_ways"
    assert CarerAssessment.objects.get(pk=a.pk).is_draft


def test_completing_with_answers_missing_is_422(practitioner):
    carer = add_test_person(by=practitioner)
    api = _client(practitioner)
    aid = api.post(f"/people/{carer.pk}/carer-assessments", json={}).json()["id"]
    response = api.post(f"/carer-assessments/{aid}/complete", json={})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "necessary_care"


def test_a_stale_row_version_is_409(practitioner):
    a = carer_assessed(by=practitioner, complete=False)
    response = _client(practitioner).post(
        f"/carer-assessments/{a.pk}/complete", json={"row_version": 1, "necessary_care": True}
    )
    assert response.status_code == 409


@pytest.mark.parametrize(
    "body",
    [{"unknown": 1}, {"necessary_care": "perhaps"}, {"fluctuation": "x" * 2001}],
)
def test_malformed_input_is_422(practitioner, body):
    a = carer_assessed(by=practitioner, complete=False)
    assert (
        _client(practitioner).post(f"/carer-assessments/{a.pk}/complete", json=body).status_code
        == 422
    )


def test_another_team_gets_404_and_cannot_complete(practitioner, outsider):
    a = carer_assessed(by=practitioner, complete=False)
    api = _client(outsider)
    assert api.get(f"/carer-assessments/{a.pk}").status_code == 404
    assert api.post(f"/carer-assessments/{a.pk}/complete", json={}).status_code == 404
    assert api.post(f"/people/{a.person_id}/carer-assessments", json={}).status_code == 404
    assert CarerAssessment.objects.get(pk=a.pk).is_draft


def test_a_cared_for_person_from_another_team_is_refused(practitioner, outsider):
    other = add_test_person(by=outsider, nhs_number="")
    carer = add_test_person(by=practitioner)
    response = _client(practitioner).post(
        f"/people/{carer.pk}/carer-assessments", json={"cared_for_id": other.pk}
    )
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "cared_for_id"
