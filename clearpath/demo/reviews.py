"""Demo reviews, so the queues show real figures: the first reviews scheduled on approval fall due
and overdue on their own; this adds reviews after events and answers waiting to be confirmed."""

from datetime import date

from clearpath.journey.budgets.models import PersonalBudget
from clearpath.journey.reviews import services


def add_demo_reviews(*, today: date) -> int:
    """For a few people in each team with a personal budget: a review after a hospital stay, and a
    first review the person answered "nothing has changed" (ready for one-click confirmation).
    Returns how many reviews were changed."""
    budgets = PersonalBudget.objects.filter(status="active").select_related(
        "person", "person__team"
    )
    by_team: dict[int, list] = {}
    for budget in budgets.order_by("id"):
        by_team.setdefault(budget.person.team_id, []).append(budget)
    done = 0
    for team_budgets in by_team.values():
        staff = team_budgets[0].person.team.staff.filter(role="practitioner").first()
        if staff is None:
            continue
        for budget in team_budgets[:1]:
            services.request_review(
                person=budget.person,
                reason="hospital_admission",
                by=staff,
                today=today,
                details="Admitted after a fall at home; due home next week.",
            )
            done += 1
        for budget in team_budgets[1:3]:
            review = budget.reviews.filter(kind="first", status="scheduled").first()
            if review:
                services.record_answers(
                    review=review,
                    by=staff,
                    data={
                        "changed": False,
                        "needs_met": "yes",
                        "money_ok": True,
                        "own_words": "Things are going well; the help in the mornings is reliable.",
                        "method": "phone",
                    },
                )
                done += 1
    return done
