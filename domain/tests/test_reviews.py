"""Review and payment dates from the review policy (guidance ch.13; DP Regs 2014 reg 7)."""

from datetime import date

import pytest

from domain import rulepacks
from domain.reviews import (
    add_months,
    annual_review_due,
    direct_payment_review_due,
    first_review_due,
    first_review_latest,
    payment_dates,
)

POLICY = rulepacks.review_policy()


def test_the_policy_follows_its_sources():
    assert (POLICY.first_review_weeks, POLICY.first_review_latest_weeks) == (6, 8)
    assert POLICY.annual_review_months == 12 and POLICY.direct_payment_first_review_months == 6
    assert POLICY.payment_every_days == 28 and "reg 7" in POLICY.source


@pytest.mark.parametrize(
    "start, due, latest",
    [
        (date(2026, 11, 2), date(2026, 12, 14), date(2026, 12, 28)),
        (date(2026, 12, 31), date(2027, 2, 11), date(2027, 2, 25)),
    ],
)
def test_the_first_review_is_six_weeks_on_and_no_later_than_eight(start, due, latest):
    assert first_review_due(start=start, policy=POLICY) == due
    assert first_review_latest(start=start, policy=POLICY) == latest


@pytest.mark.parametrize(
    "start, due",
    [
        (date(2026, 4, 1), date(2026, 10, 1)),
        (date(2026, 8, 31), date(2027, 2, 28)),
        (date(2027, 8, 31), date(2028, 2, 29)),  # leap year
    ],
)
def test_direct_payments_are_reviewed_within_six_months(start, due):
    assert direct_payment_review_due(start=start, policy=POLICY) == due


@pytest.mark.parametrize(
    "last, due",
    [
        (date(2026, 5, 20), date(2027, 5, 20)),
        (date(2028, 2, 29), date(2029, 2, 28)),  # no 29 February next year
    ],
)
def test_the_annual_review_is_twelve_months_on(last, due):
    assert annual_review_due(last_review=last, policy=POLICY) == due


@pytest.mark.parametrize(
    "start, months, result",
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 12, 15), 2, date(2027, 2, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 5, 31), 24, date(2028, 5, 31)),
    ],
)
def test_months_are_added_safely(start, months, result):
    assert add_months(start, months) == result


def test_payments_fall_every_28_days_in_advance():
    assert payment_dates(first=date(2026, 11, 2), every_days=28, count=3) == (
        date(2026, 11, 2),
        date(2026, 11, 30),
        date(2026, 12, 28),
    )
    assert payment_dates(first=date(2026, 11, 2), every_days=28, count=0) == ()


@pytest.mark.parametrize("every_days, count", [(0, 3), (-28, 3), (28, -1)])
def test_a_nonsense_schedule_is_refused(every_days, count):
    with pytest.raises(ValueError):
        payment_dates(first=date(2026, 1, 1), every_days=every_days, count=count)
