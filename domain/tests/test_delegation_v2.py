"""Delegation policy version 2: limits by role (weekly and yearly), refused when they overlap or
are missing; panel requests and council triggers; time limits; changes at review."""

from datetime import date
from decimal import Decimal

import pytest

from domain import rulepacks
from domain.delegation import (
    changes_needing_a_new_decision,
    due_by,
    effective_limits,
    panel_triggers,
    route_plan,
)
from domain.rulepacks import HERE, RulePackError, parse_text

V2 = (HERE / "delegation_policy" / "default-v2.toml").read_text(encoding="utf-8")
POLICY = rulepacks.delegation_policy("default@2")


def _limits(policy=POLICY, account_practitioner="500.00", account_manager="1500.00"):
    own_w, own_a = effective_limits(policy, "practitioner", Decimal(account_practitioner))
    top_w, top_a = effective_limits(policy, "manager", Decimal(account_manager))
    return {
        "practitioner_limit_weekly": own_w,
        "practitioner_limit_annual": own_a,
        "manager_limit_weekly": top_w,
        "manager_limit_annual": top_a,
    }


def test_the_reasons_read_as_the_issue_asks():
    r = route_plan(
        policy=POLICY,
        plan_weekly=Decimal("412"),
        indicative_weekly=Decimal("396"),
        triggers=(),
        **_limits(),
    )
    assert r.route == "practitioner"
    assert r.reasons[0] == (
        "£412.00 a week is within your £500.00 limit and 4% above the indicative budget of "
        "£396.00, inside the 10% tolerance."
    )
    assert r.reasons[1] == "£21,424.00 a year is within your £26,000.00 yearly limit."


def test_an_account_limit_lowers_the_role_limit_but_never_raises_it():
    assert effective_limits(POLICY, "practitioner", Decimal("300"))[0] == Decimal("300.00")
    assert effective_limits(POLICY, "practitioner", Decimal("9000")) == (
        Decimal("500.00"),
        Decimal("26000.00"),
    )
    v1 = rulepacks.delegation_policy("default@1")
    assert effective_limits(v1, "practitioner", Decimal("9000")) == (Decimal("9000.00"), None)


def test_above_the_managers_limit_the_panel_decides_and_says_why():
    r = route_plan(
        policy=POLICY,
        plan_weekly=Decimal("1600"),
        indicative_weekly=Decimal("1550"),
        triggers=(),
        **_limits(),
    )
    assert r.route == "panel" and r.triggers == ("above_top_limit",)
    assert "above the £1,500.00 limit" in r.reasons[-1]


def test_requests_and_a_councils_own_trigger():
    facts = {
        "age": 70,
        "has_dementia": False,
        "in_transition": False,
        "outside_ras": False,
    }
    assert panel_triggers(
        policy=POLICY, primary_support_reason="x", requested_by="practitioner", **facts
    ) == ("requested_by_practitioner",)
    text = (
        V2.replace("# [[panel_triggers]]\n# code", "[[panel_triggers]]\ncode")
        .replace('# wording = "Social', 'wording = "Social')
        .replace(
            '# when_primary_support_reason = "Social Support"',
            'when_primary_support_reason = "Social Support"',
        )
    )
    _, policy = parse_text(text, "default-v2.toml")
    assert panel_triggers(policy=policy, primary_support_reason="Social Support", **facts) == (
        "social_support_high_cost",
    )


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            'role = "team_manager"\nweekly = "1500.00"',
            'role = "practitioner"\nweekly = "1500.00"',
            r"\[\[role_limits\]\]: the practitioner role has more than one limit",
        ),
        (
            'weekly = "1500.00"',
            'weekly = "400.00"',
            r"the practitioner's 'weekly' limit must be below the team_manager's",
        ),
        (
            'annual = "78000.00"',
            'annual = "20000.00"',
            r"the practitioner's 'annual' limit must be below the team_manager's",
        ),
        (
            'annual = "26000.00"\n',
            "",
            r"\[\[role_limits\]\] practitioner: 'annual' is missing",
        ),
        (
            '[[role_limits]]\nrole = "team_manager"\nweekly = "1500.00"\nannual = "78000.00"\n',
            "",
            r"the team_manager role's limit is missing",
        ),
        ("panel = 28", "panel = 0", r"\[decide_within_days\]: 'panel' must be 1 day or more"),
        ('"new_panel_trigger"]', '"moon_phase"]', r"\[new_decision_at_review\]: 'when' must"),
    ],
)
def test_a_policy_with_overlapping_or_missing_limits_is_refused(old, new, message):
    assert old in V2
    with pytest.raises(RulePackError, match=message):
        parse_text(V2.replace(old, new, 1), "default-v2.toml")


def test_time_limits_and_changes_at_review():
    assert due_by(POLICY, "panel", date(2026, 11, 1)) == date(2026, 11, 29)
    same = {
        "policy": POLICY,
        "old_triggers": (),
        "new_triggers": (),
        "old_deployment": "direct_payment",
        "new_deployment": "direct_payment",
        "last_deciders_limit_weekly": Decimal("500"),
    }
    assert (
        changes_needing_a_new_decision(old_weekly=Decimal("100"), new_weekly=Decimal("105"), **same)
        == ()
    )
    found = changes_needing_a_new_decision(
        old_weekly=Decimal("100"), new_weekly=Decimal("600"), **same
    )
    assert found == (
        "The cost goes up from £100.00 to £600.00 a week, more than the 10% tolerance.",
        "£600.00 a week is above the limit of whoever decided the plan (£500.00).",
    )
