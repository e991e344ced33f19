"""The resource allocation system (RAS): points for each answer, a price per point, adjustments and
limits, giving an indicative weekly budget with a per-factor explanation anyone can follow.

Statutory guidance §11.24: transparency, timeliness and sufficiency; allocation processes published.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from domain.money import WEEKS_PER_YEAR, format_money, to_money


@dataclass(frozen=True)
class Factor:
    code: str
    heading: str
    answer: str
    points: Decimal
    sentence: str


@dataclass(frozen=True)
class RasResult:
    model_ref: str
    points: Decimal
    adjusted_points: Decimal
    weekly_amount: Decimal
    annual_amount: Decimal
    capped: bool
    factors: tuple[Factor, ...]
    explanation: tuple[str, ...]
    arithmetic: tuple[str, ...]
    demo: bool


def _num(value: Decimal) -> str:
    """12 or 14.4: points without trailing zeros."""
    text = f"{value.quantize(Decimal('0.01')):f}".rstrip("0").rstrip(".")
    return text or "0"


def _levels(question_set, help_levels: Mapping[str, str]) -> dict[str, str]:
    codes = {c.code for c in question_set.help_levels}
    outcomes = {o.code for o in question_set.outcomes}
    for outcome, level in help_levels.items():
        if outcome not in outcomes:
            raise ValueError(f"{outcome!r} is not an outcome in {question_set.ref}")
        if level and level not in codes:
            raise ValueError(f"{level!r} is not a help level in {question_set.ref}")
    first = question_set.help_levels[0].code
    return {o.code: help_levels.get(o.code) or first for o in question_set.outcomes}


def _round(model, amount: Decimal) -> Decimal:
    step = model.round_to or Decimal("0.01")
    return to_money((amount / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step)


def _amount(model, adjusted: Decimal) -> tuple[Decimal, Decimal, bool]:
    raw = adjusted * model.price_per_point
    rounded = _round(model, raw)
    limited = min(max(rounded, model.floor_weekly), model.cap_weekly)
    return raw, to_money(limited), limited != rounded


def calculate_budget(
    *, model, question_set, help_levels: Mapping[str, str], unpaid_care: str
) -> RasResult:
    """Points per answer × price per point, less unpaid care, within the model's floor and cap."""
    levels = _levels(question_set, help_levels)
    if unpaid_care not in model.unpaid_care_reduction:
        raise ValueError(f"{unpaid_care!r} is not an unpaid care level in {model.ref}")
    labels = {c.code: c.label for c in question_set.help_levels}
    factors = []
    for o in question_set.outcomes:
        pts = model.points_for(o.code, levels[o.code])
        sentence = f"Your answers about {o.heading.lower()} added {_num(pts)} points."
        factors.append(Factor(o.code, o.heading, labels[levels[o.code]], pts, sentence))
    points = sum((f.points for f in factors), Decimal(0))
    share = model.unpaid_care_reduction[unpaid_care]
    adjusted = (points * (1 - share)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    raw, weekly, capped = _amount(model, adjusted)
    return RasResult(
        model_ref=model.ref,
        points=points,
        adjusted_points=adjusted,
        weekly_amount=weekly,
        annual_amount=to_money(weekly * WEEKS_PER_YEAR),
        capped=capped,
        factors=tuple(factors),
        explanation=_explain(
            model, factors, points, share, adjusted, weekly, capped, question_set, unpaid_care
        ),
        arithmetic=_arithmetic(model, points, share, adjusted, raw, weekly),
        demo=model.demo,
    )


def _explain(
    model, factors, points, share, adjusted, weekly, capped, question_set, unpaid_care
) -> tuple[str, ...]:
    lines = [f.sentence for f in factors if f.points]
    if any(not f.points for f in factors):
        lines.append(
            "Your other answers added no points." if lines else "Your answers added no points."
        )
    lines.append(f"That makes {_num(points)} points in all.")
    if share:
        care = {c.code: c.label for c in question_set.unpaid_care_levels}[unpaid_care].lower()
        lines.append(
            f"Family or friends give you help without being paid ({care}). "
            f"So we take off {_num(share * 100)}% of the points. That leaves {_num(adjusted)} points."
        )
    lines.append(f"Each point is worth {format_money(model.price_per_point)} a week.")
    if capped and weekly == model.cap_weekly:
        lines.append(
            f"The most this model gives is {format_money(model.cap_weekly)} a week. So your budget is {format_money(weekly)} a week."
        )
    elif capped:
        lines.append(
            f"The least this model gives is {format_money(model.floor_weekly)} a week. So your budget is {format_money(weekly)} a week."
        )
    else:
        lines.append(f"So your budget is {format_money(weekly)} a week.")
    return tuple(lines)


def _arithmetic(model, points, share, adjusted, raw, weekly) -> tuple[str, ...]:
    steps = [f"Points: {_num(points)}"]
    if share:
        steps.append(
            f"Less {_num(share * 100)}% for unpaid care: {_num(points)} × (1 − {share}) = {_num(adjusted)}"
        )
    steps.append(f"{_num(adjusted)} × {format_money(model.price_per_point)} = {format_money(raw)}")
    steps.append(
        f"Rounded to the nearest {format_money(model.round_to)}, within {format_money(model.floor_weekly)}–"
        f"{format_money(model.cap_weekly)}: {format_money(weekly)} a week"
    )
    return tuple(steps)


def what_would_change(
    *, model, question_set, help_levels: Mapping[str, str], unpaid_care: str
) -> tuple[str, ...]:
    """For each answer, how the weekly amount would move if it were one step higher or lower."""
    base = calculate_budget(
        model=model, question_set=question_set, help_levels=help_levels, unpaid_care=unpaid_care
    )
    levels = _levels(question_set, help_levels)
    order = [c.code for c in question_set.help_levels]
    labels = {c.code: c.label for c in question_set.help_levels}
    changes = []
    for o in question_set.outcomes:
        i = order.index(levels[o.code])
        for j in (i + 1, i - 1):
            if not 0 <= j < len(order):
                continue
            other = calculate_budget(
                model=model,
                question_set=question_set,
                help_levels={**levels, o.code: order[j]},
                unpaid_care=unpaid_care,
            )
            diff = other.weekly_amount - base.weekly_amount
            if diff:
                way = "go up" if diff > 0 else "go down"
                changes.append(
                    f"{o.heading}: if the answer were “{labels[order[j]]}”, the budget would {way} "
                    f"by {format_money(abs(diff))} a week."
                )
    return tuple(changes)
