"""Typed API inputs (plain pydantic models: strict, bounded, no NUL bytes) and outputs."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from clearpath.errors import InvalidInput


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("Remove the hidden control characters from this text")
    return value.strip()


def clean_text(value: str, *, field: str) -> str:
    """`_no_nul` for a query parameter: a 422 naming `field`, like the body fields get."""
    try:
        return _no_nul(value)
    except ValueError as e:
        raise InvalidInput([(field, str(e))]) from None


def Text(max_length: int, min_length: int = 0):  # noqa: N802 - reads like a type
    return Annotated[
        str, Field(min_length=min_length, max_length=max_length), AfterValidator(_no_nul)
    ]


# Inputs that the web forms also validate: the form gives the plain, field-by-field messages, so
# pydantic only bounds their size and refuses NUL bytes.
Loose = Annotated[str, Field(max_length=10_000), AfterValidator(_no_nul)]


class In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PersonIn(In):
    first_name: Loose
    last_name: Loose
    date_of_birth: date
    nhs_number: Loose = ""
    address: Loose
    postcode: Loose
    email: Loose = ""
    phone: Loose = ""
    primary_support_reason: Loose
    has_dementia: bool = False
    in_transition: bool = False


class RepresentativeIn(In):
    name: Loose
    kind: Loose
    email: Loose = ""
    phone: Loose = ""


class ContactIn(In):
    received_on: date
    route_of_access: Loose
    summary: Loose


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


Money = Annotated[Decimal, Field(gt=0, lt=1_000_000, max_digits=9, decimal_places=2)]


class PlanLineIn(In):
    description: Text(200, 1)
    unit_cost: Money
    quantity: Annotated[Decimal, Field(gt=0, lt=1_000_000, max_digits=8, decimal_places=2)]
    frequency: Literal["weekly", "fortnightly", "four_weekly", "monthly", "annually"] = "weekly"
    source: Text(60) = ""
    working: Text(4000) = ""


class PlanRiskIn(In):
    risk: Text(1000, 1)
    how_managed: Text(1000, 1)


class PlanIn(In):
    row_version: int
    led_by: Text(30, 1)
    what_matters: Text(4000) = ""
    deployment: Text(30, 1)
    outcomes: list[Text(1000)] = Field(default_factory=list, max_length=20)
    lines: list[PlanLineIn] = Field(default_factory=list, max_length=50)
    # Left out: unchanged. Risks the person chooses to take, the contingency plan, money notes.
    risks: list[PlanRiskIn] | None = Field(default=None, max_length=20)
    contingency: Text(4000) | None = None
    money_notes: Text(2000) | None = None


class ApproveIn(In):
    row_version: int | None = None
    note: Text(2000) = ""


class ReturnIn(In):
    row_version: int | None = None
    reason: Text(2000, 1)


class FieldError(BaseModel):
    field: str
    message: str


class ErrorOut(BaseModel):
    detail: str
    errors: list[FieldError] = []


class PersonOut(BaseModel):
    id: int
    reference: str
    first_name: str
    last_name: str
    date_of_birth: date
    nhs_number: str
    address: str
    postcode: str
    email: str
    phone: str
    primary_support_reason: str
    has_dementia: bool
    in_transition: bool
    team: str
    stage: str
    row_version: int


class RepresentativeOut(BaseModel):
    id: int
    name: str
    kind: str
    email: str
    phone: str


class ContactOut(BaseModel):
    id: int
    received_on: date
    route_of_access: str
    summary: str


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


class PlanLineOut(BaseModel):
    description: str
    unit_cost: Decimal
    quantity: Decimal
    frequency: str
    weekly_cost: Decimal
    source: str = ""
    working: str = ""


class PlanRiskOut(BaseModel):
    risk: str
    how_managed: str


class RouteOut(BaseModel):
    route: str
    reasons: list[str]
    triggers: list[str]
    policy_ref: str


class PlanOut(BaseModel):
    id: int
    person_id: int
    number: int
    status: str
    led_by: str
    what_matters: str
    deployment: str
    weekly_total: Decimal
    indicative_weekly: Decimal
    outcomes: list[str]
    lines: list[PlanLineOut]
    row_version: int
    format: str = "template"
    risks: list[PlanRiskOut] = []
    contingency: str = ""
    money_notes: str = ""


class DecisionOut(BaseModel):
    id: int
    plan_id: int
    person_id: int
    route: str
    status: str
    reasons: list[str]
    triggers: list[str]
    policy_ref: str
    ras_model_ref: str
    question_set_ref: str
    plan_weekly: Decimal
    indicative_weekly: Decimal
    submitted_at: datetime
    decided_at: datetime | None
    note: str
    row_version: int
    approved_weekly: Decimal | None = None  # approved with changes: the amount agreed
    due_on: date | None = None  # the delegation policy's time limit for this route
    referred_from_id: int | None = None  # referred onwards from this decision


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


class EventOut(BaseModel):
    at: datetime
    action: str
    summary: str
    actor: str | None


class MeOut(BaseModel):
    username: str
    name: str
    role: str
    team: str | None
    weekly_limit: Decimal
