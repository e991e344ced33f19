"""Access gateway for decisions: through the person's record; queues by role and team."""

from django.db.models import QuerySet

from accounts.models import StaffMember
from approvals.models import Decision
from people.access import get_record_for

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
