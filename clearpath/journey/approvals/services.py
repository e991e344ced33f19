"""Sign-off: open a decision routed by the delegation policy; approve in one click; or return."""

import functools
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from clearpath.errors import ServiceError, StaleRecord
from clearpath.events import emit
from clearpath.journey.approvals.events import PlanApproved
from clearpath.journey.approvals.models import Decision
from clearpath.journey.budgets.services import create_personal_budget
from clearpath.journey.people.models import Person
from clearpath.journey.people.services import set_stage
from clearpath.journey.plans.models import SupportPlan
from clearpath.platform.accounts.models import StaffMember
from clearpath.platform.audit.services import record_event
from domain import rulepacks
from domain.delegation import (
    REQUESTED,
    Route,
    due_by,
    effective_limits,
    panel_triggers,
    route_plan,
)
from domain.money import annual_from_weekly, format_money, to_money

Role = StaffMember.Role


class NotAllowed(ServiceError):
    """Someone tried to decide a plan they have no authority to decide (refused and logged)."""


def _manager_limit(team) -> "Decimal":  # noqa: F821
    top = team.staff.filter(role=Role.TEAM_MANAGER, is_active=True).aggregate(
        m=Max("weekly_limit")
    )["m"]
    return top or 0


def route_for(
    *, plan: SupportPlan, practitioner, today: date, policy=None, requested_by: str | None = None
) -> Route:
    """Who may decide this plan under the delegation policy, with the reasons in words.
    `requested_by` ("practitioner" or "manager") asks for the panel to decide."""
    policy = policy or rulepacks.delegation_policy()
    person = plan.person
    calc = plan.budget_calculation
    triggers = panel_triggers(
        policy=policy,
        primary_support_reason=person.get_primary_support_reason_display(),
        age=person.age_on(today),
        has_dementia=person.has_dementia,
        in_transition=person.in_transition,
        outside_ras=plan.budget_calculation.outside_ras,
        requested_by=requested_by,
    )
    own = practitioner.weekly_limit if practitioner.role == Role.PRACTITIONER else 0
    own_weekly, own_annual = effective_limits(policy, "practitioner", own)
    top_weekly, top_annual = effective_limits(policy, "manager", _manager_limit(person.team))
    return route_plan(
        policy=policy,
        plan_weekly=plan.weekly_total,
        indicative_weekly=calc.weekly_amount,
        practitioner_limit_weekly=own_weekly,
        manager_limit_weekly=top_weekly,
        triggers=triggers,
        practitioner_limit_annual=own_annual,
        manager_limit_annual=top_annual,
    )


def open_decision(*, plan: SupportPlan, by) -> Decision:
    """Create the pending decision for a submitted plan (inside submit_plan's transaction)."""
    route = route_for(plan=plan, practitioner=by, today=timezone.localdate())
    decision = Decision.objects.create(
        plan=plan,
        person=plan.person,
        team=plan.person.team,
        route=route.route,
        reasons=list(route.reasons),
        triggers=list(route.triggers),
        policy_ref=route.policy_ref,
        ras_model_ref=plan.budget_calculation.model_ref,
        question_set_ref=plan.budget_calculation.question_set_ref,
        plan_weekly=plan.weekly_total,
        indicative_weekly=plan.budget_calculation.weekly_amount,
        submitted_by=by,
        submitted_at=timezone.now(),
        due_on=due_by(
            rulepacks.delegation_policy(route.policy_ref), route.route, timezone.localdate()
        ),
    )
    set_stage(plan.person, Person.Stage.DECISION)
    record_event(
        actor=by,
        action="decision.opened",
        obj=decision,
        person=plan.person,
        summary=f"Sent to {decision.get_route_display().lower()} for a decision",
        changes={"route": route.route, "reasons": list(route.reasons), "policy": route.policy_ref},
    )
    return decision


def why_cannot_decide(user, decision: Decision) -> str | None:
    """None if this user may decide; otherwise the reason in words."""
    if decision.status == Decision.Status.REFERRED:
        return "This decision was referred onwards: it is decided on its new decision page."
    if decision.status != Decision.Status.PENDING:
        return "This plan has already been decided."
    if decision.route == Decision.Route.PANEL:
        return None if user.role == Role.PANEL_MEMBER else "Only the panel can decide this plan."
    if user.team_id != decision.team_id or user.role not in (Role.PRACTITIONER, Role.TEAM_MANAGER):
        return "Only the person's team can decide this plan."
    if user.role == Role.TEAM_MANAGER:
        limit = manager_limit_of(user)
        if decision.plan_weekly > limit:
            return f"{format_money(decision.plan_weekly)} a week is above your limit of {format_money(limit)}."
        return None
    if decision.route == Decision.Route.MANAGER:
        return "A team manager needs to decide this plan."
    route = route_for(plan=decision.plan, practitioner=user, today=timezone.localdate())
    return None if route.route == Decision.Route.PRACTITIONER else " ".join(route.reasons)


