"""The whole journey through the HTTP API alone, and the API's answers to bad input."""

import json

import pytest

from clearpath.platform.accounts.services import create_api_token
from domain import rulepacks
from tests.builders import add_test_person


class Api:
    def __init__(self, client, token):
        self.client, self.headers = client, {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    def call(self, method, path, body=None):
        kwargs = (
            {"content_type": "application/json", "data": json.dumps(body)}
            if body is not None
            else {}
        )
        response = getattr(self.client, method)(f"/api{path}", **kwargs, **self.headers)
        return response.status_code, response.json() if response.content else None


@pytest.fixture
def api(client, practitioner):
    return Api(client, create_api_token(staff=practitioner, name="tests", by=None))


PERSON = {
    "first_name": "Margaret",
    "last_name": "Okafor",
    "date_of_birth": "1948-05-12",
    "nhs_number": "9434765919",
    "address": "14 Mill Lane, Leeds",
    "postcode": "LS1 4AP",
}


def person_body(**changes):
    return {
        **PERSON,
        "primary_support_reason": rulepacks.codes().primary_support_reasons[1].code,
        **changes,
    }


def test_one_person_from_contact_to_scheduled_payments_through_the_api_alone(api):
    status, person = api.call("post", "/people", person_body())
    assert status == 201 and person["stage"] == "contact"
    pid = person["id"]
    assert (
        api.call(
            "post", f"/people/{pid}/representatives", {"name": "Ada Okafor", "kind": "family"}
        )[0]
        == 201
    )
    assert (
        api.call(
            "post",
            f"/people/{pid}/contacts",
            {
                "received_on": "2026-11-01",
                "route_of_access": "self",
                "summary": "Help with washing",
            },
        )[0]
        == 201
    )
    status, a = api.call("post", f"/people/{pid}/assessments", {"mode": "supported"})
    assert status == 201 and a["missing"]
    answers = {o.code: {"help": "none"} for o in rulepacks.question_set().outcomes}
    answers |= {
        "hygiene": {"help": "full", "ways": ["needs_help"]},
        "nutrition": {"help": "a_lot", "ways": ["danger"]},
    }
    status, a = api.call(
        "patch",
        f"/assessments/{a['id']}",
        {
            "row_version": a["row_version"],
            "answers": answers,
            "needs_arise_from_impairment": True,
            "wellbeing_impact": True,
            "unpaid_care": "none",
            "needs_fluctuate": True,
            "fluctuation_words": "Worse in winter",
        },
    )
    assert status == 200 and a["missing"] == [] and a["fluctuation_words"] == "Worse in winter"
    status, a = api.call("post", f"/assessments/{a['id']}/submit")
    assert status == 200 and a["eligibility"]["eligible"] and a["budget"]["weekly_amount"]
    indicative = a["budget"]["weekly_amount"]
    assert (
        "Your answers about washing and personal hygiene added 6 points."
        in (a["budget"]["explanation"])
    )
    assert a["budget"]["arithmetic"] and a["budget"]["outside_ras"] is False
    status, plan = api.call("post", f"/people/{pid}/plans")
    assert status == 201 and plan["indicative_weekly"] == indicative
    status, plan = api.call(
        "put",
        f"/plans/{plan['id']}",
        {
            "row_version": plan["row_version"],
            "led_by": "person",
            "deployment": "direct_payment",
            "what_matters": "Staying at home",
            "outcomes": ["A bath every other day"],
            "lines": [
                {
                    "description": "Personal assistant",
                    "unit_cost": "13.50",
                    "quantity": "7",
                    "frequency": "weekly",
                }
            ],
        },
    )
    assert status == 200 and plan["weekly_total"] == "94.50"
    status, route = api.call("get", f"/plans/{plan['id']}/route")
    assert route["route"] == "practitioner"
    status, decision = api.call("post", f"/plans/{plan['id']}/submit")
    assert status == 201 and decision["route"] == "practitioner" and decision["status"] == "pending"
    status, decision = api.call(
        "post", f"/decisions/{decision['id']}/approve", {"row_version": decision["row_version"]}
    )
    assert status == 200 and decision["status"] == "approved"
    status, budget = api.call("get", f"/people/{pid}/personal-budget")
    assert (
        status == 200
        and budget["weekly_gross"] == "94.50"
        and budget["amount_per_payment"] == "378.00"
    )
    assert budget["explanation"][0] == "Your personal budget is £94.50 a week (£4,914.00 a year)."
    assert budget["indicative"]["weekly_amount"] == indicative
    assert len(budget["payments"]) == 13 and {r["kind"] for r in budget["reviews"]} == {
        "first",
        "direct_payment",
    }
    status, events = api.call("get", f"/people/{pid}/timeline")
    assert [e["action"] for e in events][-1] == "review.scheduled"


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"nhs_number": "9434765918"}, "nhs_number"),
        ({"date_of_birth": "2999-01-01"}, "date_of_birth"),
        ({"date_of_birth": "not a date"}, "date_of_birth"),
        ({"first_name": "x" * 101}, "first_name"),
        ({"first_name": "Mar\u0000garet"}, "first_name"),
        ({"postcode": "nowhere"}, "postcode"),
        ({"primary_support_reason": "flying"}, "primary_support_reason"),
    ],
)
def test_bad_people_get_422_with_the_field_named(api, changes, field):
    status, body = api.call("post", "/people", person_body(**changes))
    assert status == 422, body
    assert field in [e["field"] for e in body["errors"]]


