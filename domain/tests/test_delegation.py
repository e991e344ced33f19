"""Delegation (council policy): trust by default, panels by exception, with the reasons in words."""

from dataclasses import replace
from decimal import Decimal
from types import MappingProxyType

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


def facts(**changes):
    return {
        "primary_support_reason": "Physical Support: Personal care support",
        "age": 70,
        "has_dementia": False,
        "in_transition": False,
        "outside_ras": False,
        **changes,
    }


@pytest.mark.parametrize(
    "plan, indicative, practitioner, manager, expected",
    [
        ("90.00", "100.00", "500.00", "1500.00", "practitioner"),
        ("104.00", "100.00", "500.00", "1500.00", "practitioner"),
        ("110.00", "100.00", "500.00", "1500.00", "practitioner"),  # exactly the 10% tolerance
        ("110.01", "100.00", "500.00", "1500.00", "manager"),
        ("500.00", "500.00", "500.00", "1500.00", "practitioner"),  # exactly the limit
        ("500.01", "500.01", "500.00", "1500.00", "manager"),
        ("1500.00", "1500.00", "500.00", "1500.00", "manager"),
        ("1500.01", "1500.01", "500.00", "1500.00", "panel"),
    ],
)
def test_the_route_follows_the_limits_and_the_tolerance(
    plan, indicative, practitioner, manager, expected
):
    assert route(plan, indicative, practitioner, manager).route == expected


def test_within_the_limit_and_tolerance_the_practitioner_decides():
    r = route("104.00")
    assert (r.route, r.triggers, r.policy_ref) == ("practitioner", (), "default@2")
    assert r.reasons == (
        "£104.00 a week is within your £500.00 limit and 4% above the indicative budget of "
        "£100.00, inside the 10% tolerance.",
    )


def test_a_plan_below_the_indicative_budget_says_so():
    assert route("90.00").reasons == (
        "£90.00 a week is within your £500.00 limit and within the indicative budget of £100.00.",
    )


def test_above_the_tolerance_a_manager_decides_and_the_reasons_say_why():
    r = route("120.00")
    assert r.route == "manager" and r.reasons == (
        "£120.00 a week is 20% above the indicative budget of £100.00, "
        "more than the 10% tolerance.",
        "It is within a team manager's £1,500.00 limit, so they decide.",
    )


def test_just_above_the_tolerance_is_never_shown_as_the_tolerance_itself():
    assert "10.1% above" in route("110.04").reasons[0]


def test_above_the_practitioners_limit_a_manager_decides():
    r = route("600.00", indicative="600.00")
    assert r.route == "manager"
    assert r.reasons[0] == "£600.00 a week is above the practitioner's £500.00 limit."


def test_above_both_the_limit_and_the_tolerance_both_reasons_are_given():
    r = route("700.00", indicative="600.00")
    assert r.route == "manager" and len(r.reasons) == 3
    assert "above the practitioner's £500.00 limit" in r.reasons[0]
    assert "16.7% above the indicative budget of £600.00" in r.reasons[1]


def test_someone_with_no_limit_cannot_decide_alone():
    r = route("50.00", practitioner="0")
    assert r.route == "manager"
    assert r.reasons[0] == "The practitioner has no limit for approving plans."


def test_with_no_indicative_budget_any_cost_is_outside_the_tolerance():
    r = route("50.00", indicative="0")
    assert r.route == "manager" and "cannot be inside the 10% tolerance" in r.reasons[0]


def test_above_every_limit_the_panel_decides():
    r = route("1600.00", indicative="1600.00")
    assert r.route == "panel" and r.triggers == ("above_top_limit",)
    assert r.reasons[-1] == (
        "The plan costs more than any team manager may approve: "
        "£1,600.00 a week is above the £1,500.00 limit."
    )


@pytest.mark.parametrize(
    "trigger, wording",
    [
        ("mental_health", "Mental health support is the main reason for support"),
        ("transition", "Moving from children's services"),
        ("early_onset_dementia", "Dementia that began before the age of 65"),
        ("outside_ras", "Needs the resource allocation system cannot price"),
    ],
)
def test_a_named_trigger_sends_even_a_small_plan_to_the_panel(trigger, wording):
    r = route("10.00", triggers=(trigger,))
    assert (r.route, r.triggers) == ("panel", (trigger,))
    assert r.reasons == (f"{wording}, so a panel decides this plan.",)


def test_every_trigger_is_named_once_in_the_reasons():
    r = route("10.00", triggers=("transition", "mental_health", "transition"))
    assert r.triggers == ("transition", "mental_health") and len(r.reasons) == 2


def test_an_unknown_trigger_is_refused():
    with pytest.raises(ValueError):
        route("10.00", triggers=("tuesday",))


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"primary_support_reason": "Mental Health Support"}, ("mental_health",)),
        ({"in_transition": True}, ("transition",)),
        ({"has_dementia": True, "age": 58}, ("early_onset_dementia",)),
        ({"has_dementia": True, "age": 64}, ("early_onset_dementia",)),
        ({"has_dementia": True, "age": 65}, ()),  # early onset: before 65
        ({"has_dementia": False, "age": 50}, ()),
        ({"outside_ras": True}, ("outside_ras",)),
        ({}, ()),
        (
            {"primary_support_reason": "Mental Health Support", "in_transition": True},
            ("mental_health", "transition"),
        ),
    ],
)
def test_each_panel_trigger(changes, expected):
    assert panel_triggers(policy=POLICY, **facts(**changes)) == expected


def test_a_trigger_the_council_leaves_out_never_applies():
    triggers = {k: v for k, v in POLICY.panel_triggers.items() if k != "mental_health"}
    policy = replace(POLICY, panel_triggers=MappingProxyType(triggers))
    found = panel_triggers(policy=policy, **facts(primary_support_reason="Mental Health Support"))
    assert found == ()


def test_the_policy_is_demonstration_council_policy():
    assert POLICY.demo and "COUNCIL-CONFIGURED" in POLICY.source
    assert POLICY.tolerance_above_indicative == Decimal("0.10") and POLICY.early_onset_age == 65
    assert any(n.startswith("Essex") for n in POLICY.notes)
    assert any(n.startswith("Hartlepool") for n in POLICY.notes)
