"""Versioned rule packs: TOML files with their source, validated on load, never edited in place.

Files live at `domain/rulepacks/<kind>/<id>-v<version>.toml`; `active.toml` names the version each
kind uses for new work. A calculation stores the `ref` ("id@version") it used, so it can be recomputed.
"""

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = ("question_set", "ras_model", "delegation_policy", "review_policy", "codes")


class RulePackError(ValueError):
    """A rule pack is missing, or a field in it is missing or wrong."""


@dataclass(frozen=True, eq=False)
class Pack:
    kind: str
    id: str
    version: int
    title: str
    source: str
    demo: bool
    effective_from: date
    data: Mapping

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"


@dataclass(frozen=True)
class Choice:
    code: str
    label: str
    letter: str = ""
    legal_text: str = ""


@dataclass(frozen=True)
class Outcome:
    code: str
    letter: str
    legal_text: str
    heading: str
    hint: str


@dataclass(frozen=True)
class QuestionSet:
    ref: str
    demo: bool
    source: str
    outcomes: tuple[Outcome, ...]
    ways: tuple[Choice, ...]
    help_levels: tuple[Choice, ...]
    unpaid_care_levels: tuple[Choice, ...]
    impairment_question: str
    wellbeing_question: str


@dataclass(frozen=True)
class RasModel:
    ref: str
    demo: bool
    source: str
    price_per_point: Decimal
    floor_weekly: Decimal
    cap_weekly: Decimal
    round_to: Decimal
    points: Mapping[str, Decimal]
    outcome_points: Mapping[str, Mapping[str, Decimal]]
    unpaid_care_reduction: Mapping[str, Decimal]

    def points_for(self, outcome: str, level: str) -> Decimal:
        return self.outcome_points.get(outcome, {}).get(level, self.points[level])


@dataclass(frozen=True)
class DelegationPolicy:
    ref: str
    demo: bool
    source: str
    tolerance_above_indicative: Decimal
    early_onset_age: int
    mental_health_psr: str
    panel_triggers: Mapping[str, str]


@dataclass(frozen=True)
class ReviewPolicy:
    ref: str
    source: str
    first_review_weeks: int
    first_review_latest_weeks: int
    annual_review_months: int
    direct_payment_first_review_months: int
    payment_every_days: int
    payments_scheduled_ahead: int


@dataclass(frozen=True)
class Codes:
    ref: str
    source: str
    lists: Mapping[str, tuple[Choice, ...]]

    def __getattr__(self, name: str) -> tuple[Choice, ...]:
        try:
            return self.lists[name]
        except KeyError:
            raise AttributeError(name) from None

    def label(self, list_name: str, code: str) -> str:
        for choice in self.lists[list_name]:
            if choice.code == code:
                return choice.label
        return code

    def codes_of(self, list_name: str) -> frozenset[str]:
        return frozenset(c.code for c in self.lists[list_name])


def _need(table: Mapping, key: str, where: str, kind: type = str):
    if key not in table:
        raise RulePackError(f"{where}: '{key}' is missing")
    value = table[key]
    if kind is Decimal:
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise RulePackError(f"{where}: '{key}' must be a number, not {value!r}") from None
        if not number.is_finite() or number < 0:
            raise RulePackError(f"{where}: '{key}' must be zero or more")
        return number
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise RulePackError(f"{where}: '{key}' must be {kind.__name__}, not {value!r}")
    return value


