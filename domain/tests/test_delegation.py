"""Delegation: trust by default, panels by exception, with the reasons in words."""

from decimal import Decimal

import pytest

from domain import rulepacks
from domain.delegation import panel_triggers, route_plan

POLICY = rulepacks.delegation_policy()


def route(plan, indicative="100.00", practitioner="500.00", manager="1500.00", triggers=()):
    return route_plan(
        policy=POLICY,
        plan_weekly=Decimal(plan),
        indicative_weekly=Decimal(indicative),
        practitioner_limit_weekly=Decimal(practitioner),
        manager_limit_weekly=Decimal(manager),
        triggers=triggers,
    )


def test_within_the_limit_and_tolerance_the_practitioner_decides():
    r = route("104.00")
    assert r.route == "practitioner" and r.policy_ref == POLICY.ref
    assert r.reasons == (
        "£104.00 a week is within your £500.00 limit and 4% above the indicative budget of £100.00, inside the 10% tolerance.",
    )


def test_above_the_tolerance_a_manager_decides():
    r = route("120.00")
    assert (
        r.route == "manager"
        and "20% above" in r.reasons[0]
        and "more than the 10% tolerance" in r.reasons[0]
    )


def test_above_the_practitioners_limit_a_manager_decides():
    r = route("600.00", indicative="600.00")
    assert r.route == "manager" and "above the practitioner's £500.00 limit" in r.reasons[0]


def test_above_every_limit_the_panel_decides():
    r = route("1600.00", indicative="1600.00")
    assert r.route == "panel" and r.triggers == ("above_top_limit",)


def test_a_named_trigger_sends_the_plan_to_the_panel_even_when_small():
    r = route("10.00", triggers=("mental_health",))
    assert r.route == "panel" and r.reasons[0].startswith(
        "Mental health support is the main reason"
    )


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        ({"primary_support_reason": "Mental Health Support"}, ("mental_health",)),
        ({"in_transition": True}, ("transition",)),
        ({"has_dementia": True, "age": 58}, ("early_onset_dementia",)),
        ({"has_dementia": True, "age": 80}, ()),
        ({"outside_ras": True}, ("outside_ras",)),
        ({}, ()),
    ],
)
def test_each_panel_trigger(kwargs, expected):
    facts = {
        "primary_support_reason": "Physical Support: Personal care support",
        "age": 70,
        "has_dementia": False,
        "in_transition": False,
        "outside_ras": False,
        **kwargs,
    }
    assert panel_triggers(policy=POLICY, **facts) == expected
