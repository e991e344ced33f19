"""The RAS lab: back-test a RAS model against historical cases, to see how far its indicative
budgets are from the weekly costs that were agreed, overall and for groups of people.

An administrator gives a CSV of past cases (answers, unpaid care, agreed weekly cost and optional
group columns) and a model version. Predictions come from `domain.ras.quick`, so they are exactly
what the real RAS would give. A bad file is refused whole, with every error's line and column.

- cases.py: the file's columns, `parse_cases` and `example_csv`
- figures.py: each case's error and the headline figures, overall and by group
- backtest.py: `back_test` (predictions, figures, least-squares price per point)
- comparison.py: `compare`, two back-tests side by side
"""

from domain.raslab.backtest import CaseResult, LabResult, LeastSquares, back_test
from domain.raslab.cases import (
    AGREED,
    CASE_ID,
    GROUPS,
    MAX_ERRORS_LISTED,
    MAX_ROWS,
    MAX_TEXT,
    NOT_RECORDED,
    OPTIONAL,
    UNPAID_CARE,
    Case,
    CaseError,
    columns,
    example_csv,
    parse_cases,
)
from domain.raslab.comparison import ComparisonRow, compare
from domain.raslab.figures import FAR, FAR_H, HUNDRED, NEAR, NEAR_H, TENTH, Figures, GroupRow

__all__ = [
    "AGREED",
    "CASE_ID",
    "FAR",
    "FAR_H",
    "GROUPS",
    "HUNDRED",
    "MAX_ERRORS_LISTED",
    "MAX_ROWS",
    "MAX_TEXT",
    "NEAR",
    "NEAR_H",
    "NOT_RECORDED",
    "OPTIONAL",
    "TENTH",
    "UNPAID_CARE",
    "Case",
    "CaseError",
    "CaseResult",
    "ComparisonRow",
    "Figures",
    "GroupRow",
    "LabResult",
    "LeastSquares",
    "back_test",
    "columns",
    "compare",
    "example_csv",
    "parse_cases",
]
