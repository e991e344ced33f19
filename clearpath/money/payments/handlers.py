"""How the payments stage reacts to earlier stages' events."""

from clearpath.appconfig import handles
from clearpath.journey.approvals.events import PlanApproved
from clearpath.money.payments.services import schedule_direct_payments


@handles(PlanApproved)
def schedule_a_direct_payment(event: PlanApproved) -> None:
    budget = event.budget
    if budget.deployment == budget.Deployment.DIRECT_PAYMENT:
        schedule_direct_payments(personal_budget=budget, by=event.by)
