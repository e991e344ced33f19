"""Sign-off over the API: the numbers that show sign-off by exception working, the committed
spend managers oversee, and the two decisions the web page adds (approve with changes, refer
onwards). `router` is mounted by api/api.py; errors use the API's shared handlers."""

from datetime import date
from decimal import Decimal
from typing import Literal

from django.http import Http404
from django.utils import timezone
from ninja import Router
from pydantic import BaseModel, ConfigDict, Field

from clearpath.journey.approvals import reports, services
from clearpath.journey.approvals.access import get_decision_for
from clearpath.platform.api.convert import decision_out
from clearpath.platform.api.schemas import DecisionOut, ErrorOut, Text

router = Router(tags=["Decisions"])
ERRORS = {code: ErrorOut for code in (400, 401, 404, 409, 422)}
WRITE_ERRORS = {**ERRORS, 403: ErrorOut}


class RouteNumbers(BaseModel):
    route: str
    decided: int
    approved: int
    share: Decimal
    median_days: float | None
    p90_days: float | None


class TriggerNumbers(BaseModel):
    code: str
    wording: str
    referrals: int


class NumbersOut(BaseModel):
    total: int
    routes: list[RouteNumbers]
    triggers: list[TriggerNumbers]
    panel_referrals: int


class DeciderSpend(BaseModel):
    name: str
    route: str
    budgets: int
    so_far: Decimal
    projected: Decimal


class TeamSpend(BaseModel):
    team: str
    annual_budget: Decimal
    budgets: int
    so_far: Decimal
    projected: Decimal
    remaining: Decimal
    deciders: list[DeciderSpend]


class SpendingOut(BaseModel):
    year_start: date
    year_end: date
    teams: list[TeamSpend]


class ChangesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    row_version: int = Field(ge=1)
    weekly: Decimal = Field(gt=0, max_digits=12, decimal_places=2)
    reasons: Text(2000, min_length=1)


class ReferIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    row_version: int = Field(ge=1)
    to: Literal["manager", "panel"]
    reason: Text(2000, min_length=1)


@router.get("/signoff/numbers", response={200: NumbersOut, **ERRORS})
def signoff_numbers(request):
    """Share of plans decided by practitioner, manager and panel; days from submission to
    decision (median, 90th percentile) by route; panel referrals by trigger."""
    return reports.numbers()


@router.get("/signoff/spending", response={200: SpendingOut, **ERRORS})
def signoff_spending(request):
    """Committed spend by team and decision-maker against each team's budget (managers see
    their team; finance officers and administrators every team)."""
    if request.auth.role not in reports.MAY_SEE_SPENDING:
        raise Http404
    data = reports.spending(request.auth, timezone.localdate())
    return {
        **data,
        "teams": [{**t, "team": t["team"].name} for t in data["teams"]],
    }


@router.post(
    "/decisions/{decision_id}/approve-with-changes", response={200: DecisionOut, **WRITE_ERRORS}
)
def approve_with_changes(request, decision_id: int, payload: ChangesIn):
    d = get_decision_for(request.auth, decision_id)
    return decision_out(
        services.approve_with_changes(
            decision=d,
            by=request.auth,
            weekly=payload.weekly,
            reasons=payload.reasons,
            expected_version=payload.row_version,
        )
    )


@router.post("/decisions/{decision_id}/refer", response={200: DecisionOut, **WRITE_ERRORS})
def refer(request, decision_id: int, payload: ReferIn):
    d = get_decision_for(request.auth, decision_id)
    return decision_out(
        services.refer_decision(
            decision=d,
            by=request.auth,
            to=payload.to,
            reason=payload.reason,
            expected_version=payload.row_version,
        )
    )
