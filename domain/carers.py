"""Carers: eligibility under SI 2015/313 reg 3, and a separate carer allocation with its working.

Reg 3(1): a carer's needs meet the eligibility criteria only if (a) they arise as a consequence of
providing necessary care for an adult, (b) a reg 3(2) circumstance applies, and (c) as a
consequence there is, or is likely to be, a significant impact on the carer's well-being.
Reg 3(2): (a) the carer's health is, or is at risk of, deteriorating; or (b) the carer is unable to
achieve any of the eight outcomes, in one of the three reg 3(3) ways (no "significantly longer").
Reg 3(4) (fluctuating needs) was not retrieved in full: fluctuation is recorded, not ruled on.
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from domain.money import WEEKS_PER_YEAR, format_money, to_money
from domain.rulepacks.carer_builders import (
    CARER_OUTCOME_LETTERS,
    PERIODS,
    CarerAllocationModel,
    CarerBand,
    CarerQuestionSet,
)

RULE = "SI 2015/313 reg 3"


@dataclass(frozen=True)
class CarerEligibility:
    """Whether a carer's needs meet the eligibility criteria, with reasons citing reg 3."""

    eligible: bool
    reasons: tuple[str, ...]
    unable_outcomes: tuple[str, ...]
    health_at_risk: bool
    rule: str = RULE


@dataclass(frozen=True)
class CarerAllocationResult:
    """A carer allocation with its working: plain lines for the carer, arithmetic for staff."""

    model_ref: str
    points: int
    band: str
    amount: Decimal
    period: str  # "weekly" or "annual"
    annual_amount: Decimal
    capped: bool
    demo: bool
    explanation: tuple[str, ...]
    arithmetic: tuple[str, ...]
    what_would_change: tuple[str, ...]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def needs_arise_from_necessary_care(necessary_care: bool) -> tuple[bool, str]:
    """SI 2015/313 reg 3(1)(a): the needs arise as a consequence of providing necessary care for
    an adult."""
    if necessary_care:
        return True, (
            "Condition (a) is met: reg 3(1)(a) — your needs come from giving care "
            "that the person you look after needs."
        )
    return False, (
        "Condition (a) is not met: reg 3(1)(a) — your needs do not come from giving care "
        "that the person you look after needs."
    )


def unable_to_achieve(question_set: CarerQuestionSet, ways: Collection[str]) -> bool:
    """SI 2015/313 reg 3(3): a carer is unable to achieve an outcome if they cannot achieve it
    without assistance, or can but with significant pain, distress or anxiety, or can but
    endangering the health or safety of the carer or others. Three ways only: any other code
    (such as 'takes_longer') is refused with ValueError."""
    if isinstance(ways, str):
        raise ValueError("The ways must be a collection of codes, not one string")
    for code in ways:
        question_set.way(code)
    return bool(ways)


def circumstance_applies(
    question_set: CarerQuestionSet,
    health_at_risk: bool,
    unable: tuple[tuple[str, tuple[str, ...]], ...],
) -> tuple[bool, tuple[str, ...]]:
    """SI 2015/313 reg 3(2): (a) the carer's health is, or is at risk of, deteriorating, or
    (b) the carer is unable to achieve any one of the outcomes (i)-(viii)."""
    reasons = []
    if health_at_risk:
        reasons.append(
            "Condition (b) is met: reg 3(2)(a) — your physical or mental health is getting "
            "worse, or is at risk of getting worse."
        )
    for code, ways in unable:
        outcome = question_set.outcome(code)
        how = "; ".join(question_set.way(w).legal_text for w in ways)
        reasons.append(
            f"Condition (b) is met: reg 3(2)(b)({outcome.letter}) — "
            f"{_lower_first(outcome.heading)}: you are {how} (reg 3(3))."
        )
    if reasons:
        return True, tuple(reasons)
    return False, (
        "Condition (b) is not met: reg 3(2) — your health is not at risk of getting worse "
        "(3(2)(a)), and you can achieve all eight outcomes in reg 3(2)(b).",
    )


