"""How the reviews stage reacts to earlier stages' events."""

from clearpath.appconfig import handles
from clearpath.journey.approvals.events import PlanApproved
from clearpath.journey.plans.events import PlanSubmitting
from clearpath.journey.reviews.full_review import check_budget_change, replace_previous_budget
from clearpath.journey.reviews.services import schedule_first_reviews


@handles(PlanSubmitting)
def a_budget_only_goes_down_through_a_reassessment(event: PlanSubmitting) -> None:
    check_budget_change(event.plan)  # raises ServiceError naming what is missing


@handles(PlanApproved)
def first_reviews_and_the_previous_budget(event: PlanApproved) -> None:
    schedule_first_reviews(personal_budget=event.budget, by=event.by)
    replace_previous_budget(
        new_budget=event.budget, by=event.by
    )  # a revised plan: the old one ends
