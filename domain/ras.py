"""The resource allocation system (RAS): points for each answer, a price per point, adjustments and
limits, giving an indicative weekly budget with an explanation anyone can follow.

Care and Support Statutory Guidance §11.24: "transparency, timeliness and sufficiency"; allocation
processes made publicly available; the indicative allowance "can be increased or decreased".
The figures are council-configured data (RULES.md §7): none is built in here.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from domain.money import PENNY, WEEKS_PER_YEAR, annual_from_weekly, format_money, to_money
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


def _explain(
    model: RasModel, factors: tuple[Factor, ...], s: _Steps, care: str, outside_ras: bool
) -> tuple[str, ...]:
    """Short sentences in plain words, for the person."""
    lines = [f.sentence for f in factors if f.points]
    if lines:
        others = len(factors) - len(lines)
        if others:
            lines.append("Your other answers added no points.")
        lines.append(f"That makes {_num(s.points)} points in all.")
    else:
        lines.append("Your answers added no points.")
    if s.reduction:
        lines.append(
            f"Family or friends help you without being paid ({_lower_first(care)}). "
            f"So we take off {_num(s.share * 100)}% of the points. "
            f"That leaves {_num(s.adjusted)} points."
        )
    lines.extend(_band_in_words(s) if s.band else _price_in_words(model, s))
    lines.extend(_limits_in_words(model, s))
    lines.append(f"So your budget is {format_money(s.weekly)} a week to start with.")
    if outside_ras:
        lines.append(
            "Some of your needs cannot be worked out with points. "
            "Your worker will find out what they cost and add that to your plan."
        )
    lines.append("It can go up or down as you plan your support.")
    if model.demo:
        lines.append("The figures used here are only an example.")
    return tuple(lines)


def _points(n: Decimal) -> str:
    return "1 point" if n == 1 else f"{_num(n)} points"


def _price_in_words(model: RasModel, s: _Steps) -> list[str]:
    if not model.price_steps:
        return [
            f"Each point is worth {format_money(model.price_per_point)} a week. "
            f"So {_points(s.adjusted)} come to {format_money(s.raw)} a week."
        ]
    lines = []
    for i, part in enumerate(s.parts):
        price = format_money(part.price)
        if i == 0 and part.end is not None and s.adjusted > part.end:
            lines.append(f"The first {_points(part.end)} are worth {price} each a week.")
        elif i == 0:
            lines.append(f"Each point is worth {price} a week.")
        else:
            lines.append(f"Points above {_num(part.start)} are worth {price} each.")
    lines.append(f"So {_points(s.adjusted)} come to {format_money(s.raw)} a week.")
    return lines


def _band_in_words(s: _Steps) -> list[str]:
    start = _num(s.band.from_points)
    where = (
        f"from {start} to under {_num(s.band_end)} points"
        if s.band_end is not None
        else f"of {start} points or more"
    )
    return [
        "Budgets are set in bands of points.",
        f"Your {_points(s.adjusted)} are in the band {where}.",
        f"That band gives {format_money(s.band.weekly)} a week.",
    ]


def _unit(step: Decimal) -> str:
    return {Decimal(1): "pound", PENNY: "penny"}.get(step, format_money(step))


def _limits_in_words(model: RasModel, s: _Steps) -> list[str]:
    lines = []
    if s.rounded != to_money(s.raw):
        unit = _unit(model.round_to)
        how = {
            "half_up": f"to the nearest {unit}",
            "up": f"up to the next {unit}",
            "down": f"down to the {unit} below",
        }[model.rounding]
        lines.append(f"We round this {how}, which gives {format_money(s.rounded)}.")
    if s.weekly < s.rounded:
        lines.append(f"The most this can give is {format_money(model.cap_weekly)} a week.")
    elif s.weekly > s.rounded:
        lines.append(f"The least this can give is {format_money(model.floor_weekly)} a week.")
    return lines


def _money_sum(s: _Steps) -> str:
    """'14 × £9.50 = £133.00', or each step of a stepped price, or the band."""
    if s.band:
        end = f"under {_num(s.band_end)}" if s.band_end is not None else "and above"
        return (
            f"{_num(s.adjusted)} points: band {_num(s.band.from_points)} to {end} = "
            f"{format_money(s.band.weekly)}"
        )
    terms = [f"{_num(p.count)} × {format_money(p.price)}" for p in s.parts]
    if len(terms) == 1:
        return f"{terms[0]} = {format_money(s.raw)}"
    amounts = " + ".join(format_money(p.amount) for p in s.parts)
    return f"{' + '.join(terms)} = {amounts} = {format_money(s.raw)}"


def _arithmetic(
    model: RasModel, factors: tuple[Factor, ...], s: _Steps, outside_ras: bool
) -> tuple[str, ...]:
    """Every step of the sum, for professionals."""
    added = [_num(f.points) for f in factors if f.points]
    total = _num(s.points)
    steps = [f"Points: {' + '.join(added)} = {total}" if len(added) > 1 else f"Points: {total}"]
    if s.reduction:
        share, reduction = _num(s.share * 100), _num(s.reduction)
        steps.append(f"{total} − {share}% unpaid care ({reduction}) = {_num(s.adjusted)}")
    steps.append(_money_sum(s))
    if model.round_to != PENNY or model.rounding != "half_up":
        how = {"half_up": "half up", "up": "up", "down": "down"}[model.rounding]
        steps.append(
            f"Rounded {how} to the nearest {format_money(model.round_to)}: "
            f"{format_money(s.rounded)}"
        )
    if s.weekly < s.rounded:
        steps.append(f"Capped at {format_money(model.cap_weekly)} a week")
    elif s.weekly > s.rounded:
        steps.append(f"Raised to the floor of {format_money(model.floor_weekly)} a week")
    steps.append(
        f"{format_money(s.weekly)} a week × {WEEKS_PER_YEAR} = "
        f"{format_money(annual_from_weekly(s.weekly))} a year"
    )
    if outside_ras:
        steps.append("Outside the RAS: some needs go to bespoke costing and the delegation policy")
    return tuple(steps)


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
