"""The return's reporting periods: quarter ends, the rolling window ending on one, whether an
event falls in it, and dates written out in words for messages.
"""

import calendar
from datetime import date, timedelta

from domain.cld.facts import EventFacts
from domain.rulepacks.cld_builders import CldReturn

MONTHS = (
    "January February March April May June July August September October November December"
).split()


def long_date(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def period_problem(period_end: date, today: date, spec: CldReturn) -> str | None:
    """Why a return cannot be made for `period_end`, or None: it must be a quarter end, not future."""
    if (period_end.month, period_end.day) not in spec.quarter_ends:
        ends = ", ".join(
            f"{d} {MONTHS[m - 1]}" for m, d in sorted(spec.quarter_ends, key=lambda q: q[0])
        )
        return f"The period must end on the last day of a quarter ({ends}), not {long_date(period_end)}"
    if period_end > today:
        return (
            f"The quarter ending {long_date(period_end)} has not finished yet. "
            f"Choose a quarter that ended on or before {long_date(today)}"
        )
    return None


def period_start(period_end: date, months: int) -> date:
    """The first day of the rolling window that ends on `period_end`."""
    first = period_end + timedelta(days=1)
    month_index = first.year * 12 + first.month - 1 - months
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(first.day, calendar.monthrange(year, month + 1)[1]))


def latest_quarter_end(today: date, spec: CldReturn) -> date:
    """The most recent quarter end on or before `today`."""
    candidates = [date(y, m, d) for y in (today.year - 1, today.year) for m, d in spec.quarter_ends]
    return max(c for c in candidates if c <= today)


def in_window(event: EventFacts, start: date, end: date) -> bool:
    return event.start <= end and (event.end is None or event.end >= start)
