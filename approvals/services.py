"""Sign-off: open a decision routed by the delegation policy; approve in one click; or return."""

from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import StaffMember
from approvals.models import Decision
from audit.services import record_event
from budgets.services import create_personal_budget
from clearpath.errors import ServiceError, StaleRecord
from domain import rulepacks
from domain.delegation import Route, panel_triggers, route_plan
from domain.money import format_money
from payments.services import schedule_direct_payments
from people.models import Person
from people.services import set_stage
from plans.models import SupportPlan
from reviews.services import replace_previous_budget, schedule_first_reviews

Role = StaffMember.Role


def _manager_limit(team) -> "Decimal":  # noqa: F821
    top = team.staff.filter(role=Role.TEAM_MANAGER, is_active=True).aggregate(
        m=Max("weekly_limit")
    )["m"]
    return top or 0


def route_for(*, plan: SupportPlan, practitioner, today: date, policy=None) -> Route:
    """Who may decide this plan under the delegation policy, with the reasons in words."""
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
    )
    limit = practitioner.weekly_limit if practitioner.role == Role.PRACTITIONER else 0
    return route_plan(
        policy=policy,
        plan_weekly=plan.weekly_total,
        indicative_weekly=calc.weekly_amount,
        practitioner_limit_weekly=limit,
        manager_limit_weekly=_manager_limit(person.team),
        triggers=triggers,
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
    if decision.status != Decision.Status.PENDING:
        return "This plan has already been decided."
    if decision.route == Decision.Route.PANEL:
        return None if user.role == Role.PANEL_MEMBER else "Only the panel can decide this plan."
    if user.team_id != decision.team_id or user.role not in (Role.PRACTITIONER, Role.TEAM_MANAGER):
        return "Only the person's team can decide this plan."
    if user.role == Role.TEAM_MANAGER:
        if decision.plan_weekly > user.weekly_limit:
            return f"{format_money(decision.plan_weekly)} a week is above your limit of {format_money(user.weekly_limit)}."
        return None
    if decision.route == Decision.Route.MANAGER:
        return "A team manager needs to decide this plan."
    route = route_for(plan=decision.plan, practitioner=user, today=timezone.localdate())
    return None if route.route == Decision.Route.PRACTITIONER else " ".join(route.reasons)


def _locked_pending(decision: Decision, by, expected_version: int | None) -> Decision:
    decision = (
        Decision.objects.select_for_update()
        .select_related("plan", "person", "team")
        .get(pk=decision.pk)
    )
    if expected_version is not None and decision.row_version != expected_version:
        raise StaleRecord("decision")
    reason = why_cannot_decide(by, decision)
    if reason:
        raise ServiceError(reason)
    return decision


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
    if budget.deployment == budget.Deployment.DIRECT_PAYMENT:
        schedule_direct_payments(personal_budget=budget, by=by)
    schedule_first_reviews(personal_budget=budget, by=by)
    replace_previous_budget(new_budget=budget, by=by)  # a revised plan: the old budget ends
    set_stage(decision.person, Person.Stage.BUDGET)
    return decision


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