def test_every_problem_with_a_person_is_reported_at_once_in_plain_english(api):
    status, body = api.call(
        "post", "/people", person_body(first_name="", nhs_number="123", postcode="x")
    )
    assert status == 422
    messages = {e["field"]: e["message"] for e in body["errors"]}
    assert messages["first_name"] == "Enter the person's first name"
    assert "10 digits" in messages["nhs_number"] and "real postcode" in messages["postcode"]


def test_negative_and_non_numeric_costs_get_422(api, practitioner):
    from tests.builders import assessed_person

    pid = assessed_person(by=practitioner).pk
    _, plan = api.call("post", f"/people/{pid}/plans")
    for cost in ["-5", "abc", "1e400"]:
        status, body = api.call(
            "put",
            f"/plans/{plan['id']}",
            {
                "row_version": plan["row_version"],
                "led_by": "person",
                "deployment": "direct_payment",
                "lines": [{"description": "PA", "unit_cost": cost, "quantity": "1"}],
            },
        )
        assert status == 422, (cost, body)


def test_without_a_token_the_api_answers_401(client, db):
    assert client.get("/api/people").status_code == 401
    assert client.get("/api/people", HTTP_AUTHORIZATION="Bearer nonsense").status_code == 401


def test_other_teams_people_are_404_through_the_api(client, practitioner, outsider):
    person = add_test_person(by=practitioner)
    other = Api(client, create_api_token(staff=outsider, name="t", by=None))
    assert other.call("get", f"/people/{person.pk}")[0] == 404
    assert (
        other.call(
            "post",
            f"/people/{person.pk}/contacts",
            {"received_on": "2026-11-01", "route_of_access": "self", "summary": "x"},
        )[0]
        == 404
    )


def test_the_openapi_schema_and_docs_are_published(client):
    schema = client.get("/api/openapi.json").json()
    assert (
        "/api/people" in schema["paths"]
        and "/api/decisions/{decision_id}/approve" in schema["paths"]
    )
    assert client.get("/api/docs").status_code == 200


def test_a_plan_costing_a_million_pounds_a_week_is_refused_not_overflowed(api, practitioner):
    from tests.builders import assessed_person

    pid = assessed_person(by=practitioner).pk
    _, plan = api.call("post", f"/people/{pid}/plans")
    line = {"description": "PA", "unit_cost": "999999", "quantity": "2", "frequency": "weekly"}
    status, body = api.call(
        "put",
        f"/plans/{plan['id']}",
        {
            "row_version": plan["row_version"],
            "led_by": "person",
            "deployment": "direct_payment",
            "lines": [line],
        },
    )
    assert status == 422
    assert body["errors"][0]["field"] == "lines"


def test_wrong_methods_and_unreadable_bodies_get_json_errors(api):
    status, body = api.call("delete", "/people")
    assert status == 405 and "GET" in body["detail"]
    response = api.client.post(
        "/api/people", data="not json", content_type="application/json", **api.headers
    )
    assert response.status_code in (400, 422) and response.json()["detail"]


def test_paging_beyond_the_limits_is_refused_with_422(api):
    status, body = api.call("get", "/people?limit=500")
    assert status == 422 and body["errors"]


def test_a_need_the_points_cannot_price_is_flagged_and_goes_to_a_panel(api, practitioner):
    person = add_test_person(by=practitioner)
    status, a = api.call("post", f"/people/{person.pk}/assessments", {"mode": "practitioner"})
    answers = {o.code: {"help": "none"} for o in rulepacks.question_set().outcomes}
    answers["hygiene"] = {"help": "some", "ways": ["needs_help"]}
    answers["nutrition"] = {"help": "some", "ways": ["needs_help"]}
    status, a = api.call(
        "patch",
        f"/assessments/{a['id']}",
        {
            "row_version": a["row_version"],
            "answers": answers,
            "needs_arise_from_impairment": True,
            "wellbeing_impact": True,
            "unpaid_care": "none",
            "outside_ras_needs": "Waking night support twice a week",
        },
    )
    status, a = api.call("post", f"/assessments/{a['id']}/submit")
    assert status == 200 and a["budget"]["outside_ras"] is True
    assert any("cannot be worked out with points" in line for line in a["budget"]["explanation"])
    status, plan = api.call("post", f"/people/{person.pk}/plans")
    status, route = api.call("get", f"/plans/{plan['id']}/route")
    assert route["route"] == "panel" and "outside_ras" in route["triggers"]
