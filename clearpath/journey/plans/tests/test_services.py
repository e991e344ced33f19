"""Support plans: costed lines, totals, versions and refusals."""

from decimal import Decimal

import pytest

from clearpath.errors import ServiceError, StaleRecord
from clearpath.journey.plans.services import start_plan, submit_plan, update_plan
from tests.builders import add_test_person, assessed_person, planned


def test_a_plan_totals_its_lines_as_weekly_costs(practitioner):
    person = assessed_person(by=practitioner)
    plan = start_plan(person=person, by=practitioner)
    plan = update_plan(
        plan=plan,
        by=practitioner,
        expected_version=plan.row_version,
        led_by="family",
        what_matters="Home",
        deployment="direct_payment",
        outcomes=["Get out more", " "],
        lines=[
            {
                "description": "PA",
                "unit_cost": Decimal("13.50"),
                "quantity": Decimal("10"),
                "frequency": "weekly",
            },
            {
                "description": "Gym",
                "unit_cost": Decimal("26.00"),
                "quantity": Decimal("1"),
                "frequency": "monthly",
            },
        ],
    )
    assert plan.weekly_total == Decimal("141.00")  # 135.00 + 26 × 12 / 52 = 6.00
    assert [o.text for o in plan.outcomes.all()] == ["Get out more"]


def test_a_plan_needs_an_eligible_assessment_first(practitioner):
    with pytest.raises(ServiceError):
        start_plan(person=add_test_person(by=practitioner), by=practitioner)


def test_negative_costs_are_refused(practitioner):
    plan = start_plan(person=assessed_person(by=practitioner), by=practitioner)
    with pytest.raises(ServiceError):
        update_plan(
            plan=plan,
            by=practitioner,
            expected_version=plan.row_version,
            led_by="person",
            what_matters="",
            deployment="direct_payment",
            outcomes=["x"],
            lines=[
                {
                    "description": "PA",
                    "unit_cost": Decimal("-1"),
                    "quantity": Decimal("1"),
                    "frequency": "weekly",
                }
            ],
        )


def test_two_people_saving_the_same_plan_cannot_overwrite_each_other(practitioner):
    plan = planned(by=practitioner, person=assessed_person(by=practitioner))
    with pytest.raises(StaleRecord):
        update_plan(
            plan=plan,
            by=practitioner,
            expected_version=plan.row_version - 1,
            led_by="person",
            what_matters="",
            deployment="direct_payment",
            outcomes=["x"],
            lines=[],
        )


def test_an_empty_plan_cannot_be_submitted(practitioner):
    plan = start_plan(person=assessed_person(by=practitioner), by=practitioner)
    with pytest.raises(ServiceError):
        submit_plan(plan=plan, by=practitioner)
