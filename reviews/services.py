"""Scheduling reviews from the review policy (Care Act s27; Direct Payments Regulations 2014 reg 7)."""

from datetime import timedelta

from audit.services import record_event
from domain import rulepacks
from domain.reviews import direct_payment_review_due, first_review_due
from reviews.models import Review


def schedule_first_reviews(*, personal_budget, by) -> list[Review]:
    """The first review 6–8 weeks after the plan starts, and a direct payment review within 6 months."""
    policy = rulepacks.review_policy()
    start = personal_budget.starts_on
    reviews = [
        Review(
            person=personal_budget.person,
            personal_budget=personal_budget,
            kind=Review.Kind.FIRST,
            due_on=first_review_due(start=start, policy=policy),
            policy_ref=policy.ref,
            latest_on=start + timedelta(weeks=policy.first_review_latest_weeks),
        )
    ]
    if personal_budget.deployment == personal_budget.Deployment.DIRECT_PAYMENT:
        reviews.append(
            Review(
                person=personal_budget.person,
                personal_budget=personal_budget,
                kind=Review.Kind.DIRECT_PAYMENT,
                policy_ref=policy.ref,
                due_on=direct_payment_review_due(start=start, policy=policy),
            )
        )
    Review.objects.bulk_create(reviews)
    first = reviews[0]
    record_event(
        actor=by,
        action="review.scheduled",
        obj=personal_budget,
        person=personal_budget.person,
        summary=f"First review due {first.due_on:%-d %B %Y}",
        changes={"kinds": [r.kind for r in reviews], "policy": policy.ref},
    )
    return reviews
