"""The bureaucracy dashboard's measures, as pure rules over facts read from the records.

Each measure has a name, a definition in plain words, and a way to work it out; the page, the CSV
and the definitions page all come from MEASURES, so what is shown is what is defined.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Definition:
    code: str
    name: str
    definition: str
    counted_from: str


MEASURES = (
    Definition(
        "days_to_assessment",
        "Days from first contact to a completed assessment",
        "For each person whose assessment was completed in the period: the days from the first "
        "contact to the day the assessment was completed. Median (half wait less) and 90th "
        "percentile (nine in ten wait less).",
        "Contacts (received date) and assessments (completed date).",
    ),
    Definition(
        "days_to_budget",
        "Days from first contact to an indicative budget",
        "As above, to the day the person's indicative budget was first worked out.",
        "Contacts and budget calculations.",
    ),
    Definition(
        "days_to_decision",
        "Days from first contact to a decision on the plan",
        "As above, to the day the first plan was approved.",
        "Contacts and decisions (decided date).",
    ),
    Definition(
        "days_to_payment",
        "Days from first contact to the first direct payment",
        "As above, to the date of the first direct payment (made, or due if not yet made).",
        "Contacts and direct payments.",
    ),
    Definition(
        "decided_by",
        "Who decided",
        "Plans approved in the period, by who could decide them under the delegation policy: the "
        "practitioner, a team manager or a panel. Trust by default means most are decided by the "
        "practitioner.",
        "Decisions (route) approved in the period.",
    ),
    Definition(
        "panel_triggers",
        "Why plans went to a panel",
        "Plans sent to a panel in the period, by the reason in the delegation policy. A plan can "
        "have more than one reason.",
        "Decisions (triggers) submitted in the period.",
    ),
    Definition(
        "questions",
        "Questions answered per assessment",
        "For assessments completed in the period: how many questions about the outcomes were "
        "answered (the one-page assessment has one for each of the ten outcomes in the law). "
        "Median and 90th percentile.",
        "Assessments (answers).",
    ),
    Definition(
        "typed_twice",
        "Details typed more than once",
        "People added in the period who were already recorded (the same name and date of birth), "
        "so their details were typed again. Each one is a story told twice. It should be zero.",
        "The audit trail (each 'person added' entry) and the people recorded before it.",
    ),
    Definition(
        "handoffs",
        "Hand-offs per case",
        "For people with a decision in the period: how many different members of staff had to act "
        "on their case, from first contact to decision. Median and 90th percentile.",
        "The audit trail (who made each change to the person's case).",
    ),
    Definition(
        "reviews",
        "Reviews: light-touch or full",
        "Reviews completed in the period, by whether nothing had changed (light-touch, confirmed "
        "in one click) or the person was reassessed (full).",
        "Reviews (completed date and outcome).",
    ),
    Definition(
        "challenges",
        "Challenges to budgets and their outcomes",
        "Challenges raised in the period, by outcome: upheld, partly upheld, not upheld, or still "
        "waiting for an answer.",
        "Challenges (received date and outcome).",
    ),
    Definition(
        "direct_payments",
        "Direct payment take-up",
        "Active personal budgets at the end of the period, and how many are taken as a direct "
        "payment.",
        "Personal budgets (deployment).",
    ),
)
BY_CODE = {m.code: m for m in MEASURES}


@dataclass(frozen=True)
class Spread:
    """How many, and the median and 90th percentile of a list of whole numbers (days, counts)."""

    count: int
    median: Decimal | None
    p90: Decimal | None


def percentile(values: Sequence[int | float], p: int) -> Decimal | None:
    """The p-th percentile by linear interpolation between closest ranks (as spreadsheets do), to
    one decimal place. Every median and 90th percentile Clearpath shows uses this one."""
    if not values:
        return None
    ordered = sorted(Decimal(str(v)) for v in values)
    rank = Decimal(p) / 100 * (len(ordered) - 1)
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    value = ordered[low] + (ordered[high] - ordered[low]) * (rank - low)
    return Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def spread(values: Iterable[int]) -> Spread:
    values = list(values)
    return Spread(len(values), percentile(values, 50), percentile(values, 90))


def days_between(first: dict[int, date], later: dict[int, date]) -> list[int]:
    """For each person with both dates (the later one not before the first): the days between."""
    return [(later[p] - first[p]).days for p in later if p in first and later[p] >= first[p]]


def share(part: int, whole: int) -> Decimal | None:
    """part / whole as a percentage to one decimal place; None when whole is 0."""
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def typed_twice(
    added: Iterable[tuple[int, str, str, date]], earlier: Iterable[tuple[int, str, str, date]]
) -> list[int]:
    """The people in `added` (id, first name, last name, date of birth) who match someone recorded
    before them, in `earlier` or earlier in `added` (names compared without case or spaces)."""

    def key(first: str, last: str, born: date) -> tuple[str, str, date]:
        return ("".join(first.lower().split()), "".join(last.lower().split()), born)

    seen: dict[tuple[str, str, date], int] = {}
    for pk, first, last, born in earlier:
        seen.setdefault(key(first, last, born), pk)
    twice = []
    for pk, first, last, born in sorted(added):
        k = key(first, last, born)
        if k in seen and seen[k] < pk:
            twice.append(pk)
        else:
            seen.setdefault(k, pk)
    return twice


def week_start(d: date) -> date:
    """The Monday of d's week."""
    return d - timedelta(days=d.weekday())


def weeks(start: date, end: date) -> list[date]:
    """The Mondays of every week that overlaps [start, end]."""
    monday, last = week_start(start), week_start(end)
    out = []
    while monday <= last:
        out.append(monday)
        monday += timedelta(days=7)
    return out


def weekly_medians(
    dated: Iterable[tuple[date, int]], start: date, end: date
) -> list[tuple[date, int, Decimal | None]]:
    """(week, how many, median) for values dated within [start, end], one row per week."""
    by_week: dict[date, list[int]] = {w: [] for w in weeks(start, end)}
    for when, value in dated:
        if start <= when <= end:
            by_week[week_start(when)].append(value)
    return [(w, len(v), percentile(v, 50)) for w, v in by_week.items()]
