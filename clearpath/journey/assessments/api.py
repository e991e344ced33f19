"""Assessments over the API: start one, save answers, submit it, read it with its eligibility
and the indicative budget worked out from it.

`router` is mounted by the API core (clearpath/platform/api). The budget calculation is read
through the assessment's `budget_calculation` relation, which the budgets stage fills in when
an assessment is submitted, so this stage imports nothing of the later one."""

from decimal import Decimal
from typing import Literal

from django.core.exceptions import ObjectDoesNotExist
from ninja import Router, Status
from pydantic import BaseModel, Field

from clearpath.journey.assessments import services
from clearpath.journey.assessments.access import get_assessment_for
from clearpath.journey.assessments.models import EligibilityResult
from clearpath.journey.people.access import get_person_for
from clearpath.platform.api.schemas import ERRORS, WRITE_ERRORS, FieldError, In, Text

router = Router(tags=["Assessments"])


class AssessmentStartIn(In):
    mode: Literal["self", "supported", "practitioner"]


class AnswerIn(In):
    help: Text(20) = ""
    ways: list[Text(30)] = Field(default_factory=list, max_length=4)
    own_words: Text(2000) = ""


class AssessmentAnswersIn(In):
    row_version: int
    answers: dict[Text(30), AnswerIn] | None = Field(default=None, max_length=20)
    needs_arise_from_impairment: bool | None = None
    wellbeing_impact: bool | None = None
    wellbeing_words: Text(2000) | None = None
    unpaid_care: Text(20) | None = None
    needs_fluctuate: bool | None = None
    fluctuation_words: Text(2000) | None = None
    outside_ras_needs: Text(2000) | None = None


class EligibilityOut(BaseModel):
    eligible: bool
    reasons: list[str]
    unable_outcomes: list[str]
    rule: str


class BudgetCalculationOut(BaseModel):
    id: int
    model_ref: str
    question_set_ref: str
    points: Decimal
    adjusted_points: Decimal
    weekly_amount: Decimal
    annual_amount: Decimal
    demo: bool
    capped: bool
    outside_ras: bool
    explanation: list[str]
    arithmetic: list[str]
    what_would_change: list[str]


class AssessmentOut(BaseModel):
    id: int
    person_id: int
    question_set_ref: str
    mode: str
    status: str
    answers: dict
    needs_arise_from_impairment: bool | None
    wellbeing_impact: bool | None
    wellbeing_words: str
    unpaid_care: str
    needs_fluctuate: bool | None
    fluctuation_words: str
    outside_ras_needs: str
    row_version: int
    missing: list[FieldError] = []
    eligibility: EligibilityOut | None = None
    budget: BudgetCalculationOut | None = None


def calc_out(c) -> dict | None:
    """The indicative budget worked out from an assessment (None before there is one)."""
    if c is None:
        return None
    return BudgetCalculationOut(
        id=c.pk,
        model_ref=c.model_ref,
        question_set_ref=c.question_set_ref,
        points=c.points,
        adjusted_points=c.adjusted_points,
        weekly_amount=c.weekly_amount,
        annual_amount=c.annual_amount,
        demo=c.demo,
        capped=c.capped,
        outside_ras=c.outside_ras,
        explanation=c.explanation,
        arithmetic=c.arithmetic,
        what_would_change=c.what_would_change,
    ).model_dump()


def assessment_out(a, missing=()) -> dict:
    elig = EligibilityResult.objects.filter(assessment=a).first()
    try:
        calc = a.budget_calculation
    except ObjectDoesNotExist:
        calc = None
    return AssessmentOut(
        id=a.pk,
        person_id=a.person_id,
        question_set_ref=a.question_set_ref,
        mode=a.mode,
        status=a.status,
        answers=a.answers,
        needs_arise_from_impairment=a.needs_arise_from_impairment,
        wellbeing_impact=a.wellbeing_impact,
        wellbeing_words=a.wellbeing_words,
        unpaid_care=a.unpaid_care,
        needs_fluctuate=a.needs_fluctuate,
        fluctuation_words=a.fluctuation_words,
        outside_ras_needs=a.outside_ras_needs,
        row_version=a.row_version,
        missing=[FieldError(field=f, message=m) for f, m in missing],
        eligibility=EligibilityOut(
            eligible=elig.eligible,
            reasons=elig.reasons,
            unable_outcomes=elig.unable_outcomes,
            rule=elig.rule,
        )
        if elig
        else None,
        budget=calc_out(calc),
    ).model_dump()


@router.post("/people/{person_id}/assessments", response={201: AssessmentOut, **WRITE_ERRORS})
def start_assessment(request, person_id: int, payload: AssessmentStartIn):
    person = get_person_for(request.auth, person_id, write=True)
    a = services.start_assessment(person=person, by=request.auth, mode=payload.mode)
    return Status(201, assessment_out(a, services.missing_answers(a)))


@router.get("/assessments/{assessment_id}", response={200: AssessmentOut, **ERRORS})
def get_assessment(request, assessment_id: int):
    a = get_assessment_for(request.auth, assessment_id)
    return assessment_out(a, services.missing_answers(a) if a.is_draft else ())


@router.patch("/assessments/{assessment_id}", response={200: AssessmentOut, **WRITE_ERRORS})
def save_assessment(request, assessment_id: int, payload: AssessmentAnswersIn):
    a = get_assessment_for(request.auth, assessment_id, write=True)
    data = payload.model_dump(exclude={"row_version"})
    a = services.save_assessment(
        assessment=a, by=request.auth, expected_version=payload.row_version, **data
    )
    return assessment_out(a, services.missing_answers(a))


@router.post("/assessments/{assessment_id}/submit", response={200: AssessmentOut, **WRITE_ERRORS})
def submit_assessment(request, assessment_id: int):
    a = get_assessment_for(request.auth, assessment_id, write=True)
    return assessment_out(services.submit_assessment(assessment=a, by=request.auth))
