"""What the support plan stage tells later stages (clearpath/events.py)."""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PlanSubmitting:
    """A plan is about to be submitted: a later stage may refuse it by raising ServiceError.

    The reviews stage refuses a plan that cuts a budget without a reassessment and reasons."""

    plan: Any


@dataclass(frozen=True)
class PlanSubmitted:
    """A plan was submitted for sign-off: the approvals stage opens its decision."""

    plan: Any
    by: Any
