"""When reviews and direct payments fall due, from the review policy (dates in, dates out)."""

import calendar
from datetime import date, timedelta

from domain.rulepacks import ReviewPolicy


def add_months(start: date, months: int) -> date:
    """The same day `months` later, or that month's last day when it is shorter (31 Jan + 1 month
    is 28 Feb, or 29 Feb in a leap year)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def first_review_due(*, start: date, policy: ReviewPolicy) -> date:
    """Care Act 2014 s27 and statutory guidance ch.13: a first review within 6-8 weeks of a new
    plan; due `first_review_weeks` after it starts."""
    return start + timedelta(weeks=policy.first_review_weeks)


def first_review_latest(*, start: date, policy: ReviewPolicy) -> date:
    """Statutory guidance ch.13: the latest date for the first review (8 weeks after the start)."""
    return start + timedelta(weeks=policy.first_review_latest_weeks)


def annual_review_due(*, last_review: date, policy: ReviewPolicy) -> date:
    """Care Act 2014 s27 and statutory guidance ch.13: then at least every 12 months."""
    return add_months(last_review, policy.annual_review_months)


def direct_payment_review_due(*, start: date, policy: ReviewPolicy) -> date:
    """Care and Support (Direct Payments) Regulations 2014 reg 7: a review at least once within
    the first 6 months of making direct payments."""
    return add_months(start, policy.direct_payment_first_review_months)


def payment_dates(*, first: date, every_days: int, count: int) -> tuple[date, ...]:
    """`count` payment dates, `every_days` apart, from `first` (council policy: paid in advance)."""
    if every_days < 1 or count < 0:
        raise ValueError("Payments need an interval of 1 day or more and a count of 0 or more")
    return tuple(first + timedelta(days=every_days * i) for i in range(count))
