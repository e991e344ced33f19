"""The JSON API's core: authentication, the error answers every endpoint shares, `/me`, and the
mounting of each app's own `router` (its api.py) in journey order.

The endpoints themselves live with their apps, over the same services and access gateway as the
web pages. Every answer is JSON and documented in the OpenAPI schema: errors are `ErrorOut` with
the status codes in schemas.ERRORS/WRITE_ERRORS (api/tests/test_fuzz.py checks this with
schemathesis)."""

import functools

from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseNotAllowed
from django.urls import URLPattern
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from clearpath.appconfig import app_modules
from clearpath.errors import InvalidInput, ServiceError, StaleRecord
from clearpath.platform.api import schemas as s
from clearpath.platform.api.auth import StaffSession, TokenAuth


class ClearpathApi(NinjaAPI):
    """NinjaAPI whose "405 Method Not Allowed" answers are JSON like every other error."""

    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = _json_method_not_allowed(pattern.callback)
        return patterns, app_name, namespace


def _json_method_not_allowed(view):
    @functools.wraps(view)  # keeps `csrf_exempt` and the other view flags
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if not isinstance(response, HttpResponseNotAllowed):
            return response
        allowed = response["Allow"]
        json_response = _error(request, 405, f"This address only accepts {allowed}.")
        json_response["Allow"] = allowed
        return json_response

    return wrapped


api = ClearpathApi(
    title="Clearpath API",
    version="1",
    description=(
        "The personal budgets journey for other systems: people, contacts, assessments, "
        "eligibility, indicative budgets, support plans, decisions, personal budgets and payments. "
        "Authenticate with `Authorization: Bearer <token>` (made with `manage.py create_api_token`)."
    ),
    auth=[TokenAuth(), StaffSession()],
    urls_namespace="api",
)


def _error(request, status: int, detail: str, errors=()):
    return api.create_response(
        request,
        {"detail": detail, "errors": [{"field": f, "message": m} for f, m in errors]},
        status=status,
    )


@api.exception_handler(ValidationError)
def on_validation_error(request, exc):
    def where(loc):
        parts = [str(p) for p in loc if p not in ("body", "payload", "query", "path")]
        return ".".join(parts) or "body"

    errors = [(where(e.get("loc", [])), e.get("msg", "Invalid")) for e in exc.errors]
    return _error(request, 422, "Some of the information is missing or wrong.", errors)


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    if exc.status_code == 400:  # ninja: "Cannot parse request body"
        return _error(
            request, 400, "The request body must be JSON.", [("body", "Send a JSON object")]
        )
    if exc.status_code == 403:  # ninja: "CSRF check Failed" (session cookie without a token)
        return _error(request, 403, "Send the CSRF token with changes made while signed in.")
    return _error(request, exc.status_code, str(exc))


@api.exception_handler(SuspiciousOperation)
def on_unreadable_request(request, exc):
    # e.g. RequestDataTooBig, TooManyFieldsSent: Django would answer an HTML 400.
    return _error(request, 400, "The request could not be read: it is too big or malformed.")


@api.exception_handler(StaleRecord)
def on_stale(request, exc):
    return _error(request, 409, exc.message)


@api.exception_handler(InvalidInput)
def on_invalid_input(request, exc):
    return _error(request, 422, "Some of the information is missing or wrong.", exc.errors)


@api.exception_handler(ServiceError)
def on_service_error(request, exc):
    return _error(request, 422, exc.message, [(exc.field or "body", exc.message)])


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return _error(request, 404, "Not found, or you do not have access to it.")


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return _error(request, 401, "Sign in, or send a valid API token.")


@api.get("/me", response={200: s.MeOut, **s.ERRORS}, tags=["Staff"])
def me(request):
    u = request.auth
    return {
        "username": u.username,
        "name": u.get_full_name(),
        "role": u.role,
        "team": u.team.name if u.team else None,
        "weekly_limit": u.weekly_limit,
    }


# Every app's own endpoints (its api.py `router`), in journey order: apps declare their endpoints
# themselves (clearpath/appconfig.py) instead of this file listing them.
for _app, _module in app_modules("api"):
    if _module.__name__ != __name__:
        api.add_router("", _module.router)
