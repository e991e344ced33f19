"""The adult's assessment and the RAS that prices it: kinds `question_set` and `ras_model`.

`question_set` (SI 2015/313 reg 2): the law's ten outcomes lettered (a)-(j) in order, its four
ways of being "unable to achieve" (a)-(d), the help and unpaid care levels, and two yes/no
questions. `ras_model`: a council's points per help level, the unpaid care reduction, then either
points x price per point (optionally stepped) or a banded table, with floor, cap and rounding.
Registered in BUILDERS (domain/rulepacks/builders.py); worked by domain/ras/.
"""

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from domain.rulepacks.fields import _choices, _unique, need
from domain.rulepacks.types import (
    RAS_METHODS,
    ROUNDING_MODES,
    Band,
    Outcome,
    Pack,
    PriceStep,
    QuestionSet,
    RasModel,
    RulePackError,
)

OUTCOME_LETTERS = tuple("abcdefghij")  # SI 2015/313 reg 2(2)(a)-(j): the law fixes ten outcomes
WAY_LETTERS = tuple("abcd")  # SI 2015/313 reg 2(3)(a)-(d): four ways of being "unable to achieve"


def _letters(items: tuple[Any, ...], letters: tuple[str, ...], where: str) -> None:
    found = tuple(getattr(i, "letter", "") for i in items)
    if found != letters:
        raise RulePackError(
            f"{where}: the law's letters are {', '.join(letters)} in order, not {', '.join(found)}"
        )


def _outcomes(data: Mapping[str, Any], where: str) -> tuple[Outcome, ...]:
    at = f"{where} [[outcomes]]"
    fields = ("code", "letter", "legal_text", "heading", "hint")
    outcomes = tuple(
        Outcome(**{f: need(o, f, at) for f in fields}) for o in need(data, "outcomes", where, list)
    )
    _unique([o.code for o in outcomes], at)
    _letters(outcomes, OUTCOME_LETTERS, at)
    return outcomes


def question_set(pack: Pack, where: str) -> QuestionSet:
    """SI 2015/313 reg 2: ten outcomes (2(2)), four ways (2(3)), and two yes/no questions."""
    d = pack.data
    questions = need(d, "questions", where, Mapping)
    ways = _choices(d, "ways", where, legal=True)
    _letters(ways, WAY_LETTERS, f"{where} [[ways]]")
    return QuestionSet(
        ref=pack.ref,
        demo=pack.demo,
        source=pack.source,
        outcomes=_outcomes(d, where),
        ways=ways,
        help_levels=_choices(d, "help_levels", where),
        unpaid_care_levels=_choices(d, "unpaid_care_levels", where),
        impairment_question=need(questions, "impairment", f"{where} [questions]"),
        wellbeing_question=need(questions, "wellbeing", f"{where} [questions]"),
    )


def _figures(table: Mapping[str, Any], key: str, where: str) -> Mapping[str, Decimal]:
    sub = need(table, key, where, Mapping)
    if not sub:
        raise RulePackError(f"{where} [{key}]: needs at least one entry")
    return MappingProxyType({k: need(sub, k, f"{where} [{key}]", Decimal) for k in sub})


def _one_of(table: Mapping[str, Any], key: str, where: str, allowed: tuple, default: str) -> str:
    value = need({key: default, **table}, key, where)
    if value not in allowed:
        raise RulePackError(f"{where}: '{key}' must be one of {', '.join(allowed)}, not {value!r}")
    return value


def _price_steps(prices: Mapping[str, Any], where: str) -> tuple[PriceStep, ...]:
    at = f"{where} [[prices.steps]]"
    items = need({"steps": (), **prices}, "steps", where, list)
    steps = tuple(
        PriceStep(need(i, "above_points", at, Decimal), need(i, "price_per_point", at, Decimal))
        for i in items
    )
    starts = [s.above_points for s in steps]
    if any(b <= a for a, b in zip([Decimal(0), *starts], starts, strict=False)):
        raise RulePackError(f"{at}: 'above_points' must be more than 0 and go up from step to step")
    return steps


def _bands(data: Mapping[str, Any], where: str) -> tuple[Band, ...]:
    at = f"{where} [[bands]]"
    items = need(data, "bands", where, list)
    if not items:
        raise RulePackError(f"{at}: needs at least one band")
    bands = tuple(
        Band(need(i, "from_points", at, Decimal), need(i, "weekly", at, Decimal)) for i in items
    )
    if bands[0].from_points != 0:
        raise RulePackError(
            f"{at}: the first band must start at 0 points, so every case has a band"
        )
    starts = [b.from_points for b in bands]
    if any(b <= a for a, b in zip(starts, starts[1:], strict=False)):
        raise RulePackError(
            f"{at}: 'from_points' must go up from band to band (no overlaps, no repeats)"
        )
    return bands


def ras_model(pack: Pack, where: str) -> RasModel:
    """A council's RAS: points per help level, an unpaid care adjustment, then points x price per
    point (optionally stepped) or a banded table; floor, cap, rounding step and rounding mode."""
    d, pw = pack.data, f"{where} [prices]"
    prices = need(d, "prices", where, Mapping)
    method = _one_of(prices, "method", pw, RAS_METHODS, "points")
    overrides = need({"outcome_points": {}, **d}, "outcome_points", where, Mapping)
    if method == "bands" and ("price_per_point" in prices or "steps" in prices):
        raise RulePackError(f"{pw}: a banded model has no 'price_per_point' or 'steps'")
    if method == "points" and "bands" in d:
        raise RulePackError(f'{where} [[bands]]: only a model with method = "bands" has bands')
    model = RasModel(
        ref=pack.ref,
        demo=pack.demo,
        source=pack.source,
        method=method,
        price_per_point=need(prices, "price_per_point", pw, Decimal)
        if method == "points"
        else None,
        price_steps=_price_steps(prices, pw) if method == "points" else (),
        bands=_bands(d, where) if method == "bands" else (),
        floor_weekly=need(prices, "floor_weekly", pw, Decimal),
        cap_weekly=need(prices, "cap_weekly", pw, Decimal),
        round_to=need(prices, "round_to", pw, Decimal),
        rounding=_one_of(prices, "rounding", pw, ROUNDING_MODES, "half_up"),
        points=_figures(d, "points", where),
        outcome_points=MappingProxyType(
            {o: _figures(overrides, o, f"{where} [outcome_points]") for o in overrides}
        ),
        unpaid_care_reduction=_figures(d, "unpaid_care_reduction", where),
    )
    _check_ras_model(model, where)
    return model


def _check_ras_model(model: RasModel, where: str) -> None:
    if model.floor_weekly > model.cap_weekly:
        raise RulePackError(f"{where} [prices]: 'floor_weekly' is above 'cap_weekly'")
    if model.round_to < Decimal("0.01"):
        raise RulePackError(f"{where} [prices]: 'round_to' must be at least \"0.01\" (a penny)")
    if any(share > 1 for share in model.unpaid_care_reduction.values()):
        raise RulePackError(f"{where} [unpaid_care_reduction]: a share must be from 0 to 1")
    for outcome, table in model.outcome_points.items():
        unknown = sorted(set(table) - set(model.points))
        if unknown:
            raise RulePackError(
                f"{where} [outcome_points.{outcome}]: '{unknown[0]}' is not a level in [points]"
            )


RAS_BUILDERS = {"question_set": question_set, "ras_model": ras_model}
