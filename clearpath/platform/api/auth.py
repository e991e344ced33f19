"""API authentication: bearer tokens for other systems, or the signed-in staff session (docs page)."""

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from clearpath.platform.accounts.models import ApiToken


class TokenAuth(HttpBearer):
    """`Authorization: Bearer cp_...` — a token made with `manage.py create_api_token`."""

    def authenticate(self, request, token: str):
        if not token or len(token) > 200:
            return None
        row = (
            ApiToken.objects.select_related("staff", "staff__team")
            .filter(token_hash=ApiToken.hash(token), revoked_at__isnull=True, staff__is_active=True)
            .exclude(expires_at__lte=timezone.now())
            .first()
        )
        if row is None:
            return None
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        request.user = row.staff
        return row.staff


class StaffSession(SessionAuth):
    """A signed-in member of staff trying the API from the interactive docs (CSRF checked)."""

    def _get_key(self, request):
        key = request.COOKIES.get(self.param_name)
        # No session cookie: not a browser session, so 401 rather than a CSRF 403. A cookie with a
        # NUL byte is never a session key (and PostgreSQL refuses to look it up: a 500).
        if not key or "\x00" in key or len(key) > 200:
            return None
        return super()._get_key(request)  # checks the CSRF token on changes

    def authenticate(self, request, key):
        if key is None:
            return None
        user = super().authenticate(request, key)
        verified = user is not None and getattr(user, "is_verified", lambda: False)()
        return user if user and user.is_active and verified else None
