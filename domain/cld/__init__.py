"""The Client Level Data (CLD) return and ASCOF 3D, as pure rules over facts from the records.

CLD is quarterly, each return a rolling 12 months (RULES.md section 3). One row per event (request,
assessment, service, review), with the person's details repeated, in the Release 1 column order the
`cld_return` rule pack gives. Nothing is dropped or "fixed": a record that would fail a mandatory
rule is listed with the reason, and the council decides what to do.

ASCOF 3D (self-directed support and direct payments) is computed from those same rows, following
the numerator and denominator rules in RULES.md section 3.

- facts.py: PersonFacts and EventFacts, what the records give
- periods.py: quarter ends and the rolling window
- extract.py: `build`, the rows and the mandatory-rule failures
- ascof.py: `ascof_3d`
"""

from domain.cld.ascof import Ascof3D, Measure, ascof_3d
from domain.cld.extract import WHY, Extract, Failure, build
from domain.cld.facts import EventFacts, PersonFacts
from domain.cld.periods import (
    MONTHS,
    in_window,
    latest_quarter_end,
    long_date,
    period_problem,
    period_start,
)

__all__ = [
    "MONTHS",
    "WHY",
    "Ascof3D",
    "EventFacts",
    "Extract",
    "Failure",
    "Measure",
    "PersonFacts",
    "ascof_3d",
    "build",
    "in_window",
    "latest_quarter_end",
    "long_date",
    "period_problem",
    "period_start",
]