def manager_limit_of(user) -> Decimal:
    """A team manager's weekly limit: their role's limit in the policy, lowered by their own."""
    return effective_limits(rulepacks.delegation_policy(), "manager", user.weekly_limit)[0]


def _logs_refusals(service):
    """Deciding without authority is refused and logged: the audit row is written after the
    refused change has been rolled back, so the refusal itself stays on the record."""

    @functools.wraps(service)
    def wrapped(*, decision: Decision, by, **kwargs):
        try:
            return service(decision=decision, by=by, **kwargs)
        except NotAllowed as e:
            record_event(
                actor=by,
                action="decision.refused",
                obj=decision,
                person=decision.person,
                summary=f"Refused: not allowed to decide this plan. {e.message}",
                changes={"tried": service.__name__, "reason": e.message},
            )
            raise

    return wrapped


def _locked_pending(decision: Decision, by, expected_version: int | None) -> Decision:
    decision = (
        Decision.objects.select_for_update()
        .select_related("plan", "person", "team")
        .get(pk=decision.pk)
    )
    if expected_version is not None and decision.row_version != expected_version:
        raise StaleRecord("decision")
    reason = why_cannot_decide(by, decision)
    if reason and decision.status != Decision.Status.PENDING:
        raise ServiceError(reason)
    if reason:
        raise NotAllowed(reason)
    return decision


@_logs_refusals
@transaction.atomic
def approve_plan(
    *,
    decision: Decision,
    by,
    note: str = "",
    starts_on: date | None = None,
    expected_version: int | None = None,
) -> Decision:
    """Approve the plan in one click: sets up the personal budget, payments and first reviews."""
    decision = _locked_pending(decision, by, expected_version)
    starts_on = starts_on or timezone.localdate()
    decision.status, decision.decided_by, decision.decided_at = (
        Decision.Status.APPROVED,
        by,
        timezone.now(),
    )
    decision.note = note
    decision.row_version += 1
    decision.save()
    plan = decision.plan
    SupportPlan.objects.filter(pk=plan.pk).update(
        status=SupportPlan.Status.APPROVED, row_version=plan.row_version + 1
    )
    plan.status = SupportPlan.Status.APPROVED
    record_event(
        actor=by,
        action="decision.approved",
        obj=decision,
        person=decision.person,
        summary=f"Approved support plan version {plan.number} ({format_money(plan.weekly_total)} a week)",
        changes={"route": decision.route, "note": note},
    )
    budget = create_personal_budget(plan=plan, decision=decision, by=by, starts_on=starts_on)
    emit(PlanApproved(decision=decision, budget=budget, by=by))  # payments, then reviews
    set_stage(decision.person, Person.Stage.BUDGET)
    return decision


@_logs_refusals
@transaction.atomic
def return_plan(
    *, decision: Decision, by, reason: str, expected_version: int | None = None
) -> Decision:
    """Send the plan back to the planner with the reasons; they change it and submit again."""
    if not reason.strip():
        raise ServiceError("Say what needs to change in the plan.", field="reason")
    decision = _locked_pending(decision, by, expected_version)
    decision.status, decision.decided_by, decision.decided_at = (
        Decision.Status.RETURNED,
        by,
        timezone.now(),
    )
    decision.note = reason.strip()
    decision.row_version += 1
    decision.save()
    plan = decision.plan
    SupportPlan.objects.filter(pk=plan.pk).update(
        status=SupportPlan.Status.RETURNED, row_version=plan.row_version + 1
    )
    set_stage(decision.person, Person.Stage.PLANNING)
    record_event(
        actor=by,
        action="decision.returned",
        obj=decision,
        person=decision.person,
        summary="Returned the support plan for changes",
        changes={"reason": decision.note},
    )
    return decision


def _amount(value, field: str) -> Decimal:
    try:
        amount = to_money(Decimal(str(value)))
    except (InvalidOperation, ValueError, TypeError):
        raise ServiceError("Enter the weekly amount in pounds, like 350.00", field=field) from None
    if amount <= 0:
        raise ServiceError("The weekly amount must be more than £0", field=field)
    return amount


def _own_limits(user, decision: Decision) -> tuple[Decimal | None, Decimal | None]:
    """The most this decider may agree, weekly and yearly (None: no limit, as for the panel)."""
    if decision.route == Decision.Route.PANEL:
        return None, None
    route = "manager" if user.role == Role.TEAM_MANAGER else "practitioner"
    return effective_limits(rulepacks.delegation_policy(), route, user.weekly_limit)


