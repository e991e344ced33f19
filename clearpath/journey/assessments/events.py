"""What the assessment stage tells later stages (clearpath/events.py)."""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class AssessmentSubmitted:
    """An assessment was completed and eligibility decided (inside submit_assessment's transaction).

    The budgets stage works out the indicative budget when the person is eligible."""

    assessment: Any
    eligible: bool
    by: Any
