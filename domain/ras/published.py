"""A RAS model described for the public, with a worked example (`in_words`, `ModelInWords`).

Statutory guidance §11.24: allocation processes made publicly available.
"""

from dataclasses import dataclass
from decimal import Decimal

from domain.money import format_money
from domain.ras.budget import RasResult, calculate_budget
from domain.ras.working import _num, _points, _unit
from domain.rulepacks import QuestionSet, RasModel


@dataclass(frozen=True)
class ModelInWords:
    """A RAS model described for the public (guidance §11.24: allocation processes published)."""

    ref: str
    demo: bool
    source: str
    outcome_count: int
    points: tuple[tuple[str, str], ...]  # (answer, points)
    special_points: tuple[str, ...]  # sentences for outcomes with their own points
    unpaid_care: tuple[tuple[str, str], ...]  # (help from family or friends, share taken off)
    money: tuple[str, ...]  # how points become money
    bands: tuple[tuple[str, str], ...]  # (points, weekly amount) for a banded model
    limits: tuple[str, ...]
    example_answers: tuple[tuple[str, str], ...]  # (outcome heading, answer)
    example_unpaid_care: str
    example: RasResult


def _range(start: Decimal, end: Decimal | None) -> str:
    return f"{_num(start)} or more" if end is None else f"{_num(start)} to under {_num(end)}"


def in_words(model: RasModel, question_set: QuestionSet) -> ModelInWords:
    """How this model turns answers into an indicative budget, with a worked example."""
    levels = question_set.help_levels
    labels = {c.code: c.label for c in levels}
    special = tuple(
        f"{question_set.outcome(o).heading}: "
        + ", ".join(f"“{labels.get(lvl, lvl)}” adds {_points(p)}" for lvl, p in table.items())
        + "."
        for o, table in model.outcome_points.items()
    )
    if model.method == "bands":
        starts = [b.from_points for b in model.bands]
        bands = tuple(
            (_range(b.from_points, end), format_money(b.weekly))
            for b, end in zip(model.bands, [*starts[1:], None], strict=True)
        )
        money = ("Your points, after any change for unpaid help, fall in one band.",)
    else:
        bands = ()
        first = (
            f"The first {_points(model.price_steps[0].above_points)} are worth "
            f"{format_money(model.price_per_point)} each a week."
            if model.price_steps
            else f"Each point is worth {format_money(model.price_per_point)} a week."
        )
        money = (
            first,
            *(
                f"Points above {_num(s.above_points)} are worth "
                f"{format_money(s.price_per_point)} each."
                for s in model.price_steps
            ),
        )
    how = {"half_up": "to the nearest", "up": "up to the next", "down": "down to the"}
    unit = _unit(model.round_to)
    limits = [
        f"We round the amount {how[model.rounding]} {unit}"
        + (" below." if model.rounding == "down" else ".")
    ]
    if model.floor_weekly:
        limits.append(f"The least it gives is {format_money(model.floor_weekly)} a week.")
    limits.append(f"The most it gives is {format_money(model.cap_weekly)} a week.")
    outcomes = question_set.outcomes
    picks = {outcomes[0].code: levels[-1].code, outcomes[1].code: levels[len(levels) // 2].code}
    if len(outcomes) > 3 and len(levels) > 1:
        picks[outcomes[3].code] = levels[1].code
    care = question_set.unpaid_care_levels[min(1, len(question_set.unpaid_care_levels) - 1)]
    example = calculate_budget(
        model=model, question_set=question_set, help_levels=picks, unpaid_care=care.code
    )
    return ModelInWords(
        ref=model.ref,
        demo=model.demo,
        source=model.source,
        outcome_count=len(question_set.outcomes),
        points=tuple((c.label, _num(model.points[c.code])) for c in levels),
        special_points=special,
        unpaid_care=tuple(
            (c.label, f"{_num(model.unpaid_care_reduction[c.code] * 100)}%")
            for c in question_set.unpaid_care_levels
            if c.code in model.unpaid_care_reduction
        ),
        money=money,
        bands=bands,
        limits=tuple(limits),
        example_answers=tuple(
            (question_set.outcome(o).heading, labels[lvl]) for o, lvl in picks.items()
        ),
        example_unpaid_care=care.label,
        example=example,
    )
