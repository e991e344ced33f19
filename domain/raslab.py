"""The RAS lab: back-test a RAS model against historical cases, to see how far its indicative
budgets are from the weekly costs that were agreed, overall and for groups of people.

An administrator gives a CSV of past cases (answers, unpaid care, agreed weekly cost and optional
group columns) and a model version. Predictions come from `domain.ras.quick`, so they are exactly
what the real RAS would give. A bad file is refused whole, with every error's line and column.
"""

import csv
import io
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from operator import itemgetter, mul
from typing import NamedTuple

from domain.money import PENNY, format_money
from domain.ras import NO_HELP, quick
from domain.rulepacks import QuestionSet, RasModel

UNPAID_CARE = "unpaid_care"
AGREED = "agreed_weekly"
CASE_ID = "case_id"
GROUPS = {
    "primary_support_reason": "Primary support reason",
    "age_band": "Age band",
    "ethnicity": "Ethnicity",
}
OPTIONAL = (CASE_ID, *GROUPS)
NOT_RECORDED = "Not recorded"

MAX_ROWS = 200_000  # a technical limit on one upload, not a rule
MAX_ERRORS_LISTED = 50
MAX_TEXT = 100  # longest case id or group value accepted
NEAR = Decimal(10)  # "within ±10%"; beyond it a case counts as under- or over-funded
FAR = Decimal(20)
HUNDRED = Decimal(100)
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class CaseError:
    """One thing wrong with the file: where (line and column) and what."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"Line {self.line}, {self.column}" if self.column else f"Line {self.line}"
        return f"{where}: {self.message}"


class Case(NamedTuple):
    """One historical case: answers in the question set's outcome order, and what was agreed."""

    line: int
    case_id: str
    levels: tuple[str, ...]
    unpaid_care: str
    agreed: Decimal
    groups: tuple[str, ...]  # one value per GROUPS key, in order


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
class Figures:
    """The headline figures for a set of cases."""

    cases: int
    median_abs_error_pct: Decimal
    within_10_pct: Decimal  # share of cases within ±10%, as a percentage
    within_20_pct: Decimal
    under_funded_pct: Decimal  # predicted more than 10% below agreed
    over_funded_pct: Decimal  # predicted more than 10% above agreed
    total_predicted: Decimal
    total_agreed: Decimal


@dataclass(frozen=True)
class GroupRow:
    """Figures for one group of people, e.g. age band 65-74."""

    dimension: str  # a GROUPS key
    heading: str  # its label
    value: str
    cases: int
    median_abs_error_pct: Decimal
    median_error_pct: Decimal  # signed: negative means the model tends to give less
    under_funded_pct: Decimal
    over_funded_pct: Decimal


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


# --- Reading the file ----------------------------------------------------------------------------


def columns(question_set: QuestionSet) -> tuple[list[str], list[str]]:
    """(required, optional) column names for this question set."""
    return [o.code for o in question_set.outcomes] + [UNPAID_CARE, AGREED], list(OPTIONAL)


def _choices(codes: Iterable[str]) -> str:
    codes = list(codes)
    return ", ".join(codes[:-1]) + f" or {codes[-1]}" if len(codes) > 1 else "".join(codes)


def _money(text: str) -> Decimal:
    """A positive amount of money to the penny, or ValueError with a plain message."""
    try:
        amount = Decimal(text)
    except InvalidOperation:
        try:
            amount = Decimal(text.strip().replace(",", "").removeprefix("£"))
        except InvalidOperation:
            raise ValueError(f"'{text}' is not an amount of money") from None
    if not amount.is_finite():
        raise ValueError(f"'{text}' is not an amount of money")
    pence = amount.quantize(PENNY)
    if pence != amount:
        raise ValueError(f"'{text}' has more than 2 decimal places")
    if amount <= 0:
        raise ValueError(f"'{text}' must be more than £0.00")
    return pence


class _Errors(list):
    """Errors found so far; counts them all but keeps only the first few."""

    def __init__(self):
        super().__init__()
        self.total = 0

    def add(self, line: int, column: str, message: str) -> None:
        self.total += 1
        if len(self) < MAX_ERRORS_LISTED:
            self.append(CaseError(line, column, message))


def _header(row: list[str], question_set: QuestionSet, errors: _Errors) -> list[str]:
    names = [c.strip().lower() for c in row]
    required, optional = columns(question_set)
    seen: set[str] = set()
    for name in names:
        if name in seen:
            errors.add(1, name, "this column appears more than once")
        seen.add(name)
    unknown = [n or "(blank)" for n in names if n not in required and n not in optional]
    if unknown:
        errors.add(
            1,
            "",
            f"unknown {'column' if len(unknown) == 1 else 'columns'} {', '.join(unknown)}. "
            f"The columns are {', '.join(required)} and optionally {', '.join(optional)}",
        )
    missing = [n for n in required if n not in seen]
    if missing:
        errors.add(
            1, "", f"missing {'column' if len(missing) == 1 else 'columns'} {', '.join(missing)}"
        )
    return names


