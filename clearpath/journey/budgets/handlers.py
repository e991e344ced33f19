"""How the budgets stage reacts to earlier stages' events."""

from clearpath.appconfig import handles
from clearpath.journey.assessments.events import AssessmentSubmitted
from clearpath.journey.budgets.services import calculate_indicative_budget


@handles(AssessmentSubmitted)
def indicative_budget_for_an_eligible_person(event: AssessmentSubmitted) -> None:
    if event.eligible:
        calculate_indicative_budget(assessment=event.assessment, by=event.by)
