"""Proof in numbers for sign-off by exception, and the committed spend managers oversee.

Pure arithmetic: shares, the median and 90th percentile (domain.measures), and what active personal
budgets commit within the council's financial year (1 April to 31 March, the local authority
year in England).
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from domain import measures
from domain.measures import percentile  # noqa: F401 - one percentile for every figure shown
from domain.money import to_money


def share(part: int, whole: int) -> Decimal:
    """part as a percentage of whole, to one decimal place (0 when there is nothing)."""
    return measures.share(part, whole) or Decimal("0.0")


def financial_year(today: date) -> tuple[date, date]:
    """The financial year (1 April to 31 March) that `today` falls in."""
    start_year = today.year if today.month >= 4 else today.year - 1
    return date(start_year, 4, 1), date(start_year + 1, 3, 31)


def committed(budgets: Iterable[tuple[Decimal, date]], *, today: date) -> tuple[Decimal, Decimal]:
    """For (weekly amount, start date) pairs: what they commit this financial year up to today,
    and projected to the year's end if they carry on (days in the year / 7 x weekly)."""
    start, end = financial_year(today)
    so_far = projected = Decimal("0")
    for weekly, starts_on in budgets:
        begin = max(start, starts_on)
        if begin <= today:
            so_far += Decimal((today - begin).days + 1) / 7 * weekly
        if begin <= end:
            projected += Decimal((end - begin).days + 1) / 7 * weekly
    return to_money(so_far), to_money(projected)
