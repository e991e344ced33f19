"""When reviews and payments fall due, from the review policy (dates in, dates out)."""

import calendar
from datetime import date, timedelta


def add_months(start: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 → 28 Feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def first_review_due(*, start: date, policy) -> date:
    """Statutory guidance ch.13: a first review within 6–8 weeks of a new plan (policy value)."""
    return start + timedelta(weeks=policy.first_review_weeks)


def annual_review_due(*, last_review: date, policy) -> date:
    """Care Act s27 and guidance ch.13: then at least every 12 months."""
    return add_months(last_review, policy.annual_review_months)


def direct_payment_review_due(*, start: date, policy) -> date:
    """Care and Support (Direct Payments) Regulations 2014 reg 7: within the first 6 months."""
    return add_months(start, policy.direct_payment_first_review_months)


def payment_dates(*, first: date, every_days: int, count: int) -> tuple[date, ...]:
    """`count` payment dates, `every_days` apart, starting on `first` (paid in advance)."""
    if every_days < 1 or count < 0:
        raise ValueError("Payments need a positive interval and a count of zero or more")
    return tuple(first + timedelta(days=every_days * i) for i in range(count))
