"""The weekly contribution a person pays towards care at home (SI 2014/2672; RULES.md section 5).

Pure: figures come from a `charging` rule pack; a figure the pack does not hold (such as a MIG
amount not yet published) must be entered by the council and is refused when missing.
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from domain.money import format_money, to_money

ZERO = Decimal("0.00")


class ChargingError(ValueError):
    def __init__(self, message: str, field: str):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Contribution:
    weekly_contribution: Decimal
    tariff_income: Decimal
    mig: Decimal
    available: Decimal
    full_cost: bool
    rule_ref: str
    explanation: tuple[str, ...]


def tariff_income(capital: Decimal, rules) -> Decimal:
    """£1 a week for every `tariff_step` of capital above the lower limit."""
    over = capital - rules.capital_lower
    if over <= 0:
        return ZERO
    steps = (over / rules.tariff_step).to_integral_value(
        rounding=ROUND_CEILING if rules.tariff_part_step_counts else ROUND_FLOOR
    )
    return to_money(steps)


def weekly_contribution(
    *,
    rules,
    weekly_gross: Decimal,
    capital: Decimal,
    weekly_income: Decimal,
    mig_band: str,
    mig_amount: Decimal | None,
    dre: Decimal,
) -> Contribution:
    """Contribution = income + tariff income − MIG − disability-related expenditure, never below
    zero and never above the cost of care; above the upper capital limit, the full cost."""
    for name, value in (("capital", capital), ("weekly_income", weekly_income), ("dre", dre)):
        if value < 0:
            raise ChargingError("Enter an amount of £0 or more", name)
    mig = rules.mig.get(mig_band, mig_amount)
    if mig_band in rules.mig and mig_amount is not None and mig_amount != rules.mig[mig_band]:
        mig = mig_amount  # a council may set a higher allowance
    if mig is None or mig < 0:
        raise ChargingError(
            "Enter the Minimum Income Guarantee for this person from the current circular "
            f"({rules.ref} has no amount for this band)",
            "mig_amount",
        )
    gross = to_money(weekly_gross)
    if capital > rules.capital_upper:
        return Contribution(
            weekly_contribution=gross,
            tariff_income=ZERO,
            mig=to_money(mig),
            available=gross,
            full_cost=True,
            rule_ref=rules.ref,
            explanation=(
                f"You have savings and other capital of {format_money(capital)}, which is more than "
                f"the upper limit of {format_money(rules.capital_upper)}.",
                f"So you pay the full cost of your care: {format_money(gross)} a week.",
                "Tell us when your savings go below the limit: we will work it out again.",
            ),
        )
    tariff = tariff_income(capital, rules)
    available = to_money(weekly_income + tariff - mig - dre)
    contribution = min(max(available, ZERO), gross)
    lines = [f"Your weekly income that counts is {format_money(weekly_income)}."]
    if tariff:
        lines.append(
            f"Your savings of {format_money(capital)} are above {format_money(rules.capital_lower)}, "
            f"so we count {format_money(tariff)} a week from them "
            f"(£1 for every {format_money(rules.tariff_step)})."
        )
    else:
        lines.append(
            f"Savings up to {format_money(rules.capital_lower)} are not counted; yours are "
            f"{format_money(capital)}."
        )
    lines.append(
        f"You keep at least {format_money(mig)} a week to live on (the Minimum Income Guarantee)."
    )
    if dre:
        lines.append(f"You also keep {format_money(dre)} a week for costs of your disability.")
    if contribution:
        lines.append(f"So you pay {format_money(contribution)} a week towards your care.")
    else:
        lines.append("So you do not pay anything towards your care.")
    return Contribution(
        weekly_contribution=contribution,
        tariff_income=tariff,
        mig=to_money(mig),
        available=available,
        full_cost=False,
        rule_ref=rules.ref,
        explanation=tuple(lines),
    )
