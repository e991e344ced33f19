"""Reading a person's whole case for the record page, in a fixed number of queries."""

from clearpath.journey.people.models import Person


def person_summary(person: Person, *, today) -> dict:
    """Everything the record page shows: latest contact, assessment, budget, plan, decision, reviews."""
    assessment = person.assessments.select_related("eligibility").first()
    calc = person.budget_calculations.first()
    plan = person.plans.first()
    decision = person.decisions.order_by("-submitted_at", "-id").first()
    budget = person.personal_budgets.select_related("payment_schedule").first()
    schedule = getattr(budget, "payment_schedule", None) if budget else None
    return {
        "person": person,
        "representatives": list(person.representatives.all()),
        "contacts": list(person.contacts.select_related("recorded_by")[:5]),
        "assessment": assessment,
        "eligibility": getattr(assessment, "eligibility", None) if assessment else None,
        "calc": calc,
        "plan": plan,
        "decision": decision,
        "budget": budget,
        "schedule": schedule,
        "next_payments": list(schedule.payments.filter(status="scheduled", due_on__gte=today)[:3])
        if schedule
        else [],
        "today": today,
        "reviews": list(person.reviews.filter(status__in=("scheduled", "reassessing"))),
    }
