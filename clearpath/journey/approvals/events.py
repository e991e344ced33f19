"""What the sign-off stage tells later stages (clearpath/events.py)."""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PlanApproved:
    """A plan was approved and its personal budget set up (inside the approval's transaction).

    Payments schedules a direct payment; reviews schedules the first reviews and, for a revised
    plan, ends the previous budget."""

    decision: Any
    budget: Any
    by: Any
