"""Reading the RAS lab's file of historical cases: the columns, each row checked, every error
with its line and column. A bad file is refused whole (`parse_cases`); `example_csv` gives a
small file with every column for administrators to copy.
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from operator import itemgetter
from typing import NamedTuple

from domain.money import PENNY
from domain.ras import NO_HELP
from domain.rulepacks import QuestionSet

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
