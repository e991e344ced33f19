"""Direct payment account statements: read a CSV in a configured layout, refuse it whole if any
line is wrong (with line numbers), match spending to plan lines, and find only the exceptions.

Pure: the layout and thresholds come from the `money_policy` rule pack; `today` is passed in.
"""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from domain.money import PENNY, format_money, to_money

MAX_ERRORS_SHOWN = 50


@dataclass(frozen=True)
class Line:
    line_no: int  # the line of the file (the header is line 1)
    on: date
    payee: str
    amount: Decimal  # always positive
    direction: str  # "out" or "in"


@dataclass(frozen=True)
class Parsed:
    lines: tuple[Line, ...]
    errors: tuple[str, ...]  # "Line 7: ..." - when any, the whole file is refused
    error_count: int


def _amount(text: str, line_no: int, column: str, errors: list) -> Decimal | None:
    text = (text or "").strip().replace(",", "").replace("£", "")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        errors.append(f"Line {line_no}: '{column}' is not an amount of money ({text[:20]!r})")
        return None
    if not value.is_finite():
        errors.append(f"Line {line_no}: '{column}' is not an amount of money")
        return None
    if value != value.quantize(PENNY):
        errors.append(f"Line {line_no}: '{column}' has more than two decimal places ({text})")
        return None
    if value < 0:
        errors.append(f"Line {line_no}: '{column}' is negative ({text}): amounts must be positive")
        return None
    return value


def parse(text: str, layout, *, starts_on: date, ends_on: date | None, max_lines: int) -> Parsed:
    """Every line of the statement, or every reason it is refused."""
    errors: list[str] = []
    if "\x00" in text:
        return Parsed((), ("The file is not a CSV text file",), 1)
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = [h.strip() for h in next(reader)]
    except (StopIteration, csv.Error):
        return Parsed((), ("Line 1: the file is empty; it needs a header line",), 1)
    needed = [layout.date_column, layout.payee_column]
    needed += (
        [layout.out_column, layout.in_column]
        if layout.out_column
        else [layout.amount_column, layout.type_column]
    )
    missing = [c for c in needed if c not in header]
    if missing:
        names = ", ".join(f"'{c}'" for c in missing)
        return Parsed((), (f"Line 1: the header has no {names} column for {layout.title}",), 1)
    col = {name: header.index(name) for name in needed}
    lines: list[Line] = []
    try:
        for line_no, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            if len(lines) >= max_lines:
                errors.append(f"Line {line_no}: more than {max_lines:,} lines in one statement")
                break
            if len(row) < len(header):
                errors.append(
                    f"Line {line_no}: has {len(row)} columns, the header has {len(header)}"
                )
                continue
            raw_date = row[col[layout.date_column]].strip()
            try:
                on = datetime.strptime(raw_date, layout.date_format).date()
            except ValueError:
                errors.append(f"Line {line_no}: '{raw_date[:20]}' is not a date in this layout")
                on = None
            if on and (on < starts_on or (ends_on and on > ends_on)):
                errors.append(
                    f"Line {line_no}: {on:%-d %B %Y} is outside the agreement "
                    f"(from {starts_on:%-d %B %Y}{f' to {ends_on:%-d %B %Y}' if ends_on else ''})"
                )
                on = None
            payee = row[col[layout.payee_column]].strip()[:200]
            if not payee:
                errors.append(f"Line {line_no}: '{layout.payee_column}' is empty")
            before = len(errors)
            if layout.out_column:
                out = _amount(row[col[layout.out_column]], line_no, layout.out_column, errors)
                into = _amount(row[col[layout.in_column]], line_no, layout.in_column, errors)
                if len(errors) == before and bool(out) == bool(into):
                    errors.append(
                        f"Line {line_no}: give an amount in one of '{layout.out_column}' "
                        f"or '{layout.in_column}'"
                    )
                amount, direction = (out, "out") if out else (into, "in")
            else:
                amount = _amount(
                    row[col[layout.amount_column]], line_no, layout.amount_column, errors
                )
                kind = row[col[layout.type_column]].strip().upper()
                direction = {
                    layout.debit_value.upper(): "out",
                    layout.credit_value.upper(): "in",
                }.get(kind)
                if direction is None:
                    errors.append(
                        f"Line {line_no}: '{layout.type_column}' must be {layout.debit_value} "
                        f"or {layout.credit_value}"
                    )
                if len(errors) == before and not amount:
                    errors.append(f"Line {line_no}: '{layout.amount_column}' is empty or zero")
            if len(errors) == before and on and payee and amount:
                lines.append(Line(line_no, on, payee, amount, direction))
    except csv.Error as e:
        errors.append(f"Line {reader.line_num}: cannot be read as CSV ({e})")
    if not lines and not errors:
        errors.append("Line 2: the statement has no transactions")
    return Parsed(tuple(lines), tuple(errors[:MAX_ERRORS_SHOWN]), len(errors))


