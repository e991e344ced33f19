"""How the sign-off stage reacts to earlier stages' events."""

from clearpath.appconfig import handles
from clearpath.journey.approvals.services import open_decision
from clearpath.journey.plans.events import PlanSubmitted


@handles(PlanSubmitted)
def open_the_decision(event: PlanSubmitted):
    return open_decision(plan=event.plan, by=event.by)
