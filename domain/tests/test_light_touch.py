"""Reviews on request, queues, light-touch answers and budget reductions (review policy v2)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from domain import rulepacks
from domain.reviews import (
    budget_reduction_problem,
    can_auto_confirm,
    compare_lines,
    nothing_changed,
    outcomes_achieved,
    queue_state,
    triggered_review_due,
)

POLICY = rulepacks.review_policy()
TODAY = date(2026, 11, 23)
QUIET = {"changed": False, "needs_met": "yes", "money_ok": True}


def test_the_active_policy_is_v2_and_keeps_the_statutory_intervals():
    assert POLICY.ref == "default@2"
    assert (POLICY.first_review_weeks, POLICY.first_review_latest_weeks) == (6, 8)
    assert (POLICY.annual_review_months, POLICY.direct_payment_first_review_months) == (12, 6)
    assert "COUNCIL-CONFIGURED" in POLICY.source and POLICY.demo


def test_v1_still_reads_without_the_new_parts():
    v1 = rulepacks.review_policy("default@1")
    assert v1.triggers == () and v1.review_outcomes == ()


@pytest.mark.parametrize(
    "trigger, due",
    [
        ("hospital_admission", date(2026, 11, 30)),
        ("monitoring_exception", date(2026, 12, 7)),
        ("change_reported_by_person", date(2026, 12, 7)),
        ("change_reported_by_provider", date(2026, 12, 7)),
        ("challenge", date(2026, 12, 21)),
    ],
)
def test_a_review_after_an_event_is_due_the_policys_days_later(trigger, due):
    assert triggered_review_due(today=TODAY, trigger=trigger, policy=POLICY) == due


def test_an_unknown_trigger_is_refused():
    with pytest.raises(ValueError, match="no trigger called 'full_moon'"):
        triggered_review_due(today=TODAY, trigger="full_moon", policy=POLICY)


@pytest.mark.parametrize(
    "due, state",
    [
        (date(2026, 11, 22), "overdue"),
        (TODAY, "due_soon"),
        (date(2026, 12, 21), "due_soon"),
        (date(2026, 12, 22), "later"),
    ],
)
def test_queue_state(due, state):
    assert queue_state(due_on=due, today=TODAY, policy=POLICY) == state


@pytest.mark.parametrize(
    "answers, quiet",
    [
        (QUIET, True),
        ({**QUIET, "changed": True}, False),
        ({**QUIET, "needs_met": "partly"}, False),
        ({**QUIET, "money_ok": False}, False),
        ({}, False),
    ],
)
def test_nothing_changed_needs_all_three_answers(answers, quiet):
    assert nothing_changed(answers) is quiet


def test_outcomes_achieved_comes_from_needs_met():
    assert [outcomes_achieved({"needs_met": n}) for n in ("yes", "partly", "no", "")] == [
        "achieved",
        "partly_achieved",
        "not_achieved",
        "",
    ]


def test_auto_confirm_only_when_the_council_allows_it_and_the_budget_is_low():
    assert not can_auto_confirm(answers=QUIET, weekly=Decimal("50"), policy=POLICY)
    allowing = replace(POLICY, auto_confirm_no_change=True)
    assert can_auto_confirm(answers=QUIET, weekly=Decimal("150.00"), policy=allowing)
    assert not can_auto_confirm(answers=QUIET, weekly=Decimal("150.01"), policy=allowing)
    assert not can_auto_confirm(
        answers={**QUIET, "changed": True}, weekly=Decimal("50"), policy=allowing
    )


def test_a_budget_goes_down_only_through_a_reassessment_with_reasons():
    up = budget_reduction_problem(
        current_weekly=Decimal("100"), new_weekly=Decimal("120"), reassessed=False, reasons=""
    )
    assert up is None
    assert "only go down after a reassessment" in budget_reduction_problem(
        current_weekly=Decimal("100"), new_weekly=Decimal("80"), reassessed=False, reasons="x"
    )
    assert "Say why the budget goes down from £100.00 to £80.00" in budget_reduction_problem(
        current_weekly=Decimal("100"), new_weekly=Decimal("80"), reassessed=True, reasons="  "
    )
    assert (
        budget_reduction_problem(
            current_weekly=Decimal("100"),
            new_weekly=Decimal("80"),
            reassessed=True,
            reasons="Her daughter now helps every evening",
        )
        is None
    )


def test_compare_lines_side_by_side():
    old = [("Morning visit", Decimal("70.00")), ("Day centre", Decimal("24.50"))]
    new = [("morning  visit", Decimal("90.00")), ("Evening visit", Decimal("35.00"))]
    rows = compare_lines(old, new)
    assert [(r.description, r.change, r.difference) for r in rows] == [
        ("morning  visit", "changed", Decimal("20.00")),
        ("Evening visit", "added", Decimal("35.00")),
        ("Day centre", "removed", Decimal("-24.50")),
    ]
