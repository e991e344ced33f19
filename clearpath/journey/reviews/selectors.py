"""Reading reviews for pages and the API in a fixed number of queries."""

from datetime import date

from django.db.models import Count, Q, QuerySet

from clearpath.journey.reviews.models import Review
from domain import rulepacks
from domain.cld import EventFacts
from domain.reviews import due_soon_until

SHOW = ("overdue", "due_soon", "all")


def open_reviews(people: QuerySet, *, show: str, today: date) -> QuerySet[Review]:
    """Open reviews (due, or a full review under way) for these people: overdue, due soon, or all."""
    qs = Review.objects.filter(status__in=Review.OPEN, person__in=people)
    if show == "overdue":
        qs = qs.filter(due_on__lt=today)
    elif show == "due_soon":
        policy = rulepacks.review_policy()
        qs = qs.filter(due_on__gte=today, due_on__lte=due_soon_until(today=today, policy=policy))
    return qs.select_related("person", "person__team").order_by("due_on", "id")


def counts_by_team(people: QuerySet, *, today: date) -> list[dict]:
    """For each team: open reviews, overdue, and due soon (one query)."""
    until = due_soon_until(today=today, policy=rulepacks.review_policy())
    return list(
        Review.objects.filter(status__in=Review.OPEN, person__in=people)
        .values("person__team__name")
        .annotate(
            open=Count("id"),
            overdue=Count("id", filter=Q(due_on__lt=today)),
            due_soon=Count("id", filter=Q(due_on__gte=today, due_on__lte=until)),
        )
        .order_by("person__team__name")
    )


def review_event_facts(*, start: date, end: date) -> list[EventFacts]:
    """Reviews completed in [start, end] as CLD Review events for the statutory return (one query).
    Reason, method and outcome are in the words of the review policy each review was done under;
    the values beyond "Planned" are council-configured and must be mapped before submission."""
    reviews = Review.objects.filter(
        status=Review.Status.COMPLETED, completed_on__gte=start, completed_on__lte=end
    ).order_by("completed_on", "id")
    return [
        EventFacts(
            person=f"CP{r.person_id:07d}",
            kind="review",
            reference=f"REV{r.pk}",
            start=r.answered_at.date() if r.answered_at else r.completed_on,
            end=r.completed_on,
            planned=r.cld_reason == "planned",
            outcomes_achieved=r.get_outcomes_achieved_display()
            if r.cld_reason == "planned"
            else "",
            outcome_text=r.get_outcome_display(),
            reason_text=r.get_cld_reason_display(),
            method_text=r.get_method_display(),
        )
        for r in reviews
    ]
