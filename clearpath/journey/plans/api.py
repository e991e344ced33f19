"""Support plans over the API: start, read and change a plan; personal assistant employer costs.

`router` is mounted by the API core (clearpath/platform/api). Submitting a plan and previewing
who would decide it belong to the sign-off stage (approvals/api.py). The PA costs are the same
calculation as the page and the command (domain/pa_costs.py); adding a PA line to a plan goes
through the same service and access gateway as the web page. Bad input answers 422 with the
field at fault; a rate below the minimum wage is refused when adding to a plan."""

from decimal import Decimal
from typing import Annotated, Literal

from ninja import Query, Router, Status
from pydantic import BaseModel, ConfigDict, Field

from clearpath.errors import InvalidInput
from clearpath.journey.people.access import get_person_for
from clearpath.journey.plans import services
from clearpath.journey.plans.access import get_plan_for
from clearpath.journey.plans.services import add_pa_line
from clearpath.platform.api.schemas import ERRORS, WRITE_ERRORS, In, Text
from domain import rulepacks
from domain.money import format_money, weekly_cost
from domain.pa_costs import PaInputError, pa_costs
from domain.rulepacks import RulePackError

router = Router(tags=["Personal assistant costs"])
PLANS = ["Support plans"]
AgeBand = Literal["aged_21_and_over", "aged_18_to_20", "under_18_or_apprentice"]
Money = Field(default=Decimal(0), ge=0, le=100000, max_digits=8, decimal_places=2)


class PaCostsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    hourly_rate: Decimal = Field(gt=0, le=1000, max_digits=6, decimal_places=2)
    hours_per_week: Decimal = Field(gt=0, le=168, max_digits=5, decimal_places=2)
    tax_year: str | None = Field(default=None, max_length=7, description='e.g. "2026-27"')
    age_band: AgeBand = "aged_21_and_over"
    irregular_hours: bool = False
    claim_employment_allowance: bool = True
    pension_age_eligible: bool = True
    insurance_per_year: Decimal = Money
    payroll_per_year: Decimal = Money
    sickness_cover_percent: Decimal = Field(
        default=Decimal(0), ge=0, le=100, max_digits=5, decimal_places=2
    )


class StepOut(BaseModel):
    code: str
    label: str
    per_year: Decimal
    working: str
    source: str


class PaCostsOut(BaseModel):
    tax_year: str
    tax_year_label: str
    ref: str
    hourly_rate: Decimal
    hours_per_week: Decimal
    minimum_hourly_rate: Decimal
    below_minimum: bool
    weekly_pay: Decimal
    annual_pay: Decimal
    holiday_cost: Decimal
    annual_earnings: Decimal
    employer_ni_before_allowance: Decimal
    employment_allowance_used: Decimal
    employer_ni: Decimal
    pension_enrolled: bool
    employer_pension: Decimal
    extras: Decimal
    annual_total: Decimal
    weekly_total: Decimal
    steps: list[StepOut]
    warnings: list[str]
    notes: list[str]


class AddedLineOut(BaseModel):
    id: int
    plan_id: int
    description: str
    weekly_cost: Decimal
    source: str
    working: str


# The most a plan may cost a week: keeps every amount worked out from it (yearly budget, payments)
# inside the 12-digit money columns, where 1,000,000 x 1,000,000 a line would overflow them.
MAX_PLAN_WEEKLY = Decimal("1000000.00")
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


def plan_out(p) -> dict:
    return PlanOut(
        id=p.pk,
        person_id=p.person_id,
        number=p.number,
        status=p.status,
        led_by=p.led_by,
        what_matters=p.what_matters,
        deployment=p.deployment,
        weekly_total=p.weekly_total,
        indicative_weekly=p.budget_calculation.weekly_amount,
        outcomes=[o.text for o in p.outcomes.all()],
        lines=[
            PlanLineOut(
                description=line.description,
                unit_cost=line.unit_cost,
                quantity=line.quantity,
                frequency=line.frequency,
                weekly_cost=line.weekly_cost,
                source=line.source,
                working=line.working,
            )
            for line in p.lines.all()
        ],
        row_version=p.row_version,
        format=p.format,
        risks=[{"risk": r.risk, "how_managed": r.how_managed} for r in p.risks.all()],
        contingency=p.contingency,
        money_notes=p.money_notes,
    ).model_dump()


def plan_total_errors(payload) -> None:
    """Refuse (422) costed lines whose weekly total is more than any plan could cost."""
    total = sum(
        (
            weekly_cost(unit_cost=line.unit_cost, quantity=line.quantity, frequency=line.frequency)
            for line in payload.lines
        ),
        Decimal("0.00"),
    )
    if total >= MAX_PLAN_WEEKLY:
        raise InvalidInput(
            [("lines", f"The plan must cost less than {format_money(MAX_PLAN_WEEKLY)} a week")]
        )


@router.post("/people/{person_id}/plans", response={201: PlanOut, **WRITE_ERRORS}, tags=PLANS)
def start_plan(request, person_id: int):
    person = get_person_for(request.auth, person_id, write=True)
    return Status(201, plan_out(services.start_plan(person=person, by=request.auth)))


@router.get("/plans/{plan_id}", response={200: PlanOut, **ERRORS}, tags=PLANS)
def get_plan(request, plan_id: int):
    return plan_out(get_plan_for(request.auth, plan_id))


@router.put("/plans/{plan_id}", response={200: PlanOut, **WRITE_ERRORS}, tags=PLANS)
def update_plan(request, plan_id: int, payload: PlanIn):
    plan = get_plan_for(request.auth, plan_id, write=True)
    plan_total_errors(payload)
    data = payload.model_dump()
    plan = services.update_plan(
        plan=plan, by=request.auth, expected_version=data.pop("row_version"), **data
    )
    return plan_out(plan)


def calculate(data: PaCostsIn):
    """The calculation for these inputs; InvalidInput (422) naming the field for bad ones."""
    try:
        year = rulepacks.pa_employer(data.tax_year)
    except RulePackError:
        years = ", ".join(rulepacks.pa_employer_years())
        raise InvalidInput([("tax_year", f"Choose a tax year with figures: {years}")]) from None
    args = data.model_dump(exclude={"tax_year"})
    try:
        return pa_costs(year=year, **args)
    except PaInputError as e:
        raise InvalidInput([(e.field, e.message)]) from None


@router.get("/pa-costs", response={200: PaCostsOut, **ERRORS})
def get_pa_costs(request, q: Query[PaCostsIn]):
    """What it costs to employ a personal assistant for a tax year, with the working."""
    return calculate(q).as_dict()


@router.post("/plans/{plan_id}/pa-line", response={201: AddedLineOut, **WRITE_ERRORS})
def post_pa_line(request, plan_id: int, payload: PaCostsIn):
    """Add the personal assistant's employer costs to a draft plan as one line, with working."""
    plan = get_plan_for(request.auth, plan_id, write=True)
    line = add_pa_line(plan=plan, by=request.auth, costs=calculate(payload))
    return Status(
        201,
        {
            "id": line.pk,
            "plan_id": plan.pk,
            "description": line.description,
            "weekly_cost": line.weekly_cost,
            "source": line.source,
            "working": line.working,
        },
    )
