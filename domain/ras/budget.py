"""The indicative budget: `calculate_budget` (with its explanation), `what_would_change` and
`quick` (the same weekly amount without the words, for back-testing many cases).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from domain.money import annual_from_weekly, format_money
from domain.ras.explanation import _arithmetic, _explain
from domain.ras.working import Factor, _factor, _levels, _share, _work_out
from domain.rulepacks import QuestionSet, RasModel


@dataclass(frozen=True)
class RasResult:
    """An indicative budget with the working: for the person (explanation) and for staff."""

    model_ref: str
    points: Decimal
    adjusted_points: Decimal
    weekly_amount: Decimal
    annual_amount: Decimal
    capped: bool  # True when the floor or the cap changed the amount
    factors: tuple[Factor, ...]
    explanation: tuple[str, ...]
    arithmetic: tuple[str, ...]
    demo: bool
    outside_ras: bool = False  # some needs are costed separately (bespoke), not by the model


def calculate_budget(
    *,
    model: RasModel,
    question_set: QuestionSet,
    help_levels: Mapping[str, str],
    unpaid_care: str,
    outside_ras: bool = False,
) -> RasResult:
    """The indicative weekly budget from the RAS model, with a per-factor explanation
    (statutory guidance §11.24: transparency). `outside_ras` says the assessment found needs the
    model cannot price: they are costed separately and the plan goes to the delegation policy."""
    levels = _levels(model, question_set, help_levels)
    share = _share(model, question_set, unpaid_care)
    answers = {c.code: c.label for c in question_set.help_levels}
    factors = tuple(
        _factor(model, o, levels[o.code], answers[levels[o.code]]) for o in question_set.outcomes
    )
    steps = _work_out(model, sum((f.points for f in factors), Decimal(0)), share)
    care = {c.code: c.label for c in question_set.unpaid_care_levels}[unpaid_care]
    return RasResult(
        model_ref=model.ref,
        points=steps.points,
        adjusted_points=steps.adjusted,
        weekly_amount=steps.weekly,
        annual_amount=annual_from_weekly(steps.weekly),
        capped=steps.weekly != steps.rounded,
        factors=factors,
        explanation=_explain(model, factors, steps, care, outside_ras),
        arithmetic=_arithmetic(model, factors, steps, outside_ras),
        demo=model.demo,
        outside_ras=outside_ras,
    )


def what_would_change(
    *,
    model: RasModel,
    question_set: QuestionSet,
    help_levels: Mapping[str, str],
    unpaid_care: str,
    outside_ras: bool = False,
) -> tuple[str, ...]:
    """For each answer, how the weekly amount would move if it were one level higher or lower
    (only where the amount would change): the "how to challenge it" view of §11.24."""
    levels = _levels(model, question_set, help_levels)
    share = _share(model, question_set, unpaid_care)
    order = [c.code for c in question_set.help_levels]
    labels = {c.code: c.label for c in question_set.help_levels}

    def weekly(changed: Mapping[str, str]) -> Decimal:
        points = sum((model.points_for(o, lvl) for o, lvl in changed.items()), Decimal(0))
        return _work_out(model, points, share).weekly

    base, changes = weekly(levels), []
    for outcome in question_set.outcomes:
        i = order.index(levels[outcome.code])
        for j in (i + 1, i - 1):
            if not 0 <= j < len(order):
                continue
            diff = weekly({**levels, outcome.code: order[j]}) - base
            if diff:
                way = "go up" if diff > 0 else "go down"
                changes.append(
                    f"{outcome.heading}: if the answer were “{labels[order[j]]}”, the budget "
                    f"would {way} by {format_money(abs(diff))} a week."
                )
    return tuple(changes)


def quick(
    *,
    model: RasModel,
    question_set: QuestionSet,
    help_levels: Mapping[str, str],
    unpaid_care: str,
    outside_ras: bool = False,
) -> tuple[Decimal, Decimal]:
    """(points after adjustments, weekly amount) without the words: for back-testing many cases.
    Gives the same weekly amount as `calculate_budget`."""
    levels = _levels(model, question_set, help_levels)
    share = _share(model, question_set, unpaid_care)
    points = sum((model.points_for(o, lvl) for o, lvl in levels.items()), Decimal(0))
    steps = _work_out(model, points, share)
    return steps.adjusted, steps.weekly
