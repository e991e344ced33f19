"""Reading plans: a revised plan beside the one it replaces."""

from decimal import Decimal

from clearpath.journey.plans.models import SupportPlan
from domain.reviews import compare_lines


def plan_differences(plan: SupportPlan) -> dict | None:
    """The revised plan beside the plan it replaces: totals and each costed line, old and new.
    None for a person's first plan."""
    old = (
        SupportPlan.objects.filter(
            person_id=plan.person_id, status=SupportPlan.Status.APPROVED, number__lt=plan.number
        )
        .select_related("budget_calculation")
        .order_by("-number")
        .first()
    )
    if old is None:
        return None
    rows = compare_lines(
        [(line.description, line.weekly_cost) for line in old.lines.all()],
        [(line.description, line.weekly_cost) for line in plan.lines.all()],
    )
    review = plan.reviews.order_by("-id").first()  # the review that led to it, if any
    return {
        "old": old,
        "new": plan,
        "rows": rows,
        "old_indicative": old.budget_calculation.weekly_amount,
        "new_indicative": plan.budget_calculation.weekly_amount,
        "change": plan.weekly_total - old.weekly_total,
        "goes_down": plan.weekly_total < old.weekly_total,
        "review": review,
        "zero": Decimal("0.00"),
    }
