"""The PA cost calculator page, "add to the plan", the command and the API."""

import json
from decimal import Decimal

from django.core.management import call_command
from django.urls import reverse

from clearpath.journey.plans.models import SupportPlan
from clearpath.journey.plans.services import start_plan
from tests.builders import assessed_person

INPUTS = {
    "tax_year": "2026-27",
    "hourly_rate": "12.71",
    "hours_per_week": "20",
    "age_band": "aged_21_and_over",
    "irregular_hours": "no",
    "employment_allowance": "yes",
    "pension_age": "yes",
}


def test_the_page_shows_the_costs_and_the_working(client, practitioner):
    client.force_login(practitioner)
    page = client.get(reverse("plans:pa-costs"), INPUTS).content.decode()
    assert "£286.42 a week" in page and "£14,893.98 a year" in page
    assert "5.6 × £254.20 = £1,423.52" in page


def test_a_rate_below_the_minimum_is_flagged_and_cannot_be_added(client, practitioner):
    plan = start_plan(person=assessed_person(by=practitioner), by=practitioner)
    client.force_login(practitioner)
    page = client.get(
        reverse("plans:pa-costs"), {**INPUTS, "hourly_rate": "11.00", "plan": plan.pk}
    ).content.decode()
    assert "below the legal minimum of £12.71" in page
    assert "Add to" not in page
    page = client.post(
        reverse("plans:plan-add-pa", args=[plan.pk]), {**INPUTS, "hourly_rate": "11.00"}
    ).content.decode()
    assert "There is a problem" in page and "below the legal minimum" in page
    assert not plan.lines.exists()


def test_bad_input_keeps_what_was_typed(client, practitioner):
    client.force_login(practitioner)
    page = client.get(
        reverse("plans:pa-costs"), {**INPUTS, "hours_per_week": "lots"}
    ).content.decode()
    assert "There is a problem" in page and 'value="lots"' in page


def test_adding_to_the_plan_keeps_the_working(client, practitioner):
    plan = start_plan(person=assessed_person(by=practitioner), by=practitioner)
    client.force_login(practitioner)
    response = client.post(reverse("plans:plan-add-pa", args=[plan.pk]), INPUTS)
    assert response.status_code == 302
    line = plan.lines.get()
    assert line.weekly_cost == Decimal("286.42") and line.source == "pa_employer:2026-27@1"
    assert "Employer National Insurance" in line.working
    assert SupportPlan.objects.get(pk=plan.pk).weekly_total == Decimal("286.42")
    page = client.get(reverse("plans:plan-edit", args=[plan.pk])).content.decode()
    assert "Personal assistant: 20 hours a week at £12.71 an hour" in page


def test_the_command_prints_json(capsys):
    call_command(
        "pa_costs",
        "--hourly-rate",
        "12.21",
        "--hours-per-week",
        "37.5",
        "--tax-year",
        "2025-26",
        "--no-employment-allowance",
        "--json",
    )
    out = json.loads(capsys.readouterr().out)
    assert out["weekly_total"] == "580.46" and out["annual_total"] == "30183.99"


def test_the_command_shows_the_working(capsys):
    call_command("pa_costs", "--hourly-rate", "12.71", "--hours-per-week", "20")
    out = capsys.readouterr().out
    assert "£286.42 a week" in out and "2026/27" in out


def test_the_api_answers_and_refuses_bad_input(client, practitioner):
    client.force_login(practitioner)
    r = client.get("/api/pa-costs", {"hourly_rate": "12.71", "hours_per_week": "20"})
    assert r.status_code == 200 and r.json()["weekly_total"] == "286.42"
    assert r.json()["steps"][0]["code"] == "pay"
    r = client.get("/api/pa-costs", {"hourly_rate": "12.71", "hours_per_week": "200"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "hours_per_week"
    r = client.get(
        "/api/pa-costs", {"hourly_rate": "12.71", "hours_per_week": "20", "tax_year": "1999-00"}
    )
    assert r.status_code == 422


def test_the_api_adds_a_pa_line(client, practitioner):
    plan = start_plan(person=assessed_person(by=practitioner), by=practitioner)
    client.force_login(practitioner)
    r = client.post(
        f"/api/plans/{plan.pk}/pa-line",
        {"hourly_rate": "12.71", "hours_per_week": "20", "tax_year": "2026-27"},
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    assert r.json()["weekly_cost"] == "286.42"
    r = client.post(
        f"/api/plans/{plan.pk}/pa-line",
        {"hourly_rate": "10.00", "hours_per_week": "20"},
        content_type="application/json",
    )
    assert r.status_code == 422


def test_a_rota_is_added_up_and_a_wrong_day_is_named(client, practitioner):
    client.force_login(practitioner)
    inputs = {**INPUTS, "hours_per_week": "", "rota_mon": "4", "rota_wed": "6", "rota_sat": "10"}
    page = client.get(reverse("plans:pa-costs"), inputs).content.decode()
    assert "£286.42 a week" in page  # 4 + 6 + 10 = 20 hours
    page = client.get(reverse("plans:pa-costs"), {**inputs, "rota_sun": "25"}).content.decode()
    assert "Sunday: enter from 0 to 24 hours" in page and 'value="25"' in page
    page = client.get(reverse("plans:pa-costs"), {**INPUTS, "hours_per_week": ""}).content.decode()
    assert "Enter the hours a week, or fill in the rota" in page
