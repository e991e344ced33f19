"""Carers' rule packs: the carer's assessment (SI 2015/313 reg 3) and a separate carer allocation.

Two kinds, registered in BUILDERS: `carer_question_set` (the law's eight outcomes and three ways,
checked on load) and `carer_allocation` (council-configured points and bands, marked demo when the
figures are not a real council's).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from domain.rulepacks.fields import _unique, need
from domain.rulepacks.types import Choice, Outcome, Pack, RulePackError

# SI 2015/313 reg 3(2)(b)(i)-(viii): the law fixes eight outcomes for carers.
CARER_OUTCOME_LETTERS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii")
# SI 2015/313 reg 3(3): three ways of being "unable to achieve" (no "significantly longer" limb).
CARER_WAY_COUNT = 3
CARER_QUESTIONS = ("necessary_care", "health", "wellbeing", "fluctuation")
PERIODS = {"weekly": "a week", "annual": "a year"}


@dataclass(frozen=True)
class LegalQuestion:
    """A yes/no question in plain words, with the regulation it asks about, in the law's words."""

    code: str
    text: str
    hint: str
    cite: str
    legal_text: str


@dataclass(frozen=True)
class CarerQuestionSet:
    """The carer's assessment: eight outcomes (reg 3(2)(b)), three ways (reg 3(3)), questions."""

    ref: str
    demo: bool
    source: str
    outcomes: tuple[Outcome, ...]
    ways: tuple[Choice, ...]
    questions: Mapping[str, LegalQuestion] = field(hash=False)

    def outcome(self, code: str) -> Outcome:
        """The outcome with this code; ValueError if the question set has none."""
        for outcome in self.outcomes:
            if outcome.code == code:
                return outcome
        raise ValueError(f"{code!r} is not an outcome in {self.ref}")

    def way(self, code: str) -> Choice:
        """The reg 3(3) way with this code; ValueError for anything else (e.g. 'takes_longer')."""
        for way in self.ways:
            if way.code == code:
                return way
        raise ValueError(f"{code!r} is not one of the three reg 3(3) ways in {self.ref}")


@dataclass(frozen=True)
class CarerBand:
    """Points from `low` to `high` (both included) give `amount` for the period."""

    low: int
    high: int
    amount: Decimal
    label: str


@dataclass(frozen=True)
class CarerAllocationModel:
    """A separate carer allocation: points for each outcome and for health, then bands of points."""

    ref: str
    demo: bool
    source: str
    points_per_outcome: int
    health_points: int
    period: str  # "weekly" or "annual"
    round_to: Decimal
    cap: Decimal
    bands: tuple[CarerBand, ...]

    @property
    def max_points(self) -> int:
        """The most points the law's eight outcomes and the health question can give."""
        return len(CARER_OUTCOME_LETTERS) * self.points_per_outcome + self.health_points

    def band_for(self, points: int) -> CarerBand:
        """The band holding these points; ValueError outside every band."""
        for band in self.bands:
            if band.low <= points <= band.high:
                return band
        raise ValueError(f"{points} points is outside every band in {self.ref}")


