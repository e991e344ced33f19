"""The final personal budget in words: what it pays for and how it differs from the first figure.

Care Act 2014 s26: the personal budget is the cost of meeting the needs in the plan; statutory
guidance §11.24: the indicative amount can go up or down as the plan is made.
"""

from collections.abc import Sequence
from decimal import Decimal

from domain.money import format_money


def final_budget_explanation(
    *,
    weekly: Decimal,
    annual: Decimal,
    indicative_weekly: Decimal,
    lines: Sequence[tuple[str, Decimal]],
    deployment: str,
) -> tuple[str, ...]:
    """Short sentences for the person: the amount, each cost in the plan, and the change from the
    indicative budget."""
    words = [
        f"Your personal budget is {format_money(weekly)} a week ({format_money(annual)} a year)."
    ]
    if lines:
        words.append("It pays for the support in your plan:")
        words.extend(f"{what}: {format_money(cost)} a week." for what, cost in lines)
    difference = weekly - indicative_weekly
    first = f"the first figure of {format_money(indicative_weekly)} a week"
    if difference > 0:
        words.append(
            f"That is {format_money(difference)} a week more than {first}. "
            "Your plan showed that your support costs more."
        )
    elif difference < 0:
        words.append(
            f"That is {format_money(-difference)} a week less than {first}. "
            "Your plan showed that your support costs less."
        )
    else:
        words.append(f"That is the same as {first}.")
    words.append(f"It is paid as a {deployment.lower()}.")
    return tuple(words)