@dataclass(frozen=True)
class Match:
    category: str  # spend, payment_in, refund, contribution
    plan_line: int | None
    matched_by: str


def classify(line: Line, *, rules, plan_lines, policy) -> Match:
    """What a line is: money in from the council, a contribution, a refund, or spending on a
    plan line (matched by the agreement's payee rules, then by the plan line's own words)."""
    payee = line.payee.lower()
    if line.direction == "in":
        if any(w.lower() in payee for w in policy.council_payee_words):
            return Match("payment_in", None, "council payment")
        if any(w.lower() in payee for w in policy.contribution_payee_words):
            return Match("contribution", None, "contribution")
        return Match("refund", None, "money back")
    for contains, plan_line in rules:
        if contains.lower() in payee:
            return Match("spend", plan_line, f"payee rule '{contains}'")
    for plan_line, description in plan_lines:
        if description.lower() in payee:
            return Match("spend", plan_line, "plan line name")
    return Match("spend", None, "")


@dataclass(frozen=True)
class Finding:
    kind: str  # out_of_plan, above_contingency, no_activity, overspend
    detail: str
    amount: Decimal | None = None
    line_no: int | None = None


def exceptions(
    *,
    lines: list[tuple[Line, Match]],
    plan_lines: list[tuple[int, str, Decimal]],  # (id, description, weekly cost)
    weekly_net: Decimal,
    balance: Decimal,
    policy,
    period_from: date,
    period_to: date,
    every_days: int = 28,
) -> list[Finding]:
    """Only what needs a person to look at it. Everything else is left alone.

    Spending on a line is compared with the plan over whole payment periods (money is paid in
    advance, so a month's wages in the first week is not an overspend)."""
    found: list[Finding] = []
    for line, match in lines:
        if match.category == "spend" and match.plan_line is None:
            found.append(
                Finding(
                    "out_of_plan",
                    f"{format_money(line.amount)} to {line.payee} on {line.on:%-d %B %Y} "
                    "does not match anything in the support plan",
                    line.amount,
                    line.line_no,
                )
            )
    contingency = to_money(weekly_net * policy.contingency_weeks)
    if balance > contingency:
        found.append(
            Finding(
                "above_contingency",
                f"The balance of {format_money(balance)} is {format_money(balance - contingency)} "
                f"above the {policy.contingency_weeks} weeks' contingency of "
                f"{format_money(contingency)}",
                balance - contingency,
            )
        )
    spends = [line.on for line, m in lines if m.category == "spend"]
    quiet_since = max(spends) if spends else period_from
    if (period_to - quiet_since) >= timedelta(weeks=policy.no_activity_weeks):
        found.append(
            Finding(
                "no_activity",
                f"No spending since {quiet_since:%-d %B %Y} "
                f"({(period_to - quiet_since).days // 7} weeks)",
            )
        )
    days = (period_to - period_from).days + 1
    periods = -(-days // every_days)
    weeks = Decimal(periods * every_days) / 7
    spent = defaultdict(Decimal)
    for line, m in lines:
        if m.category == "spend" and m.plan_line is not None:
            spent[m.plan_line] += line.amount
    tolerance = 1 + policy.overspend_tolerance_percent / 100
    for pk, description, weekly in plan_lines:
        allowed = to_money(weekly * weeks * tolerance)
        if spent[pk] > allowed:
            found.append(
                Finding(
                    "overspend",
                    f"{format_money(spent[pk])} spent on {description} over "
                    f"{weeks.quantize(Decimal('0.1'))} weeks, more than the plan's "
                    f"{format_money(to_money(weekly * weeks))}",
                    to_money(spent[pk] - weekly * weeks),
                )
            )
    return found


def surplus(*, balance: Decimal, weekly_net: Decimal, contingency_weeks: int) -> Decimal:
    """What is above the contingency the person keeps: never below zero."""
    return max(to_money(balance - weekly_net * contingency_weeks), Decimal("0.00"))
