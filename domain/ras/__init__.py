"""The resource allocation system (RAS): points for each answer, a price per point, adjustments and
limits, giving an indicative weekly budget with an explanation anyone can follow.

Care and Support Statutory Guidance §11.24: "transparency, timeliness and sufficiency"; allocation
processes made publicly available; the indicative allowance "can be increased or decreased".
The figures are council-configured data (RULES.md §7): none is built in here.

- working.py: the sum itself (points, unpaid care share, price or band, rounding, floor and cap)
- budget.py: `calculate_budget`, `what_would_change` and `quick`
- explanation.py: the working in words for the person, and step by step for staff
- published.py: `in_words`, a model described for the public with a worked example
"""

from domain.ras.budget import RasResult, calculate_budget, quick, what_would_change
from domain.ras.published import ModelInWords, in_words
from domain.ras.working import NO_HELP, ROUNDING, Factor

__all__ = [
    "NO_HELP",
    "ROUNDING",
    "Factor",
    "ModelInWords",
    "RasResult",
    "calculate_budget",
    "in_words",
    "quick",
    "what_would_change",
]
