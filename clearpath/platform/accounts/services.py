"""State changes for staff accounts and API tokens."""

from django.db import transaction

from clearpath.platform.accounts.models import ApiToken, StaffMember, Team
from clearpath.platform.audit.services import record_event


@transaction.atomic
def create_api_token(*, staff: StaffMember, name: str, by) -> str:
    """Make a token for another system to act as this member of staff. Returns the secret once."""
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(staff=staff, name=name, token_hash=ApiToken.hash(secret))
    record_event(
        actor=by,
        action="api_token.created",
        obj=token,
        summary=f"API token '{name}' for {staff.username}",
    )
    return secret


@transaction.atomic
def add_team(*, name: str, by=None, annual_budget=0) -> Team:
    """Create a team (or return the one with this name)."""
    team, created = Team.objects.get_or_create(name=name, defaults={"annual_budget": annual_budget})
    if created:
        record_event(actor=by, action="team.added", obj=team, summary=f"Added team {name}")
    return team


@transaction.atomic
def add_staff_member(
    *,
    username: str,
    password: str,
    first_name: str,
    last_name: str,
    role: str,
    team=None,
    weekly_limit=0,
    email: str = "",
    by=None,
) -> StaffMember:
    """Create a member of staff with a role, team and delegated weekly approval limit."""
    staff = StaffMember(
        username=username,
        first_name=first_name,
        last_name=last_name,
        role=role,
        team=team,
        weekly_limit=weekly_limit,
        email=email,
        is_staff=role == StaffMember.Role.ADMINISTRATOR,  # may open the read-only admin
    )
    staff.set_password(password)
    staff.save()
    record_event(
        actor=by,
        action="staff.added",
        obj=staff,
        summary=f"Added {staff.get_full_name()} as {staff.get_role_display().lower()}",
        changes={"role": role, "team": team.name if team else None, "weekly_limit": weekly_limit},
    )
    return staff
