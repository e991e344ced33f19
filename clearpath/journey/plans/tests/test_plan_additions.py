"""Risk enablement, contingency, how the money is managed, and new versions that say what changed."""

from decimal import Decimal

import pytest
from django.urls import reverse

from clearpath.errors import ServiceError
from clearpath.journey.plans.services import start_plan, update_plan
from tests.builders import approved, assessed_person


def _save(plan, by, **kw):
    args = dict(
        plan=plan,
        by=by,
        expected_version=plan.row_version,
        led_by="person",
        what_matters="Home",
        deployment="individual_service_fund",
        outcomes=["Get out more"],
        lines=[
            {
                "description": "PA",
                "unit_cost": Decimal("100"),
                "quantity": Decimal(1),
                "frequency": "weekly",
            }
        ],
        risks=[{"risk": "Going out alone", "how_managed": "Phone with me"}],
        contingency="Call my sister",
        money_notes="Held by Brightside ISF",
    )
    args.update(kw)
    return update_plan(**args)


def test_risks_contingency_and_money_are_saved(practitioner):
    plan = start_plan(person=assessed_person(by=practitioner), by=practitioner)
    plan = _save(plan, practitioner)
    assert [(r.risk, r.how_managed) for r in plan.risks.all()] == [
        ("Going out alone", "Phone with me")
    ]
    assert plan.contingency == "Call my sister" and plan.deployment == "individual_service_fund"
    assert plan.get_deployment_display().startswith("Individual service fund")


def test_a_risk_without_how_it_is_managed_is_refused(practitioner):
    plan = start_plan(person=assessed_person(by=practitioner), by=practitioner)
    with pytest.raises(ServiceError) as e:
        _save(plan, practitioner, risks=[{"risk": "Cooking", "how_managed": ""}])
    assert e.value.field == "risks-1-how_managed"


def test_a_new_version_starts_from_the_approved_plan_and_says_what_changed(practitioner):
    budget = approved(by=practitioner)
    old = budget.plan
    new = start_plan(person=old.person, by=practitioner)
    assert new.number == old.number + 1 and new.previous_id == old.pk
    assert [line.description for line in new.lines.all()] == ["Personal assistant"]
    assert new.what_changed() == []
    new = update_plan(
        plan=new,
        by=practitioner,
        expected_version=new.row_version,
        led_by="person",
        what_matters=old.what_matters,
        deployment=old.deployment,
        outcomes=[o.text for o in old.outcomes.all()],
        lines=[
            {
                "description": "Personal assistant",
                "unit_cost": Decimal("120.00"),
                "quantity": Decimal(1),
                "frequency": "weekly",
            }
        ],
    )
    assert "Support changed: Personal assistant, from £94.50 to £120.00 a week." in (
        new.what_changed()
    )


def test_the_plan_page_keeps_risks_and_shows_them(client, practitioner):
    plan = start_plan(person=assessed_person(by=practitioner), by=practitioner)
    client.force_login(practitioner)
    url = reverse("plans:plan-edit", args=[plan.pk])
    data = {
        "row_version": plan.row_version,
        "led_by": "person",
        "deployment": "mixed",
        "outcome-1": "Get out more",
        "lines-1-description": "PA",
        "lines-1-unit_cost": "100",
        "lines-1-quantity": "1",
        "lines-1-frequency": "weekly",
        "risks-1-risk": "Going out alone",
        "risks-1-how_managed": "",
        "contingency": "Call my sister",
        "action": "save",
    }
    page = client.post(url, data).content.decode()
    assert "Risk 1: say how it will be managed" in page and "Call my sister" in page
    data["risks-1-how_managed"] = "Phone with me"
    assert client.post(url, data).status_code == 302
    page = client.get(reverse("plans:plan-detail", args=[plan.pk])).content.decode()
    assert "Going out alone" in page and "Phone with me" in page and "Call my sister" in page


def test_the_api_saves_risks_and_keeps_a_lines_working(client, practitioner):
    plan = start_plan(person=assessed_person(by=practitioner), by=practitioner)
    client.force_login(practitioner)
    body = {
        "row_version": plan.row_version,
        "led_by": "person",
        "deployment": "individual_service_fund",
        "outcomes": ["Get out more"],
        "lines": [
            {
                "description": "PA",
                "unit_cost": "7320.96",
                "quantity": "1",
                "frequency": "annually",
                "source": "pa_employer:2026-27@1",
                "working": "Pay: ...",
            }
        ],
        "risks": [{"risk": "Going out alone", "how_managed": "Phone with me"}],
        "contingency": "Call my sister",
    }
    r = client.put(f"/api/plans/{plan.pk}", body, content_type="application/json")
    assert r.status_code == 200, r.content
    out = r.json()
    assert out["risks"] == [{"risk": "Going out alone", "how_managed": "Phone with me"}]
    assert out["lines"][0]["working"] == "Pay: ..." and out["contingency"] == "Call my sister"
    assert out["weekly_total"] == "140.79"
