"""A person's personal budget over the API: the amounts, how it is paid and when it is reviewed.

`router` is mounted by the API core (clearpath/platform/api). The payment schedule and reviews
are read through the budget's relations, which the payments and reviews stages fill in, so this
stage imports nothing of the later ones."""

from datetime import date
from decimal import Decimal

from django.http import Http404
from ninja import Router
from pydantic import BaseModel

from clearpath.journey.assessments.api import BudgetCalculationOut, calc_out
from clearpath.journey.people.access import get_person_for
from clearpath.platform.api.schemas import ERRORS

router = Router(tags=["Personal budgets"])


class PaymentOut(BaseModel):
    due_on: date
    amount: Decimal
    status: str


class ReviewOut(BaseModel):
    kind: str
    due_on: date
    status: str


class PersonalBudgetOut(BaseModel):
    id: int
    weekly_gross: Decimal
    annual_gross: Decimal
    weekly_contribution: Decimal
    weekly_net: Decimal
    deployment: str
    starts_on: date
    explanation: list[str]
    indicative: BudgetCalculationOut | None
    payment_every_days: int | None
    amount_per_payment: Decimal | None
    payments: list[PaymentOut]
    reviews: list[ReviewOut]


def budget_out(b) -> dict:
    schedule = getattr(b, "payment_schedule", None)
    return PersonalBudgetOut(
        id=b.pk,
        weekly_gross=b.weekly_gross,
        annual_gross=b.annual_gross,
        weekly_contribution=b.weekly_contribution,
        weekly_net=b.weekly_net,
        deployment=b.deployment,
        starts_on=b.starts_on,
        explanation=list(b.explanation()),
        indicative=calc_out(b.plan.budget_calculation),
        payment_every_days=schedule.every_days if schedule else None,
        amount_per_payment=schedule.amount_per_period if schedule else None,
        payments=[
            PaymentOut(due_on=p.due_on, amount=p.amount, status=p.status)
            for p in schedule.payments.all()
        ]
        if schedule
        else [],
        reviews=[ReviewOut(kind=r.kind, due_on=r.due_on, status=r.status) for r in b.reviews.all()],
    ).model_dump()


@router.get("/people/{person_id}/personal-budget", response={200: PersonalBudgetOut, **ERRORS})
def personal_budget(request, person_id: int):
    person = get_person_for(request.auth, person_id, what="personal budget")
    budget = person.personal_budgets.select_related("payment_schedule").first()
    if budget is None:
        raise Http404
    return budget_out(budget)
