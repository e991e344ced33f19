"""Access gateway for support plans: through the person's record."""

from clearpath.journey.people.access import get_record_for
from clearpath.journey.plans.models import SupportPlan


def get_plan_for(user, plan_id, *, write: bool = False) -> SupportPlan:
    return get_record_for(
        user, SupportPlan, plan_id, write=write, what="support plan", related=["budget_calculation"]
    )
