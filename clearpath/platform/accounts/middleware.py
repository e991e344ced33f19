"""Staff sessions end after SESSION_IDLE_MINUTES without a request (30 unless set) and, whatever
happens, SESSION_MAX_HOURS after signing in (12 unless set). A page then asks the member of staff
to sign in again and brings them back where they were; the API answers 401."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

SIGNED_IN_AT, LAST_SEEN = "staff_signed_in_at", "staff_last_seen"
TOUCH_EVERY = 60  # seconds: how often the last-seen time is written back to the session


def start(session) -> None:
    """A new sign-in: both clocks start now (called as the member of staff signs in)."""
    now = int(time.time())
    session[SIGNED_IN_AT] = session[LAST_SEEN] = now


class SessionLimits:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            why = self._ended(request.session)
            if why:
                logout(request)
                if not request.path.startswith("/api/"):
                    messages.info(request, why)
                    target = request.get_full_path() if request.method == "GET" else ""
                    query = f"?{urlencode({'next': target})}" if target else ""
                    return redirect(reverse("accounts:login") + query)
        return self.get_response(request)

    @staticmethod
    def _ended(session) -> str:
        now = int(time.time())
        started = session.get(SIGNED_IN_AT)
        seen = session.get(LAST_SEEN)
        if started is None or seen is None:  # signed in before these limits existed
            start(session)
            return ""
        idle = settings.SESSION_IDLE_MINUTES
        if now - seen > idle * 60:
            return (
                f"You were signed out because nothing had happened for {idle} minutes. "
                "Sign in again to carry on."
            )
        if now - started > settings.SESSION_MAX_HOURS * 3600:
            return (
                f"You were signed out because you signed in more than "
                f"{settings.SESSION_MAX_HOURS} hours ago. Sign in again to carry on."
            )
        if now - seen >= TOUCH_EVERY:
            session[LAST_SEEN] = now
        return ""


class TwoFactorRequired:
    """A member of staff who has given their password but not yet a code from their
    authenticator app (or a recovery code) reaches only the sign-in and two-factor pages: every
    other page sends them to enter a code (or to set the app up, the first time), then back."""

    OPEN = ("/static/", "/api/")  # the API refuses an unverified session itself

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(self.OPEN)
            and request.path not in self._open_pages()
        ):
            from clearpath.platform.accounts import two_factor

            page = (
                "accounts:two-factor"
                if two_factor.is_set_up(user)
                else "accounts:two-factor-set-up"
            )
            target = request.get_full_path() if request.method == "GET" else "/"
            return redirect(f"{reverse(page)}?{urlencode({'next': target})}")
        return self.get_response(request)

    @staticmethod
    def _open_pages() -> set[str]:
        names = ("login", "logout", "two-factor", "two-factor-set-up", "two-factor-codes")
        return {reverse(f"accounts:{n}") for n in names}