def carer_question_set(pack: Pack, where: str) -> CarerQuestionSet:
    """SI 2015/313 reg 3: eight outcomes lettered (i)-(viii) in order, exactly three ways, and the
    questions for reg 3(1)(a), 3(1)(c), 3(2)(a) and fluctuating needs (3(4))."""
    d = pack.data
    at = f"{where} [[outcomes]]"
    fields = ("code", "letter", "legal_text", "heading", "hint")
    outcomes = tuple(
        Outcome(**{f: need(o, f, at) for f in fields}) for o in need(d, "outcomes", where, list)
    )
    _unique([o.code for o in outcomes], at)
    letters = tuple(o.letter for o in outcomes)
    if letters != CARER_OUTCOME_LETTERS:
        raise RulePackError(
            f"{at}: reg 3(2)(b) has eight outcomes lettered {', '.join(CARER_OUTCOME_LETTERS)} "
            f"in order, not {', '.join(letters) or 'none'}"
        )
    wt = f"{where} [[ways]]"
    ways = tuple(
        Choice(
            need(w, "code", wt),
            need(w, "label", wt),
            need(w, "letter", wt),
            need(w, "legal_text", wt),
        )
        for w in need(d, "ways", where, list)
    )
    _unique([w.code for w in ways], wt)
    if len(ways) != CARER_WAY_COUNT:
        raise RulePackError(
            f"{wt}: reg 3(3) has exactly {CARER_WAY_COUNT} ways (no 'significantly longer'), "
            f"not {len(ways)}"
        )
    if any("longer" in w.legal_text.lower() for w in ways):
        raise RulePackError(f"{wt}: reg 3(3) has no 'significantly longer' way for carers")
    qt = need(d, "questions", where, Mapping)
    questions = {}
    for code in CARER_QUESTIONS:
        q, at = need(qt, code, f"{where} [questions]", Mapping), f"{where} [questions.{code}]"
        questions[code] = LegalQuestion(
            code=code,
            text=need(q, "text", at),
            hint=need(q, "hint", at),
            cite=need(q, "cite", at),
            legal_text=need(q, "legal_text", at),
        )
    return CarerQuestionSet(
        ref=pack.ref,
        demo=pack.demo,
        source=pack.source,
        outcomes=outcomes,
        ways=ways,
        questions=questions,
    )


def _whole(table: Mapping[str, Any], key: str, where: str) -> int:
    value = need(table, key, where, int)
    if value < 0:
        raise RulePackError(f"{where}: '{key}' must be zero or more")
    return value


def carer_allocation(pack: Pack, where: str) -> CarerAllocationModel:
    """A council's carer allocation: whole points, then bands that meet end to end from 0 to the
    most points possible, each with a non-negative amount; rounding step and a cap."""
    d = pack.data
    st, at = need(d, "scoring", where, Mapping), f"{where} [scoring]"
    am, aw = need(d, "amounts", where, Mapping), f"{where} [amounts]"
    period = need(am, "period", aw)
    if period not in PERIODS:
        raise RulePackError(f"{aw}: 'period' must be one of {', '.join(PERIODS)}, not {period!r}")
    bt = f"{where} [[bands]]"
    bands = tuple(
        CarerBand(
            low=_whole(b, "from_points", bt),
            high=_whole(b, "to_points", bt),
            amount=need(b, "amount", bt, Decimal),
            label=need(b, "label", bt),
        )
        for b in need(d, "bands", where, list)
    )
    model = CarerAllocationModel(
        ref=pack.ref,
        demo=pack.demo,
        source=pack.source,
        points_per_outcome=_whole(st, "points_per_outcome", at),
        health_points=_whole(st, "health_points", at),
        period=period,
        round_to=need(am, "round_to", aw, Decimal),
        cap=need(am, "cap", aw, Decimal),
        bands=bands,
    )
    _check_bands(model, bt)
    if model.round_to < Decimal("0.01"):
        raise RulePackError(f"{aw}: 'round_to' must be at least \"0.01\" (a penny)")
    return model


def _check_bands(model: CarerAllocationModel, where: str) -> None:
    if not model.bands:
        raise RulePackError(f"{where}: needs at least one band")
    expected = 0
    for band in model.bands:
        if band.high < band.low:
            raise RulePackError(f"{where}: the band '{band.label}' ends before it starts")
        if band.low < expected:
            raise RulePackError(f"{where}: the band '{band.label}' overlaps the band before it")
        if band.low > expected:
            raise RulePackError(
                f"{where}: there is a gap before the band '{band.label}' ({expected} to "
                f"{band.low - 1} points are in no band)"
            )
        expected = band.high + 1
    if expected <= model.max_points:
        raise RulePackError(
            f"{where}: the bands stop at {expected - 1} points but up to {model.max_points} "
            "points are possible"
        )


CARER_BUILDERS = {
    "carer_question_set": carer_question_set,
    "carer_allocation": carer_allocation,
}
