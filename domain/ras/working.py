"""The RAS sum itself: each answer's points, less the unpaid care share, priced or banded,
rounded, then held within the floor and the cap.

`_work_out` gives every step of it (`_Steps`), so the budget, the explanation and the "what would
change" view all use one sum. Also the small helpers that write numbers as words ("14.4 points").
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from domain.money import PENNY, format_money, to_money
from domain.rulepacks import Outcome, QuestionSet, RasModel
from domain.rulepacks.types import Band

NO_HELP = "none"  # the help level a missing answer counts as
ROUNDING = {"half_up": ROUND_HALF_UP, "up": ROUND_CEILING, "down": ROUND_FLOOR}


@dataclass(frozen=True)
class Factor:
    """What one answer added to the points, in words."""

    code: str
    heading: str
    answer: str
    points: Decimal
    sentence: str


@dataclass(frozen=True)
class _Part:
    """One step of a stepped price: `count` points from `start` at `price` each."""

    start: Decimal
    end: Decimal | None
    count: Decimal
    price: Decimal

    @property
    def amount(self) -> Decimal:
        return self.count * self.price


@dataclass(frozen=True)
class _Steps:
    points: Decimal
    share: Decimal
    reduction: Decimal
    adjusted: Decimal
    parts: tuple[_Part, ...]  # a points model: the points at each price
    band: Band | None  # a banded model: the band the points fall in
    band_end: Decimal | None  # where that band ends (None for the top band)
    raw: Decimal
    rounded: Decimal
    weekly: Decimal


def _num(value: Decimal) -> str:
    """12 or 14.4: a number without trailing zeros."""
    return f"{value.quantize(PENNY, rounding=ROUND_HALF_UP):f}".rstrip("0").rstrip(".") or "0"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _points(n: Decimal) -> str:
    return "1 point" if n == 1 else f"{_num(n)} points"


def _unit(step: Decimal) -> str:
    return {Decimal(1): "pound", PENNY: "penny"}.get(step, format_money(step))


def _levels(
    model: RasModel, question_set: QuestionSet, help_levels: Mapping[str, str]
) -> dict[str, str]:
    """Each outcome's help level; a missing or blank answer counts as no help."""
    codes = [c.code for c in question_set.help_levels]
    default = NO_HELP if NO_HELP in codes else codes[0]
    for outcome, level in help_levels.items():
        question_set.outcome(outcome)  # ValueError for an unknown outcome
        if level and level not in codes:
            raise ValueError(f"{level!r} is not a help level in {question_set.ref}")
    unpriced = sorted(set(codes) - set(model.points))
    if unpriced:
        raise ValueError(f"{model.ref} has no points for the help level {unpriced[0]!r}")
    return {o.code: help_levels.get(o.code) or default for o in question_set.outcomes}


def _share(model: RasModel, question_set: QuestionSet, unpaid_care: str) -> Decimal:
    """The share of points taken off for help from family or friends who are not paid."""
    if unpaid_care not in {c.code for c in question_set.unpaid_care_levels}:
        raise ValueError(f"{unpaid_care!r} is not an unpaid care level in {question_set.ref}")
    if unpaid_care not in model.unpaid_care_reduction:
        raise ValueError(f"{model.ref} has no unpaid care reduction for {unpaid_care!r}")
    return model.unpaid_care_reduction[unpaid_care]


def _factor(model: RasModel, outcome: Outcome, level: str, answer: str) -> Factor:
    points = model.points_for(outcome.code, level)
    added = "1 point" if points == 1 else f"{_num(points)} points" if points else "no points"
    sentence = f"Your answers about {_lower_first(outcome.heading)} added {added}."
    return Factor(outcome.code, outcome.heading, answer, points, sentence)


def _parts(model: RasModel, points: Decimal) -> tuple[_Part, ...]:
    """Split the points across the model's prices: the first price up to the first step, and so on."""
    starts = [Decimal(0), *(s.above_points for s in model.price_steps)]
    prices = [model.price_per_point, *(s.price_per_point for s in model.price_steps)]
    ends = [*starts[1:], None]
    return tuple(
        _Part(start, end, (points if end is None else min(points, end)) - start, price)
        for start, end, price in zip(starts, ends, prices, strict=True)
        if points > start or start == 0
    )


def _band(model: RasModel, points: Decimal) -> tuple[Band, Decimal | None]:
    """The band the points fall in, and where it ends (None for the top band)."""
    index = max(i for i, b in enumerate(model.bands) if b.from_points <= points)
    following = model.bands[index + 1 : index + 2]
    return model.bands[index], following[0].from_points if following else None


def _work_out(model: RasModel, points: Decimal, share: Decimal) -> _Steps:
    """Points less the unpaid care share, priced (or banded), rounded, within the floor and cap."""
    reduction = (points * share).quantize(PENNY, rounding=ROUND_HALF_UP)
    adjusted = points - reduction
    parts, band, band_end = (), None, None
    if model.method == "bands":
        band, band_end = _band(model, adjusted)
        raw = band.weekly
    else:
        parts = _parts(model, adjusted)
        raw = sum((p.amount for p in parts), Decimal(0))
    steps = (raw / model.round_to).quantize(Decimal(1), ROUNDING[model.rounding])
    rounded = to_money(steps * model.round_to)
    weekly = to_money(min(max(rounded, model.floor_weekly), model.cap_weekly))
    return _Steps(points, share, reduction, adjusted, parts, band, band_end, raw, rounded, weekly)