def validate_file(path: Path | str) -> Pack:
    """Read and check one rule-pack file; raise RulePackError naming the file and the field."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise RulePackError(f"{path.name}: cannot be read ({e})") from None
    where = f"{path.name} [pack]"
    head = raw.get("pack")
    if not isinstance(head, dict):
        raise RulePackError(f"{path.name}: the [pack] table is missing")
    kind = _need(head, "kind", where)
    if kind not in KINDS:
        raise RulePackError(f"{where}: 'kind' must be one of {', '.join(KINDS)}")
    pack = Pack(
        kind=kind,
        id=_need(head, "id", where),
        version=_need(head, "version", where, int),
        title=_need(head, "title", where),
        source=_need(head, "source", where),
        demo=_need(head, "demo", where, bool),
        effective_from=_need(head, "effective_from", where, date),
        data={k: v for k, v in raw.items() if k != "pack"},
    )
    _BUILDERS[kind](pack, path.name)  # checks the body
    return pack


def _path(kind: str, pack_id: str, version: int) -> Path:
    return HERE / kind / f"{pack_id}-v{version}.toml"


def parse_ref(ref: str) -> tuple[str, int]:
    pack_id, _, version = ref.partition("@")
    if not pack_id or not version.isdigit():
        raise RulePackError(f"'{ref}' is not a rule-pack reference like 'demo-points@1'")
    return pack_id, int(version)


@cache
def active_versions() -> Mapping[str, tuple[str, int]]:
    raw = tomllib.loads((HERE / "active.toml").read_text(encoding="utf-8"))
    return {kind: (raw[kind]["id"], int(raw[kind]["version"])) for kind in KINDS}


@cache
def load(kind: str, id: str | None = None, version: int | None = None) -> Pack:  # noqa: A002
    """The pack of this kind at this id and version (the active one when not given)."""
    if id is None or version is None:
        id, version = active_versions()[kind]
    path = _path(kind, id, version)
    if not path.exists():
        raise RulePackError(f"There is no {kind} rule pack {id}@{version}")
    pack = validate_file(path)
    if (pack.kind, pack.id, pack.version) != (kind, id, version):
        raise RulePackError(
            f"{path.name}: its [pack] says {pack.kind} {pack.ref}, not {kind} {id}@{version}"
        )
    return pack


@cache
def _get(kind: str, ref: str | None):
    pack = load(kind) if ref is None else load(kind, *parse_ref(ref))
    return _BUILDERS[kind](pack, f"{pack.ref}")


def _choices(items, where: str, *fields: str) -> tuple[Choice, ...]:
    if not isinstance(items, list) or not items:
        raise RulePackError(f"{where}: needs at least one entry")
    return tuple(
        Choice(
            code=_need(i, "code", where),
            label=_need(i, "label", where),
            **{f: _need(i, f, where) for f in fields},
        )
        for i in items
    )


def _question_set(pack: Pack, where: str) -> QuestionSet:
    d = pack.data
    questions = _need(d, "questions", where, dict)
    outcomes = tuple(
        Outcome(
            **{
                f: _need(o, f, f"{where} [[outcomes]]")
                for f in ("code", "letter", "legal_text", "heading", "hint")
            }
        )
        for o in _need(d, "outcomes", where, list)
    )
    return QuestionSet(
        ref=pack.ref,
        demo=pack.demo,
        source=pack.source,
        outcomes=outcomes,
        ways=_choices(_need(d, "ways", where, list), f"{where} [[ways]]", "letter", "legal_text"),
        help_levels=_choices(_need(d, "help_levels", where, list), f"{where} [[help_levels]]"),
        unpaid_care_levels=_choices(
            _need(d, "unpaid_care_levels", where, list), f"{where} [[unpaid_care_levels]]"
        ),
        impairment_question=_need(questions, "impairment", where),
        wellbeing_question=_need(questions, "wellbeing", where),
    )


def _ras_model(pack: Pack, where: str) -> RasModel:
    d = pack.data
    prices = _need(d, "prices", where, dict)
    pw = f"{where} [prices]"
    points = {
        k: _need(d["points"], k, f"{where} [points]", Decimal)
        for k in _need(d, "points", where, dict)
    }
    overrides = {
        outcome: {k: _need(table, k, f"{where} [outcome_points.{outcome}]", Decimal) for k in table}
        for outcome, table in d.get("outcome_points", {}).items()
    }
    reductions = _need(d, "unpaid_care_reduction", where, dict)
    model = RasModel(
        ref=pack.ref,
        demo=pack.demo,
        source=pack.source,
        price_per_point=_need(prices, "price_per_point", pw, Decimal),
        floor_weekly=_need(prices, "floor_weekly", pw, Decimal),
        cap_weekly=_need(prices, "cap_weekly", pw, Decimal),
        round_to=_need(prices, "round_to", pw, Decimal),
        points=points,
        outcome_points=overrides,
        unpaid_care_reduction={
            k: _need(reductions, k, f"{where} [unpaid_care_reduction]", Decimal) for k in reductions
        },
    )
    if model.floor_weekly > model.cap_weekly:
        raise RulePackError(f"{pw}: 'floor_weekly' is above 'cap_weekly'")
    if any(r > 1 for r in model.unpaid_care_reduction.values()):
        raise RulePackError(f"{where} [unpaid_care_reduction]: a share must be between 0 and 1")
    return model


def _delegation_policy(pack: Pack, where: str) -> DelegationPolicy:
    d = pack.data
    limits = _need(d, "limits", where, dict)
    triggers = {
        _need(t, "code", f"{where} [[panel_triggers]]"): _need(
            t, "wording", f"{where} [[panel_triggers]]"
        )
        for t in _need(d, "panel_triggers", where, list)
    }
    return DelegationPolicy(
        ref=pack.ref,
        demo=pack.demo,
        source=pack.source,
        tolerance_above_indicative=_need(
            limits, "tolerance_above_indicative", f"{where} [limits]", Decimal
        ),
        early_onset_age=_need(limits, "early_onset_age", f"{where} [limits]", int),
        mental_health_psr=_need(limits, "mental_health_psr", f"{where} [limits]"),
        panel_triggers=triggers,
    )


def _review_policy(pack: Pack, where: str) -> ReviewPolicy:
    r = _need(pack.data, "reviews", where, dict)
    p = _need(pack.data, "payments", where, dict)
    policy = ReviewPolicy(
        ref=pack.ref,
        source=pack.source,
        first_review_weeks=_need(r, "first_review_weeks", f"{where} [reviews]", int),
        first_review_latest_weeks=_need(r, "first_review_latest_weeks", f"{where} [reviews]", int),
        annual_review_months=_need(r, "annual_review_months", f"{where} [reviews]", int),
        direct_payment_first_review_months=_need(
            r, "direct_payment_first_review_months", f"{where} [reviews]", int
        ),
        payment_every_days=_need(p, "payment_every_days", f"{where} [payments]", int),
        payments_scheduled_ahead=_need(p, "payments_scheduled_ahead", f"{where} [payments]", int),
    )
    if not 0 < policy.first_review_weeks <= policy.first_review_latest_weeks:
        raise RulePackError(
            f"{where} [reviews]: 'first_review_weeks' must be between 1 and 'first_review_latest_weeks'"
        )
    if policy.payment_every_days < 1:
        raise RulePackError(f"{where} [payments]: 'payment_every_days' must be 1 or more")
    return policy


def _codes(pack: Pack, where: str) -> Codes:
    lists = _need(pack.data, "lists", where, dict)
    return Codes(
        ref=pack.ref,
        source=pack.source,
        lists={
            name: _choices(
                _need(table, "items", f"{where} [lists.{name}]", list), f"{where} [lists.{name}]"
            )
            for name, table in lists.items()
        },
    )


_BUILDERS = {
    "question_set": _question_set,
    "ras_model": _ras_model,
    "delegation_policy": _delegation_policy,
    "review_policy": _review_policy,
    "codes": _codes,
}


def question_set(ref: str | None = None) -> QuestionSet:
    return _get("question_set", ref)


def ras_model(ref: str | None = None) -> RasModel:
    return _get("ras_model", ref)


def delegation_policy(ref: str | None = None) -> DelegationPolicy:
    return _get("delegation_policy", ref)


def review_policy(ref: str | None = None) -> ReviewPolicy:
    return _get("review_policy", ref)


def codes(ref: str | None = None) -> Codes:
    return _get("codes", ref)