def parse_cases(text: str, question_set: QuestionSet) -> tuple[list[Case], list[CaseError]]:
    """Read a CSV of historical cases. Any error refuses the whole file: `cases` is then empty and
    `errors` lists the first MAX_ERRORS_LISTED problems (a last one gives the count of the rest)."""
    errors = _Errors()
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return [], [CaseError(1, "", "the file is empty")]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        names = _header(next(reader), question_set, errors)
    except csv.Error as e:
        return [], [CaseError(1, "", f"is not valid CSV ({e})")]
    if errors.total:
        return [], list(errors)

    outcomes = [o.code for o in question_set.outcomes]
    help_codes = [c.code for c in question_set.help_levels]
    care_codes = [c.code for c in question_set.unpaid_care_levels]
    help_ok, care_ok = frozenset(help_codes), frozenset(care_codes)
    default = NO_HELP if NO_HELP in help_ok else help_codes[0]  # a blank answer, as in the RAS
    where = {n: i for i, n in enumerate(names)}
    level_at = [where[o] for o in outcomes]
    get_levels = itemgetter(*level_at) if len(level_at) > 1 else lambda r: (r[level_at[0]],)
    care_at, agreed_at = where[UNPAID_CARE], where[AGREED]
    width = len(names)
    # an optional column that is absent reads the blank put at the end of every row
    get_extras = itemgetter(*[where.get(n, width) for n in OPTIONAL])
    cases: list[Case] = []
    rows = 0
    try:
        for row in reader:
            line = reader.line_num
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # a blank line
            rows += 1
            if rows > MAX_ROWS:
                return [], [
                    CaseError(line, "", f"the file has more than {MAX_ROWS:,} cases; split it")
                ]
            if len(row) != width:
                errors.add(line, "", f"has {len(row)} values but the header has {width} columns")
                continue
            levels = get_levels(row)
            if not help_ok.issuperset(levels):
                levels = tuple(v.strip().lower() or default for v in levels)
                bad = [
                    (o, row[i])
                    for o, i, v in zip(outcomes, level_at, levels, strict=True)
                    if v not in help_ok
                ]
                for outcome, raw in bad:
                    errors.add(
                        line, outcome, f"'{raw}' is not a help level (use {_choices(help_codes)})"
                    )
            care = row[care_at]
            if care not in care_ok:
                care = care.strip().lower()
            if care not in care_ok:
                errors.add(
                    line,
                    UNPAID_CARE,
                    f"'{row[care_at]}' is not an unpaid care level (use {_choices(care_codes)})",
                )
            try:
                agreed = _money(row[agreed_at])
            except ValueError as e:
                errors.add(line, AGREED, str(e))
            row.append("")
            case_id, psr, age, ethnicity = extras = get_extras(row)
            if max(map(len, extras)) > MAX_TEXT:
                for name, value in zip(OPTIONAL, extras, strict=True):
                    if len(value.strip()) > MAX_TEXT:
                        errors.add(line, name, f"is longer than {MAX_TEXT} characters")
            if not errors.total:  # once refused, only look for more errors
                groups = (
                    psr.strip() or NOT_RECORDED,
                    age.strip() or NOT_RECORDED,
                    ethnicity.strip() or NOT_RECORDED,
                )
                cases.append(Case(line, case_id.strip(), levels, care, agreed, groups))
    except csv.Error as e:
        errors.add(reader.line_num, "", f"is not valid CSV ({e})")
    if not errors.total and not cases:
        errors.add(2, "", "there are no cases after the header")
    if errors.total:
        listed = list(errors)
        if errors.total > len(listed):
            more = errors.total - len(listed)
            listed.append(
                CaseError(listed[-1].line, "", f"and {more:,} more {_plural(more, 'error')}")
            )
        return [], listed
    return cases, []


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


def example_csv(question_set: QuestionSet) -> str:
    """A small example file with every column, for administrators to copy."""
    required, optional = columns(question_set)
    outcomes = [o.code for o in question_set.outcomes]
    help_codes = [c.code for c in question_set.help_levels]
    care_codes = [c.code for c in question_set.unpaid_care_levels]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([CASE_ID, *required, *optional[1:]])
    examples = [
        ("A001", 1, "240.00", "Physical support: personal care support", "65-74", "White British"),
        ("A002", 2, "355.50", "Learning disability support", "18-24", "Asian or Asian British"),
        ("A003", 3, "198.00", "", "85+", ""),
    ]
    for n, (case_id, shift, agreed, psr, age, ethnicity) in enumerate(examples):
        levels = [help_codes[(i * shift + n) % len(help_codes)] for i in range(len(outcomes))]
        care = care_codes[n % len(care_codes)]
        writer.writerow([case_id, *levels, care, agreed, psr, age, ethnicity])
    return out.getvalue()


# --- Back-testing ---------------------------------------------------------------------------------

