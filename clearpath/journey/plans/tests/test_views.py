"""The support plan form: running total without JavaScript, clear errors, the route shown before submitting."""

from decimal import Decimal

from django.urls import reverse

from clearpath.journey.plans.models import SupportPlan
from clearpath.journey.plans.services import start_plan
from tests.builders import assessed_person


def _form(plan, **lines):
    data = {
        "row_version": plan.row_version,
        "led_by": "person",
        "what_matters": "Home",
        "deployment": "direct_payment",
        "outcome-1": "Get out more",
        "action": "save",
    }
    data.update(lines)
    return data


def test_saving_works_out_the_total_without_javascript(client, practitioner):
    plan = start_plan(person=assessed_person(by=practitioner), by=practitioner)
    client.force_login(practitioner)
    url = reverse("plans:plan-edit", args=[plan.pk])
    client.post(
        url,
        _form(
            plan,
            **{
                "lines-1-description": "PA",
                "lines-1-unit_cost": "£13.50",
                "lines-1-quantity": "10",
                "lines-1-frequency": "weekly",
                "lines-2-description": "Gym",
                "lines-2-unit_cost": "26",
                "lines-2-quantity": "1",
                "lines-2-frequency": "monthly",
            },
        ),
    )
    assert SupportPlan.objects.get(pk=plan.pk).weekly_total == Decimal("141.00")
    assert "£141.00" in client.get(url).content.decode()


def test_bad_costs_get_specific_messages_and_keep_what_was_typed(client, practitioner):
    plan = start_plan(person=assessed_person(by=practitioner), by=practitioner)
    client.force_login(practitioner)
    url = reverse("plans:plan-edit", args=[plan.pk])
    for cost, message in [
        ("abc", "must be a number"),
        ("-4", "more than 0"),
        ("1.234", "2 decimal places"),
    ]:
        page = client.post(
            url,
            _form(
                plan,
                **{
                    "lines-1-description": "Personal assistant",
                    "lines-1-unit_cost": cost,
                    "lines-1-quantity": "2",
                },
            ),
        ).content.decode()
        assert "govuk-error-summary" in page and message in page, cost
        assert 'value="Personal assistant"' in page
    assert SupportPlan.objects.get(pk=plan.pk).weekly_total == 0


def test_the_route_and_its_reasons_are_shown_before_submitting(client, practitioner):
    plan = start_plan(person=assessed_person(by=practitioner), by=practitioner)
    client.force_login(practitioner)
    client.post(
        reverse("plans:plan-edit", args=[plan.pk]),
        _form(
            plan,
            **{"lines-1-description": "PA", "lines-1-unit_cost": "13.50", "lines-1-quantity": "5"},
        ),
    )
    page = client.get(reverse("plans:plan-submit", args=[plan.pk])).content.decode()
    assert "You can approve this plan yourself" in page and "within your £500.00 limit" in page


def test_a_plan_saved_from_a_stale_page_is_refused(client, practitioner):
    plan = start_plan(person=assessed_person(by=practitioner), by=practitioner)
    client.force_login(practitioner)
    url = reverse("plans:plan-edit", args=[plan.pk])
    client.post(url, _form(plan))
    page = client.post(
        url, _form(plan, **{"what_matters": "Changed on another tab"})
    ).content.decode()
    assert "Someone else changed this plan" in page