def significant_impact_on_wellbeing(impact: bool) -> tuple[bool, str]:
    """SI 2015/313 reg 3(1)(c): as a consequence there is, or is likely to be, a significant
    impact on the carer's well-being."""
    if impact:
        return True, (
            "Condition (c) is met: reg 3(1)(c) — caring has, or is likely to have, "
            "a big effect on your wellbeing."
        )
    return False, (
        "Condition (c) is not met: reg 3(1)(c) — caring does not have, and is not likely "
        "to have, a big effect on your wellbeing."
    )


def fluctuation_note(needs_fluctuate: bool, description: str) -> str:
    """Reg 3(4) is about fluctuating needs but its full text was not retrieved: the assessor's
    own record of the period considered is shown, and no rule is applied to it."""
    if not needs_fluctuate:
        return ""
    recorded = " ".join(description.split())
    if not recorded:
        raise ValueError("Say over what period the fluctuating needs were considered")
    return (
        f"Needs fluctuate: considered over {recorded} (as recorded in this assessment; reg 3(4))."
    )


def carer_eligibility(
    question_set: CarerQuestionSet,
    answers: Mapping[str, Collection[str]],
    necessary_care: bool,
    health_at_risk: bool,
    wellbeing_impact: bool,
    *,
    needs_fluctuate: bool = False,
    fluctuation: str = "",
) -> CarerEligibility:
    """SI 2015/313 reg 3(1): all three conditions must be met. `answers` maps an outcome code to
    the reg 3(3) ways it cannot be achieved (an empty collection: it can be achieved)."""
    unable = []
    for code, ways in answers.items():
        question_set.outcome(code)  # ValueError for an unknown outcome
        if unable_to_achieve(question_set, ways):
            unable.append((code, tuple(dict.fromkeys(ways))))
    order = [o.code for o in question_set.outcomes]
    unable.sort(key=lambda item: order.index(item[0]))
    a_met, a_reason = needs_arise_from_necessary_care(necessary_care)
    b_met, b_reasons = circumstance_applies(question_set, health_at_risk, tuple(unable))
    c_met, c_reason = significant_impact_on_wellbeing(wellbeing_impact)
    reasons = [a_reason, *b_reasons, c_reason]
    note = fluctuation_note(needs_fluctuate, fluctuation)
    if note:
        reasons.append(note)
    return CarerEligibility(
        eligible=a_met and b_met and c_met,
        reasons=tuple(reasons),
        unable_outcomes=tuple(code for code, _ in unable),
        health_at_risk=bool(health_at_risk),
    )


def _inputs(inputs: Mapping[str, object]) -> tuple[int, bool]:
    unknown = sorted(set(inputs) - {"unable_outcomes", "health_at_risk"})
    if unknown:
        raise ValueError(f"{unknown[0]!r} is not an input to the carer allocation")
    count, health = inputs.get("unable_outcomes", 0), inputs.get("health_at_risk", False)
    if (
        not isinstance(count, int)
        or isinstance(count, bool)
        or not 0 <= count <= len(CARER_OUTCOME_LETTERS)
    ):
        raise ValueError("'unable_outcomes' must be a whole number from 0 to 8")
    if not isinstance(health, bool):
        raise ValueError("'health_at_risk' must be true or false")
    return count, health


def _points(model: CarerAllocationModel, count: int, health: bool) -> int:
    return count * model.points_per_outcome + (model.health_points if health else 0)


def _amount(model: CarerAllocationModel, band: CarerBand) -> tuple[Decimal, Decimal]:
    """(rounded, final): the band amount rounded to the step, then held at the cap."""
    steps = (band.amount / model.round_to).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    rounded = to_money(steps * model.round_to)
    return rounded, to_money(min(rounded, model.cap))


def _annual(model: CarerAllocationModel, amount: Decimal) -> Decimal:
    return amount if model.period == "annual" else to_money(amount * WEEKS_PER_YEAR)


