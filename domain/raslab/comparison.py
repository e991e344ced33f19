"""Two back-tests of the same cases side by side: each headline figure for both models, and
which one does better (`compare`).
"""

from dataclasses import dataclass
from decimal import Decimal

from domain.money import format_money
from domain.raslab.backtest import LabResult


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
