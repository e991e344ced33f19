"""API authentication: bearer tokens for other systems, or the signed-in staff session (docs page)."""

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from accounts.models import ApiToken


class TokenAuth(HttpBearer):
    """`Authorization: Bearer cp_...` — a token made with `manage.py create_api_token`."""

    def authenticate(self, request, token: str):
        if not token or len(token) > 200:
            return None
        row = (
            ApiToken.objects.select_related("staff", "staff__team")
            .filter(token_hash=ApiToken.hash(token), revoked_at__isnull=True, staff__is_active=True)
            .first()
        )
        if row is None:
            return None
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        request.user = row.staff
        return row.staff


class StaffSession(SessionAuth):
    """A signed-in member of staff trying the API from the interactive docs (CSRF checked)."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user and user.is_active else None
