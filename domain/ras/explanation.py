"""The working of one budget in words: short sentences for the person (`_explain`), and every
step of the sum for professionals (`_arithmetic`). Statutory guidance §11.24: transparency.
"""

from domain.money import PENNY, WEEKS_PER_YEAR, annual_from_weekly, format_money, to_money
from domain.ras.working import Factor, _lower_first, _num, _points, _Steps, _unit
from domain.rulepacks import RasModel


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
