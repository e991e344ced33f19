"""Sign-off over the API: submitting a plan and who would decide it, the decisions queue, the
decisions (approve, approve with changes, return, refer onwards), and the numbers that show
sign-off by exception working and the committed spend managers oversee.

`router` is mounted by the API core (clearpath/platform/api); errors use its shared handlers."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.http import Http404
from django.utils import timezone
from ninja import Router, Status
from pydantic import BaseModel, ConfigDict, Field

from clearpath.journey.approvals import reports, services
from clearpath.journey.approvals.access import decision_queue, get_decision_for
from clearpath.journey.plans import services as plans
from clearpath.journey.plans.access import get_plan_for
from clearpath.platform.api.schemas import ERRORS, WRITE_ERRORS, In, Text
from clearpath.platform.audit.services import record_bulk_view

router = Router(tags=["Decisions"])
PLANS = ["Support plans"]


class ApproveIn(In):
    row_version: int | None = None
    note: Text(2000) = ""


class ReturnIn(In):
    row_version: int | None = None
    reason: Text(2000, 1)


class RouteOut(BaseModel):
    route: str
    reasons: list[str]
    triggers: list[str]
    policy_ref: str


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


def decision_out(d) -> dict:
    return DecisionOut(
        id=d.pk,
        plan_id=d.plan_id,
        person_id=d.person_id,
        route=d.route,
        status=d.status,
        reasons=d.reasons,
        triggers=d.triggers,
        policy_ref=d.policy_ref,
        ras_model_ref=d.ras_model_ref,
        question_set_ref=d.question_set_ref,
        plan_weekly=d.plan_weekly,
        indicative_weekly=d.indicative_weekly,
        submitted_at=d.submitted_at,
        decided_at=d.decided_at,
        note=d.note,
        row_version=d.row_version,
        approved_weekly=d.approved_weekly,
        due_on=d.due_on,
        referred_from_id=d.referred_from_id,
    ).model_dump()


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


@router.get("/plans/{plan_id}/route", response={200: RouteOut, **ERRORS}, tags=PLANS)
def preview_route(request, plan_id: int):
    """Who would decide this plan if it were submitted now, and why."""
    plan = get_plan_for(request.auth, plan_id)
    r = services.route_for(plan=plan, practitioner=request.auth, today=timezone.localdate())
    return {
        "route": r.route,
        "reasons": list(r.reasons),
        "triggers": list(r.triggers),
        "policy_ref": r.policy_ref,
    }


@router.post("/plans/{plan_id}/submit", response={201: DecisionOut, **WRITE_ERRORS}, tags=PLANS)
def submit_plan(request, plan_id: int):
    plan = get_plan_for(request.auth, plan_id, write=True)
    return Status(201, decision_out(plans.submit_plan(plan=plan, by=request.auth)))


@router.get("/decisions", response={200: list[DecisionOut], **ERRORS})
def list_decisions(request):
    found = list(decision_queue(request.auth).order_by("submitted_at", "id")[:200])
    if found:
        record_bulk_view(
            actor=request.auth,
            action="decisions.listed",
            what="the decisions queue (API)",
            people=len({d.person_id for d in found}),
        )
    return [decision_out(d) for d in found]


@router.get("/decisions/{decision_id}", response={200: DecisionOut, **ERRORS})
def get_decision(request, decision_id: int):
    return decision_out(get_decision_for(request.auth, decision_id))


@router.post("/decisions/{decision_id}/approve", response={200: DecisionOut, **WRITE_ERRORS})
def approve(request, decision_id: int, payload: ApproveIn):
    d = get_decision_for(request.auth, decision_id)
    return decision_out(
        services.approve_plan(
            decision=d, by=request.auth, note=payload.note, expected_version=payload.row_version
        )
    )


@router.post("/decisions/{decision_id}/return", response={200: DecisionOut, **WRITE_ERRORS})
def return_for_changes(request, decision_id: int, payload: ReturnIn):
    d = get_decision_for(request.auth, decision_id)
    return decision_out(
        services.return_plan(
            decision=d, by=request.auth, reason=payload.reason, expected_version=payload.row_version
        )
    )


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
