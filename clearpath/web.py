"""Small helpers shared by the thin web views."""

from django.conf import settings
from django.contrib.auth.decorators import login_required

from clearpath.errors import InvalidInput, ServiceError


def apply_service_error(form, error: ServiceError) -> None:
    """Show a refused state change on the form, against the field it concerns where there is one;
    for InvalidInput, every problem it lists."""
    problems = error.errors if isinstance(error, InvalidInput) else [(error.field, error.message)]
    for name, message in problems:
        form.add_error(name if name in form.fields else None, message)


staff_required = login_required


def client_address(request) -> str:
    """The address the request came from. Behind TRUSTED_PROXY_COUNT proxies (load balancers),
    the address the nearest of them saw, from X-Forwarded-For; never a value a client could set
    by sending its own header. Used by the sign-in lock-out and every per-address limit."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= proxies:
            return hops[-proxies][:45]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def client_ip_for_axes(request) -> str | None:
    """The same address for django-axes, which stores it as an IP address: None if unknown (a
    sign-in made by code, as the tests' force_login does, has no address)."""
    address = client_address(request)
    return None if address == "unknown" else address
