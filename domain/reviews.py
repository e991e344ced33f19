"""When reviews and direct payments fall due, from the review policy (dates in, dates out)."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from domain.rulepacks import ReviewPolicy


def add_months(start: date, months: int) -> date:
    """The same day `months` later, or that month's last day when it is shorter (31 Jan + 1 month
    is 28 Feb, or 29 Feb in a leap year)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def first_review_due(*, start: date, policy: ReviewPolicy) -> date:
    """Care Act 2014 s27 and statutory guidance ch.13: a first review within 6-8 weeks of a new
    plan; due `first_review_weeks` after it starts."""
    return start + timedelta(weeks=policy.first_review_weeks)


def first_review_latest(*, start: date, policy: ReviewPolicy) -> date:
    """Statutory guidance ch.13: the latest date for the first review (8 weeks after the start)."""
    return start + timedelta(weeks=policy.first_review_latest_weeks)


def annual_review_due(*, last_review: date, policy: ReviewPolicy) -> date:
    """Care Act 2014 s27 and statutory guidance ch.13: then at least every 12 months."""
    return add_months(last_review, policy.annual_review_months)


def direct_payment_review_due(*, start: date, policy: ReviewPolicy) -> date:
    """Care and Support (Direct Payments) Regulations 2014 reg 7: a review at least once within
    the first 6 months of making direct payments."""
    return add_months(start, policy.direct_payment_first_review_months)


def payment_dates(*, first: date, every_days: int, count: int) -> tuple[date, ...]:
    """`count` payment dates, `every_days` apart, from `first` (council policy: paid in advance)."""
    if every_days < 1 or count < 0:
        raise ValueError("Payments need an interval of 1 day or more and a count of 0 or more")
    return tuple(first + timedelta(days=every_days * i) for i in range(count))


# --- Reviews on request, queues, light-touch answers and budget changes ---------------------------

OVERDUE, DUE_SOON, LATER = "overdue", "due_soon", "later"
NEEDS_MET = ("yes", "partly", "no")
OUTCOMES_ACHIEVED_FROM_NEEDS_MET = {
    "yes": "achieved",
    "partly": "partly_achieved",
    "no": "not_achieved",
}


def triggered_review_due(*, today: date, trigger: str, policy: ReviewPolicy) -> date:
    """Care Act s27(1)(b) and DP Regs reg 7: a review after an event, due the policy's number of
    days later (council-configured)."""
    found = policy.trigger(trigger)
    if found is None:
        raise ValueError(f"The review policy {policy.ref} has no trigger called {trigger!r}")
    return today + timedelta(days=found.due_in_days)


def queue_state(*, due_on: date, today: date, policy: ReviewPolicy) -> str:
    """Overdue (past its due date), due soon (within the policy's window), or later."""
    if due_on < today:
        return OVERDUE
    if due_on <= today + timedelta(days=policy.due_soon_days):
        return DUE_SOON
    return LATER


def due_soon_until(*, today: date, policy: ReviewPolicy) -> date:
    """The last due date that counts as 'due soon'."""
    return today + timedelta(days=policy.due_soon_days)


def nothing_changed(answers: dict) -> bool:
    """A light-touch review can be confirmed only if nothing has changed, the person's needs are
    met and they are happy with how the money is managed (guidance ch.13: proportionate reviews)."""
    return (
        answers.get("changed") is False
        and answers.get("needs_met") == "yes"
        and answers.get("money_ok") is True
    )


def outcomes_achieved(answers: dict) -> str:
    """The CLD Review_Outcomes_Achieved code (council-configured values) from 'are your needs
    being met and are you achieving what you wanted'."""
    return OUTCOMES_ACHIEVED_FROM_NEEDS_MET.get(answers.get("needs_met", ""), "")


def can_auto_confirm(*, answers: dict, weekly: Decimal, policy: ReviewPolicy) -> bool:
    """Whether the council's policy confirms this review without a practitioner: only when it
    allows it, nothing has changed, and the budget is low (council-configured figure)."""
    return (
        policy.auto_confirm_no_change
        and nothing_changed(answers)
        and weekly <= policy.auto_confirm_max_weekly
    )


def budget_reduction_problem(
    *, current_weekly: Decimal, new_weekly: Decimal, reassessed: bool, reasons: str
) -> str | None:
    """Guidance ch.13 (via tri.x, RULES.md s2): a review must not cut a budget arbitrarily; a
    reduction needs a reassessment, and we require the reasons in words. None when allowed."""
    if new_weekly >= current_weekly:
        return None
    if not reassessed:
        return (
            f"The plan is £{new_weekly:,.2f} a week, less than the current personal budget of "
            f"£{current_weekly:,.2f}. A budget can only go down after a reassessment: start a "
            "review and reassess first."
        )
    if not (reasons or "").strip():
        return (
            f"Say why the budget goes down from £{current_weekly:,.2f} to £{new_weekly:,.2f} "
            "a week. The person will be told these reasons."
        )
    return None


@dataclass(frozen=True)
class LineChange:
    """One row of the side-by-side comparison of an old and a new plan."""

    description: str
    old_weekly: Decimal | None
    new_weekly: Decimal | None

    @property
    def change(self) -> str:
        if self.old_weekly is None:
            return "added"
        if self.new_weekly is None:
            return "removed"
        if self.new_weekly != self.old_weekly:
            return "changed"
        return "same"

    @property
    def difference(self) -> Decimal:
        return (self.new_weekly or Decimal("0.00")) - (self.old_weekly or Decimal("0.00"))


def compare_lines(
    old: list[tuple[str, Decimal]], new: list[tuple[str, Decimal]]
) -> tuple[LineChange, ...]:
    """Pair the old and new plans' costed lines by description (ignoring case and spaces), in the
    new plan's order, then the lines that were removed."""

    def key(text: str) -> str:
        return " ".join(text.lower().split())

    old_left: dict[str, list[tuple[str, Decimal]]] = {}
    for description, weekly in old:
        old_left.setdefault(key(description), []).append((description, weekly))
    rows = []
    for description, weekly in new:
        match = old_left.get(key(description))
        before = match.pop(0)[1] if match else None
        rows.append(LineChange(description, before, weekly))
    for left in old_left.values():
        rows.extend(LineChange(description, weekly, None) for description, weekly in left)
    return tuple(rows)
