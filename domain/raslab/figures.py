"""How far predictions are from what was agreed: each case's error in hundredths of a percent,
and the headline figures (median error, share within ±10% and ±20%, under- and over-funded),
overall (`Figures`) and for each group of people (`GroupRow`).
"""

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from domain.raslab.cases import GROUPS, NOT_RECORDED

NEAR = Decimal(10)  # "within ±10%"; beyond it a case counts as under- or over-funded
FAR = Decimal(20)
HUNDRED = Decimal(100)
TENTH = Decimal("0.1")


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
