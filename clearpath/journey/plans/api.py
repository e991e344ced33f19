"""Personal assistant employer costs over the API: `router`, mounted by api/api.py.

Same calculation as the page and the command (domain/pa_costs.py); adding a PA line to a plan
goes through the same service and access gateway as the web page. Bad input answers 422 with
the field at fault; a rate below the minimum wage is refused when adding to a plan."""

from decimal import Decimal
from typing import Literal

from ninja import Query, Router, Status
from pydantic import BaseModel, ConfigDict, Field

from clearpath.errors import InvalidInput
from clearpath.journey.plans.access import get_plan_for
from clearpath.journey.plans.services import add_pa_line
from clearpath.platform.api.schemas import ErrorOut
from domain import rulepacks
from domain.pa_costs import PaInputError, pa_costs
from domain.rulepacks import RulePackError

router = Router(tags=["Personal assistant costs"])
ERRORS = {code: ErrorOut for code in (400, 401, 404, 409, 422)}
WRITE_ERRORS = {**ERRORS, 403: ErrorOut}
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


class PlanLineOut(BaseModel):
    id: int
    plan_id: int
    description: str
    weekly_cost: Decimal
    source: str
    working: str


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


@router.post("/plans/{plan_id}/pa-line", response={201: PlanLineOut, **WRITE_ERRORS})
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
