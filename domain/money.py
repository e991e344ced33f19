"""Money: Decimal pounds quantised to pence, weekly/annual/4-weekly conversions, one rounding policy."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

PENNY = Decimal("0.01")
WEEKS_PER_YEAR = Decimal(52)  # the house convention for weekly <-> annual budgets


def to_money(value: Decimal | int | str) -> Decimal:
    """Pounds and pence as a Decimal, rounded half up to the penny. Floats are refused."""
    if isinstance(value, float):
        raise TypeError("Money is never a float: pass a Decimal, int or str")
    try:
        amount = (
            Decimal(str(value).strip().replace(",", "").lstrip("£"))
            if isinstance(value, str)
            else Decimal(value)
        )
    except (InvalidOperation, ValueError):
        raise ValueError(f"{value!r} is not an amount of money") from None
    if not amount.is_finite():
        raise ValueError(f"{value!r} is not an amount of money")
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


class Frequency(StrEnum):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    FOUR_WEEKLY = "four_weekly"
    MONTHLY = "monthly"
    ANNUALLY = "annually"


FREQUENCY_LABELS: dict[str, str] = {
    Frequency.WEEKLY: "every week",
    Frequency.FORTNIGHTLY: "every 2 weeks",
    Frequency.FOUR_WEEKLY: "every 4 weeks",
    Frequency.MONTHLY: "every month",
    Frequency.ANNUALLY: "every year",
}

_PER_WEEK = {
    Frequency.WEEKLY: Decimal(1),
    Frequency.FORTNIGHTLY: Decimal(1) / Decimal(2),
    Frequency.FOUR_WEEKLY: Decimal(1) / Decimal(4),
    Frequency.MONTHLY: Decimal(12) / WEEKS_PER_YEAR,
    Frequency.ANNUALLY: Decimal(1) / WEEKS_PER_YEAR,
}


def weekly_cost(*, unit_cost: Decimal, quantity: Decimal, frequency: str) -> Decimal:
    """unit cost × quantity, converted to a weekly amount; rounded once, at the end, to pence."""
    try:
        per_week = _PER_WEEK[Frequency(frequency)]
    except ValueError:
        raise ValueError(f"{frequency!r} is not a frequency") from None
    return to_money(Decimal(unit_cost) * Decimal(quantity) * per_week)


def annual_from_weekly(weekly: Decimal) -> Decimal:
    return to_money(Decimal(weekly) * WEEKS_PER_YEAR)


def four_weekly_from_weekly(weekly: Decimal) -> Decimal:
    return to_money(Decimal(weekly) * 4)


def format_money(value) -> str:
    """'£1,234.56' for people to read."""
    if value is None or value == "":
        return ""
    amount = to_money(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"
