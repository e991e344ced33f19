"""Back-testing one model: predict every case with the real RAS (`domain.ras.quick`), measure
the errors overall and by group, and find the least-squares price per point (`back_test`).
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from operator import mul
from typing import NamedTuple

from domain.money import PENNY, format_money
from domain.ras import quick
from domain.raslab.cases import Case
from domain.raslab.figures import Figures, GroupRow, _error_h, _figures, _groups
from domain.rulepacks import QuestionSet, RasModel


class CaseResult(NamedTuple):
    """What the model predicts for one case, and how far that is from what was agreed."""

    line: int
    case_id: str
    points: Decimal  # after the unpaid care reduction, before price, rounding and limits
    predicted: Decimal
    agreed: Decimal
    error_pct: Decimal  # (predicted − agreed) / agreed × 100, to 0.01: negative is under-funded
    groups: tuple[str, ...]


@dataclass(frozen=True)
class LeastSquares:
    """The price per point that least squares would choose, and the error it would give."""

    applicable: bool
    price: Decimal | None
    figures: Figures | None
    sentence: str


@dataclass(frozen=True)
class LabResult:
    """Everything one back-test found, for one model."""

    model_ref: str
    demo: bool
    price_per_point: Decimal | None
    figures: Figures
    groups: tuple[GroupRow, ...]
    cases: tuple[CaseResult, ...]
    least_squares: LeastSquares


def _point_tables(model: RasModel, question_set: QuestionSet) -> list[dict[str, Decimal]]:
    """Each outcome's points for each help level (ValueError if the model lacks a level)."""
    try:
        return [
            {c.code: model.points_for(o.code, c.code) for c in question_set.help_levels}
            for o in question_set.outcomes
        ]
    except KeyError as e:
        raise ValueError(f"{model.ref} has no points for the help level {e.args[0]!r}") from None


def _keys(
    model: RasModel, question_set: QuestionSet, cases: Sequence[Case]
) -> list[tuple[Decimal, str]]:
    """Each case's (total points before adjustments, unpaid care level)."""
    tables = _point_tables(model, question_set)
    zero = Decimal(0)
    if all(t == tables[0] for t in tables):  # count answers at each level: quicker than adding
        points_of = [(level, p) for level, p in tables[0].items() if p]
        return [
            (sum([c.levels.count(level) * p for level, p in points_of], zero), c.unpaid_care)
            for c in cases
        ]
    return [
        (sum([t[v] for t, v in zip(tables, c.levels, strict=True)], zero), c.unpaid_care)
        for c in cases
    ]


def _predict(
    model: RasModel,
    question_set: QuestionSet,
    cases: Sequence[Case],
    keys: Sequence[tuple[Decimal, str]],
) -> list[tuple[Decimal, Decimal, int]]:
    """Every case's (adjusted points, weekly amount, the amount in pence) from the real RAS
    (`quick`). The RAS adds up the answers' points and then works from that total and the unpaid
    care level alone, so quick() runs once for each distinct (total points, unpaid care)."""
    outcomes = [o.code for o in question_set.outcomes]
    memo: dict[tuple[Decimal, str], tuple[Decimal, Decimal, int]] = {}
    for key, case in zip(keys, cases, strict=True):
        if key not in memo:
            points, weekly = quick(
                model=model,
                question_set=question_set,
                help_levels=dict(zip(outcomes, case.levels, strict=True)),
                unpaid_care=case.unpaid_care,
            )
            memo[key] = (points, weekly, int(weekly.scaleb(2)))
    return [memo[key] for key in keys]


def _least_squares(
    model: RasModel,
    question_set: QuestionSet,
    cases: Sequence[Case],
    keys: Sequence[tuple[Decimal, str]],
    points: Sequence[Decimal],
    agreed: Sequence[Decimal],
    figures: Figures,
) -> LeastSquares:
    if getattr(model, "method", "points") != "points":
        return LeastSquares(
            False,
            None,
            None,
            "A best-fit price per point does not apply to this model, because it turns points "
            "into amounts by bands rather than by a price for each point.",
        )
    zero = Decimal(0)
    top, bottom = sum(map(mul, points, agreed), zero), sum(map(mul, points, points), zero)
    if not bottom:
        return LeastSquares(
            False,
            None,
            None,
            "A best-fit price per point cannot be worked out, because every case has 0 points.",
        )
    price = (top / bottom).quantize(PENNY, ROUND_HALF_UP)
    predictions = _predict(replace(model, price_per_point=price), question_set, cases, keys)
    agreed_p = [int(a.scaleb(2)) for a in agreed]
    fitted = _figures(
        list(map(_error_h, [p[2] for p in predictions], agreed_p)),
        sum([p[1] for p in predictions], zero),
        figures.total_agreed,
    )
    sentence = (
        f"The price per point that fits these cases best (least squares) is "
        f"{format_money(price)} a week, against {format_money(model.price_per_point)} in this "
        f"model. At that price, with the same rounding, floor and cap, half the cases would be "
        f"within {fitted.median_abs_error_pct}% of what was agreed "
        f"(now {figures.median_abs_error_pct}%), and {fitted.within_10_pct}% would be within "
        f"10% (now {figures.within_10_pct}%)."
    )
    return LeastSquares(True, price, fitted, sentence)


def back_test(model: RasModel, question_set: QuestionSet, cases: Sequence[Case]) -> LabResult:
    """Predict every case with the model and measure how far predictions are from what was
    agreed: overall, by group, and at the least-squares price per point.
    ValueError if the model cannot price the question set's answers."""
    keys = _keys(model, question_set, cases)
    predictions = _predict(model, question_set, cases, keys)
    points = [p[0] for p in predictions]
    predicted = [p[1] for p in predictions]
    agreed = [c.agreed for c in cases]
    errors = list(map(_error_h, [p[2] for p in predictions], [int(a.scaleb(2)) for a in agreed]))
    groups = [c.groups for c in cases]
    zero = Decimal(0)
    figures = _figures(errors, sum(predicted, zero), sum(agreed, zero))
    results = list(
        map(
            CaseResult._make,
            zip(
                [c.line for c in cases],
                [c.case_id for c in cases],
                points,
                predicted,
                agreed,
                [Decimal(e).scaleb(-2) for e in errors],
                groups,
                strict=True,
            ),
        )
    )
    return LabResult(
        model_ref=model.ref,
        demo=model.demo,
        price_per_point=getattr(model, "price_per_point", None),
        figures=figures,
        groups=_groups(errors, groups),
        cases=tuple(results),
        least_squares=_least_squares(model, question_set, cases, keys, points, agreed, figures),
    )