# Each case's error is worked out to a hundredth of a percent (12.35%), rounded half away from
# zero, and counted in whole hundredths, so sorting and counting 50,000 of them is quick and exact.
NEAR_H, FAR_H = int(NEAR * 100), int(FAR * 100)


def _pct(part: int, whole: int) -> Decimal:
    return (Decimal(part) * HUNDRED / whole).quantize(TENTH, ROUND_HALF_UP) if whole else Decimal(0)


def _round(value: Decimal) -> Decimal:
    return value.quantize(TENTH, ROUND_HALF_UP)


def _error_h(predicted_p: int, agreed_p: int) -> int:
    """(predicted − agreed) / agreed × 100, in hundredths of a percent; amounts in pence."""
    twice = (predicted_p - agreed_p) * 20000
    size = (abs(twice) + agreed_p) // (2 * agreed_p)
    return size if twice >= 0 else -size


def _median_pct(ordered: Sequence[int]) -> Decimal:
    """The median of errors in hundredths, already in order, as a percentage to 0.1."""
    n = len(ordered)
    if not n:
        return Decimal(0)
    middle = n // 2
    twice = 2 * ordered[middle] if n % 2 else ordered[middle - 1] + ordered[middle]
    return _round(Decimal(twice) / 200)


def _figures(errors: Sequence[int], predicted: Decimal, agreed: Decimal) -> Figures:
    n = len(errors)
    absolute = sorted(map(abs, errors))
    return Figures(
        cases=n,
        median_abs_error_pct=_median_pct(absolute),
        within_10_pct=_pct(bisect_right(absolute, NEAR_H), n),
        within_20_pct=_pct(bisect_right(absolute, FAR_H), n),
        under_funded_pct=_pct(sum(1 for e in errors if e < -NEAR_H), n),
        over_funded_pct=_pct(sum(1 for e in errors if e > NEAR_H), n),
        total_predicted=predicted,
        total_agreed=agreed,
    )


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


def _groups(errors: Sequence[int], groups: Sequence[tuple[str, ...]]) -> tuple[GroupRow, ...]:
    rows = []
    columns = list(zip(*groups, strict=True)) if groups else [()] * len(GROUPS)
    for (dimension, heading), column in zip(GROUPS.items(), columns, strict=True):
        buckets: dict[str, list[int]] = defaultdict(list)
        for value, error in zip(column, errors, strict=True):
            buckets[value].append(error)
        if set(buckets) == {NOT_RECORDED}:
            continue  # the file had no such column, or it was empty throughout
        for value in sorted(buckets, key=lambda v: (v == NOT_RECORDED, v.lower())):
            signed = sorted(buckets[value])
            n = len(signed)
            rows.append(
                GroupRow(
                    dimension=dimension,
                    heading=heading,
                    value=value,
                    cases=n,
                    median_abs_error_pct=_median_pct(sorted(map(abs, signed))),
                    median_error_pct=_median_pct(signed),
                    under_funded_pct=_pct(bisect_left(signed, -NEAR_H), n),
                    over_funded_pct=_pct(n - bisect_right(signed, NEAR_H), n),
                )
            )
    return tuple(rows)


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


# --- Two versions side by side --------------------------------------------------------------------


@dataclass(frozen=True)
class ComparisonRow:
    """One measure for two models, in words ready to show."""

    measure: str
    a: str
    b: str
    better: str  # "a", "b" or "" when they are the same or "better" does not apply


def compare(a: LabResult, b: LabResult) -> tuple[ComparisonRow, ...]:
    """The headline figures of two back-tests of the same cases, side by side."""
    if len(a.cases) != len(b.cases):
        raise ValueError("Only back-tests of the same cases can be compared")
    fa, fb = a.figures, b.figures

    def row(measure: str, x: Decimal, y: Decimal, text, lower_is_better: bool | None):
        better = ""
        if lower_is_better is not None and x != y:
            better = "a" if (x < y) == lower_is_better else "b"
        return ComparisonRow(measure, text(x), text(y), better)

    pct = "{}%".format
    return (
        row("Cases", Decimal(fa.cases), Decimal(fb.cases), lambda v: f"{v:,}", None),
        row(
            "Median error (half the cases are within it)",
            fa.median_abs_error_pct,
            fb.median_abs_error_pct,
            pct,
            True,
        ),
        row("Within ±10% of agreed", fa.within_10_pct, fb.within_10_pct, pct, False),
        row("Within ±20% of agreed", fa.within_20_pct, fb.within_20_pct, pct, False),
        row("Under-funded by more than 10%", fa.under_funded_pct, fb.under_funded_pct, pct, True),
        row("Over-funded by more than 10%", fa.over_funded_pct, fb.over_funded_pct, pct, True),
        row("Total predicted a week", fa.total_predicted, fb.total_predicted, format_money, None),
        row("Total agreed a week", fa.total_agreed, fb.total_agreed, format_money, None),
    )
