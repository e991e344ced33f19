"""Review and payment dates from the review policy."""

from datetime import date

import pytest

from domain import rulepacks
from domain.reviews import (
    add_months,
    annual_review_due,
    direct_payment_review_due,
    first_review_due,
    payment_dates,
)

POLICY = rulepacks.review_policy()


def test_first_review_is_six_weeks_after_the_plan_starts():
    assert first_review_due(start=date(2026, 11, 2), policy=POLICY) == date(2026, 12, 14)


def test_direct_payments_are_reviewed_within_six_months():
    assert direct_payment_review_due(start=date(2026, 8, 31), policy=POLICY) == date(2027, 2, 28)


def test_annual_review_is_twelve_months_on():
    assert annual_review_due(last_review=date(2028, 2, 29), policy=POLICY) == date(2029, 2, 28)


def test_months_are_added_safely():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 12, 15), 2) == date(2027, 2, 15)


def test_payments_fall_every_28_days_in_advance():
    assert payment_dates(first=date(2026, 11, 2), every_days=28, count=3) == (
        date(2026, 11, 2),
        date(2026, 11, 30),
        date(2026, 12, 28),
    )


def test_a_nonsense_interval_is_refused():
    with pytest.raises(ValueError):
        payment_dates(first=date(2026, 1, 1), every_days=0, count=3)
