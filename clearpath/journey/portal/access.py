"""Who is signed in to the portal, and what they may see (within the person's consent)."""

from functools import wraps

from django.shortcuts import redirect, render
from django.utils import timezone

from clearpath.journey.portal.models import PortalAccount
from clearpath.journey.portal.services import access_for, log_access

SESSION_KEY = "portal_account_id"


def signed_in_account(request) -> PortalAccount | None:
    account_id = request.session.get(SESSION_KEY)
    if not account_id:
        return None
    return PortalAccount.objects.select_related("person").filter(pk=account_id, active=True).first()


def portal_view(scope: str | None = None, what: str = ""):
    """Portal pages: signed in by a one-time link; a helper needs the person's consent for
    `scope`, and every page a helper opens is logged for the person to see."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            account = signed_in_account(request)
            if account is None:
                return redirect("portal:sign-in")
            access = access_for(account, today=timezone.localdate())
            request.portal = access
            if scope and not access.can(scope):
                log_access(access=access, what=f"Tried to open: {what or scope}", allowed=False)
                return render(
                    request,
                    "portal/no_access.html",
                    {"access": access, "what": what},
                    status=403,
                )
            log_access(access=access, what=what or view.__name__.replace("_", " "))
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
