"""JSON API for carer's assessments (SI 2015/313 reg 3) and carer budgets: `router`, a
django-ninja Router, mounted by api/api.py. It uses the same services and access gateway as
the web pages; a refused change answers 422 with the field at fault."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from ninja import Router, Status
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from clearpath.errors import ServiceError, StaleRecord
from clearpath.journey.carers import services
from clearpath.journey.carers.access import get_carer_assessment_for
from clearpath.journey.people.access import get_person_for, visible_people

router = Router(tags=["Carers"])


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("Remove the hidden control characters from this text")
    return value.strip()


Words = Annotated[str, Field(max_length=2000), AfterValidator(_no_nul)]
Code = Annotated[str, Field(max_length=60), AfterValidator(_no_nul)]


class FieldErrorOut(BaseModel):
    field: str
    message: str


class CarerErrorOut(BaseModel):
    detail: str
    errors: list[FieldErrorOut] = []


class CarerAnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ways: list[Code] = Field(default=[], max_length=3)
    none: bool = False
    own_words: Words = ""


class CarerStartIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    cared_for_id: int | None = Field(default=None, ge=1, le=2**31 - 1)


class CarerCompleteIn(BaseModel):
    """Answers to save before completing (all optional: what is already saved is kept)."""

    model_config = ConfigDict(extra="forbid")
    row_version: int | None = Field(default=None, ge=0, le=2**31 - 1)
    answers: dict[Code, CarerAnswerIn] | None = Field(default=None, max_length=8)
    necessary_care: bool | None = None
    health_at_risk: bool | None = None
    wellbeing_impact: bool | None = None
    wellbeing_words: Words | None = None
    needs_fluctuate: bool | None = None
    fluctuation: Words | None = None


class CarerBudgetOut(BaseModel):
    model_ref: str
    inputs: dict
    points: int
    band: str
    amount: Decimal
    period: str
    annual_amount: Decimal
    capped: bool
    demo: bool
    explanation: list[str]
    arithmetic: list[str]
    what_would_change: list[str]


class CarerAssessmentOut(BaseModel):
    id: int
    carer_id: int
    cared_for_id: int | None
    status: str
    question_set_ref: str
    allocation_ref: str
    answers: dict
    necessary_care: bool | None
    health_at_risk: bool | None
    wellbeing_impact: bool | None
    needs_fluctuate: bool | None
    fluctuation: str
    eligible: bool | None
    rule: str
    reasons: list[str]
    missing: list[FieldErrorOut]
    completed_at: datetime | None
    row_version: int
    budget: CarerBudgetOut | None


# As api/api.py: 400 unreadable, 401 no token/session, 403 CSRF on a session write, 404 missing or
# not yours, 409 stale row_version, 422 refused input with the field at fault.
ERRORS = {code: CarerErrorOut for code in (400, 401, 403, 404, 409, 422)}


def _out(user, a) -> dict:
    budget = getattr(a, "budget", None) if not a.is_draft else None
    visible = a.cared_for_id and visible_people(user).filter(pk=a.cared_for_id).exists()
    return CarerAssessmentOut(
        id=a.pk,
        carer_id=a.person_id,
        cared_for_id=a.cared_for_id if visible else None,
        status=a.status,
        question_set_ref=a.question_set_ref,
        allocation_ref=a.allocation_ref,
        answers=a.answers,
        necessary_care=a.necessary_care,
        health_at_risk=a.health_at_risk,
        wellbeing_impact=a.wellbeing_impact,
        needs_fluctuate=a.needs_fluctuate,
        fluctuation=a.fluctuation,
        eligible=a.eligible,
        rule=a.rule,
        reasons=a.reasons,
        missing=[
            FieldErrorOut(field=f, message=m)
            for f, m in (services.missing_answers(a) if a.is_draft else ())
        ],
        completed_at=a.completed_at,
        row_version=a.row_version,
        budget=CarerBudgetOut(**{f: getattr(budget, f) for f in CarerBudgetOut.model_fields})
        if budget
        else None,
    ).model_dump()


def _refused(e: ServiceError):
    status = 409 if isinstance(e, StaleRecord) else 422
    return Status(
        status,
        {"detail": e.message, "errors": [{"field": e.field or "body", "message": e.message}]},
    )


@router.post(
    "/people/{person_id}/carer-assessments",
    response={201: CarerAssessmentOut, **ERRORS},
    summary="Start a carer's assessment for this person (the carer)",
)
def start_carer_assessment(request, person_id: int, payload: CarerStartIn):
    person = get_person_for(request.auth, person_id, write=True, what="carer's assessment")
    cared_for = None
    if payload.cared_for_id is not None:
        cared_for = visible_people(request.auth).filter(pk=payload.cared_for_id).first()
        if cared_for is None:
            return _refused(ServiceError("Choose a person you can see.", field="cared_for_id"))
    try:
        a = services.start_carer_assessment(person=person, by=request.auth, cared_for=cared_for)
    except ServiceError as e:
        return _refused(e)
    return Status(201, _out(request.auth, a))


@router.get(
    "/carer-assessments/{assessment_id}",
    response={200: CarerAssessmentOut, **ERRORS},
    summary="A carer's assessment, with the eligibility reasons and the budget explanation",
)
def get_carer_assessment(request, assessment_id: int):
    return _out(request.auth, get_carer_assessment_for(request.auth, assessment_id))


@router.post(
    "/carer-assessments/{assessment_id}/complete",
    response={200: CarerAssessmentOut, **ERRORS},
    summary="Save any answers given, then complete: decide eligibility (reg 3) and the budget",
)
def complete_carer_assessment(request, assessment_id: int, payload: CarerCompleteIn):
    a = get_carer_assessment_for(request.auth, assessment_id, write=True)
    data = payload.model_dump(exclude_none=True)
    expected = data.pop("row_version", None)
    try:
        if data or expected is not None:
            a = services.save_carer_assessment(
                assessment=a, by=request.auth, expected_version=expected, **data
            )
        a = services.complete_carer_assessment(assessment=a, by=request.auth)
    except ServiceError as e:
        return _refused(e)
    return _out(request.auth, a)