@_logs_refusals
@transaction.atomic
def approve_with_changes(
    *,
    decision: Decision,
    by,
    weekly,
    reasons: str,
    starts_on: date | None = None,
    expected_version: int | None = None,
) -> Decision:
    """Approve the plan at a different weekly amount, with the reasons for the change. The new
    amount must be within the decider's own limit too; the budget and payments use it."""
    reasons = (reasons or "").strip()
    if not reasons:
        raise ServiceError("Say why the amount has changed", field="reasons")
    amount = _amount(weekly, "weekly")
    decision = _locked_pending(decision, by, expected_version)
    if amount == decision.plan_weekly:
        raise ServiceError(
            "The amount is the same as the plan's: approve the plan instead", field="weekly"
        )
    weekly_limit, annual_limit = _own_limits(by, decision)
    if weekly_limit is not None and amount > weekly_limit:
        raise NotAllowed(
            f"{format_money(amount)} a week is above your limit of {format_money(weekly_limit)}."
        )
    if annual_limit is not None and annual_from_weekly(amount) > annual_limit:
        raise NotAllowed(
            f"{format_money(annual_from_weekly(amount))} a year is above your yearly limit of "
            f"{format_money(annual_limit)}."
        )
    Decision.objects.filter(pk=decision.pk).update(approved_weekly=amount)
    decision.approved_weekly = amount
    record_event(
        actor=by,
        action="decision.amount_changed",
        obj=decision,
        person=decision.person,
        summary=(
            f"Changed the weekly amount from {format_money(decision.plan_weekly)} "
            f"to {format_money(amount)}"
        ),
        changes={
            "plan_weekly": decision.plan_weekly,
            "approved_weekly": amount,
            "reasons": reasons,
        },
    )
    return approve_plan(decision=decision, by=by, note=reasons, starts_on=starts_on)


REFER_TO = {Decision.Route.MANAGER: 1, Decision.Route.PANEL: 2}
ROUTE_RANK = {Decision.Route.PRACTITIONER: 0, **REFER_TO}


@_logs_refusals
@transaction.atomic
def refer_decision(
    *, decision: Decision, by, to: str, reason: str, expected_version: int | None = None
) -> Decision:
    """Refer the plan onwards, to a team manager or the panel, with the reason. The referral
    closes this decision ("referred onwards") and opens a new one on the higher route; it keeps
    the plan's submission time, so time to decision counts from when the plan was submitted."""
    reason = (reason or "").strip()
    if to not in REFER_TO:
        raise ServiceError("Choose a team manager or the panel", field="to")
    if not reason:
        raise ServiceError("Say why you are referring the plan", field="reason")
    decision = _locked_pending(decision, by, expected_version)
    if ROUTE_RANK[to] <= ROUTE_RANK[decision.route]:
        raise ServiceError(
            f"A plan the {decision.get_route_display().lower()} decides can only be referred "
            "to the panel",
            field="to",
        )
    now, policy = timezone.now(), rulepacks.delegation_policy()
    Decision.objects.filter(pk=decision.pk).update(
        status=Decision.Status.REFERRED,
        decided_by=by,
        decided_at=now,
        note=reason,
        row_version=decision.row_version + 1,
        updated_at=now,
    )
    asked_by = "manager" if by.role == Role.TEAM_MANAGER else "practitioner"
    # A policy without the request triggers (version 1) still lets the plan go to the panel.
    asked = REQUESTED[asked_by]
    triggers = [asked] if to == Decision.Route.PANEL and asked in policy.panel_triggers else []
    who = by.get_full_name() or by.username
    reasons = [f"{who} referred the plan to the {Decision.Route(to).label.lower()}: {reason}"]
    if triggers:
        reasons.insert(0, f"{policy.wording(triggers[0])}, so a panel decides this plan.")
    onward = Decision.objects.create(
        plan=decision.plan,
        person=decision.person,
        team=decision.team,
        route=to,
        reasons=reasons,
        triggers=triggers,
        policy_ref=policy.ref,
        ras_model_ref=decision.ras_model_ref,
        question_set_ref=decision.question_set_ref,
        plan_weekly=decision.plan_weekly,
        indicative_weekly=decision.indicative_weekly,
        submitted_by=decision.submitted_by,
        submitted_at=decision.submitted_at,
        referred_from=decision,
        due_on=due_by(policy, to, timezone.localdate()),
    )
    record_event(
        actor=by,
        action="decision.referred",
        obj=onward,
        person=decision.person,
        summary=f"Referred the plan to the {onward.get_route_display().lower()}",
        changes={"from": decision.route, "to": to, "reason": reason, "triggers": triggers},
    )
    return onward
