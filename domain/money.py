"""Money: Decimal pounds quantised to pence, weekly/yearly/4-weekly amounts, one rounding rule."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

PENNY = Decimal("0.01")
# House convention for weekly <-> yearly amounts (not a legal figure): a budget year is 52 weeks.
WEEKS_PER_YEAR = Decimal(52)

Amount = Decimal | int | str


def _decimal(value: Amount) -> Decimal:
    """Any accepted input as an exact Decimal; floats (and bools) are refused, never guessed."""
    if isinstance(value, float | bool):
        raise TypeError(f"Money is never a {type(value).__name__}: pass a Decimal, int or str")
    if isinstance(value, str):
        value = value.strip().replace(",", "").replace("£", "", 1)
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValueError(f"{value!r} is not an amount of money") from None
    if not amount.is_finite():
        raise ValueError(f"{value!r} is not an amount of money")
    return amount


def to_money(value: Amount) -> Decimal:
    """Pounds and pence as a Decimal, rounded half up to the penny ("£1,234.5" is accepted)."""
    return _decimal(value).quantize(PENNY, rounding=ROUND_HALF_UP)


class Frequency(StrEnum):
    """How often a cost in a support plan is paid."""

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

# (multiply by, divide by) to turn one payment at this frequency into a weekly amount. Kept as a
# fraction so that the division happens once, exactly, before the single rounding at the end.
_TO_WEEKLY: dict[Frequency, tuple[int, int]] = {
    Frequency.WEEKLY: (1, 1),
    Frequency.FORTNIGHTLY: (1, 2),
    Frequency.FOUR_WEEKLY: (1, 4),
    Frequency.MONTHLY: (12, 52),
    Frequency.ANNUALLY: (1, 52),
}


def weekly_cost(*, unit_cost: Decimal, quantity: Decimal, frequency: str) -> Decimal:
    """unit cost × quantity, converted to a weekly amount; rounded once, at the end, to pence."""
    try:
        times, per = _TO_WEEKLY[Frequency(frequency)]
    except ValueError:
        raise ValueError(f"{frequency!r} is not a frequency") from None
    return to_money(_decimal(unit_cost) * _decimal(quantity) * times / per)


def annual_from_weekly(weekly: Decimal) -> Decimal:
    """A weekly amount over a 52-week year, to the penny."""
    return to_money(_decimal(weekly) * WEEKS_PER_YEAR)


def four_weekly_from_weekly(weekly: Decimal) -> Decimal:
    """A weekly amount over 4 weeks (one 28-day payment period), to the penny."""
    return to_money(_decimal(weekly) * 4)


def format_money(value: Amount | None) -> str:
    """'£1,234.56' for people to read; '-£5.00' when negative; '' when there is no amount."""
    if value is None or value == "":
        return ""
    amount = to_money(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"