def _things(n: int) -> str:
    return "1 thing" if n == 1 else f"{n} things"


def _pts(n: int) -> str:
    return "1 point" if n == 1 else f"{n} points"


def carer_allocation(
    model: CarerAllocationModel, inputs: Mapping[str, object]
) -> CarerAllocationResult:
    """The separate carer allocation: points for each outcome the carer cannot achieve and for
    health at risk, the band those points fall in, its amount rounded and held at the cap.
    `inputs` is {"unable_outcomes": 0-8, "health_at_risk": bool}."""
    count, health = _inputs(inputs)
    points = _points(model, count, health)
    band = model.band_for(points)
    rounded, amount = _amount(model, band)
    per = PERIODS[model.period]
    explanation = _explain(model, count, health, points, band, rounded, amount)
    arithmetic = (
        f"{count} outcome(s) × {model.points_per_outcome} = {count * model.points_per_outcome} points",
        f"Health at risk: {'+ ' + str(model.health_points) if health else '+ 0'} points",
        f"Total {points} points → band '{band.label}' ({band.low}–{band.high}): "
        f"{format_money(band.amount)} {per}",
        f"Rounded to the nearest {format_money(model.round_to)}: {format_money(rounded)}",
        f"Cap {format_money(model.cap)}: {'applied' if amount != rounded else 'not applied'}",
        f"Allocation {format_money(amount)} {per}; model {model.ref}",
    )
    return CarerAllocationResult(
        model_ref=model.ref,
        points=points,
        band=band.label,
        amount=amount,
        period=model.period,
        annual_amount=_annual(model, amount),
        capped=amount != rounded,
        demo=model.demo,
        explanation=explanation,
        arithmetic=arithmetic,
        what_would_change=_changes(model, count, health, amount),
    )


def _explain(
    model: CarerAllocationModel,
    count: int,
    health: bool,
    points: int,
    band: CarerBand,
    rounded: Decimal,
    amount: Decimal,
) -> tuple[str, ...]:
    """Short sentences in plain words, for the carer."""
    per = PERIODS[model.period]
    lines = []
    if count:
        lines.append(
            f"Caring stops you doing {_things(count)} the law lists. "
            f"{'That adds' if count == 1 else 'Each one adds'} {_pts(model.points_per_outcome)}."
        )
    else:
        lines.append("Caring does not stop you doing any of the things the law lists.")
    if health:
        lines.append(f"Your health is at risk. That adds {_pts(model.health_points)}.")
    lines.append(f"That makes {_pts(points)} in all.")
    lines.append(
        f"This is in the {band.label.lower()} band. It pays {format_money(band.amount)} {per}."
    )
    if rounded != band.amount:
        lines.append(f"We round it to {format_money(rounded)}.")
    if amount != rounded:
        lines.append(f"The most we pay is {format_money(model.cap)} {per}.")
    lines.append(f"Your carer's budget is {format_money(amount)} {per}.")
    if model.period == "annual":
        lines.append("It is paid once a year.")
    if model.demo:
        lines.append("These are test figures, not a real council's.")
    return tuple(lines)


def _changes(
    model: CarerAllocationModel, count: int, health: bool, amount: Decimal
) -> tuple[str, ...]:
    """What would change the amount: one more or one fewer outcome, or health at risk."""
    per = PERIODS[model.period]
    options = []
    if count < len(CARER_OUTCOME_LETTERS):
        options.append(("If one more thing became too hard", count + 1, health))
    if count > 0:
        options.append(("If one fewer thing was too hard", count - 1, health))
    if not health:
        options.append(("If your health became at risk", count, True))
    lines = []
    for lead, c, h in options:
        _, new = _amount(model, model.band_for(_points(model, c, h)))
        if new == amount:
            lines.append(f"{lead}, you would get the same.")
        else:
            lines.append(f"{lead}, you would get {format_money(new)} {per}.")
    return tuple(lines)
