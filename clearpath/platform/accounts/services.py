"""State changes for staff accounts and API tokens."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from clearpath.errors import InvalidInput
from clearpath.platform.accounts.models import ApiToken, StaffMember, Team
from clearpath.platform.audit.services import record_event


@transaction.atomic
def create_api_token(*, staff: StaffMember, name: str, by) -> str:
    """Make a token for another system to act as this member of staff. Returns the secret once."""
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(
        staff=staff,
        name=name[:100],
        token_hash=ApiToken.hash(secret),
        expires_at=timezone.now() + timedelta(days=settings.API_TOKEN_DAYS),
    )
    record_event(
        actor=by,
        action="api_token.created",
        obj=token,
        summary=f"API token '{name}' for {staff.username}, until {token.expires_at:%-d %B %Y}",
    )
    return secret


@transaction.atomic
def revoke_api_token(*, token: ApiToken, by) -> ApiToken:
    """Stop a token working at once (it stays listed, as revoked)."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record_event(
            actor=by,
            action="api_token.revoked",
            obj=token,
            summary=f"Revoked API token '{token.name}' of {token.staff.username}",
        )
    return token


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
    try:
        validate_password(password, user=staff)
    except ValidationError as e:
        raise InvalidInput([("password", message) for message in e.messages]) from None
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
