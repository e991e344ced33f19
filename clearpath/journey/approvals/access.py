"""Access gateway for decisions: through the person's record; queues by role and team."""

from datetime import date

from django.db.models import Q, QuerySet

from clearpath.journey.approvals.models import Decision
from clearpath.journey.people.access import get_record_for
from clearpath.platform.accounts.models import StaffMember

Role = StaffMember.Role


def get_decision_for(user, decision_id) -> Decision:
    decision = get_record_for(
        user,
        Decision,
        decision_id,
        what="decision",
        related=["plan__budget_calculation", "submitted_by", "decided_by", "team"],
    )
    decision.plan.person = decision.person
    return decision


def decision_queue(user) -> QuerySet[Decision]:
    """Pending decisions this member of staff can see: their team's, or the panel's."""
    pending = Decision.objects.filter(status=Decision.Status.PENDING).select_related(
        "person", "submitted_by"
    )
    if user.role == Role.PANEL_MEMBER:
        return pending.filter(route=Decision.Route.PANEL)
    if user.role in (Role.PRACTITIONER, Role.TEAM_MANAGER) and user.team_id:
        return pending.filter(team_id=user.team_id)
    return pending.none()


QUEUES = {
    "mine": "Decisions for me",
    "team": "My team's decisions",
    "overdue": "Overdue",
}


def queue_for(user, which: str, today: date) -> QuerySet[Decision]:
    """One of the queues: "mine" (what this member of staff may decide now), "team" (everything
    waiting in their team, or the panel's) or "overdue" (past the policy's time limit)."""
    from clearpath.journey.approvals.services import manager_limit_of

    pending = decision_queue(user)
    if which == "overdue":
        return pending.filter(due_on__lt=today)
    if which == "team":
        return pending
    if user.role == Role.PRACTITIONER:
        return pending.filter(route=Decision.Route.PRACTITIONER, submitted_by=user)
    if user.role == Role.TEAM_MANAGER:
        return pending.filter(
            Q(route=Decision.Route.MANAGER, plan_weekly__lte=manager_limit_of(user))
            | Q(route=Decision.Route.PRACTITIONER, submitted_by=user)
        )
    return pending
