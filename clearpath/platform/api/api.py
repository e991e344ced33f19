"""The JSON API: the same journey as the web pages, over the same services and access gateway.

Every answer is JSON and documented in the OpenAPI schema: errors are `ErrorOut` with the status
codes in `ERRORS`/`WRITE_ERRORS` (api/tests/test_fuzz.py checks this with schemathesis).
"""

import functools

from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseNotAllowed
from django.urls import URLPattern
from django.utils import timezone
from ninja import NinjaAPI, Query, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError

from clearpath.appconfig import app_modules
from clearpath.errors import InvalidInput, ServiceError, StaleRecord
from clearpath.journey.approvals import services as approvals
from clearpath.journey.approvals.access import decision_queue, get_decision_for
from clearpath.journey.approvals.services import route_for
from clearpath.journey.assessments import services as assessments
from clearpath.journey.assessments.access import get_assessment_for
from clearpath.journey.contacts.services import record_contact
from clearpath.journey.people import services as people
from clearpath.journey.people.access import get_person_for, visible_people
from clearpath.journey.plans import services as plans
from clearpath.journey.plans.access import get_plan_for
from clearpath.platform.api import schemas as s
from clearpath.platform.api.auth import StaffSession, TokenAuth
from clearpath.platform.api.convert import (
    assessment_out,
    budget_out,
    decision_out,
    person_out,
    plan_out,
)
from clearpath.platform.api.forms import (
    contact_form_errors,
    person_form_errors,
    plan_total_errors,
    representative_form_errors,
)
from clearpath.platform.audit.models import AuditEvent


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
# 400: the request could not be read (body not JSON, too big); 401: no valid token or session;
# 404: missing or not yours; 409: stale row_version; 422: the input was refused (field errors).
ERRORS = {code: s.ErrorOut for code in (400, 401, 404, 409, 422)}
# Changes can also be refused with 403 when a signed-in browser session omits the CSRF token.
WRITE_ERRORS = {**ERRORS, 403: s.ErrorOut}
# Bounds on paging through lists: validated (422), never silently changed.
MAX_LIMIT = 200
MAX_OFFSET = 1_000_000


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


@api.get("/me", response={200: s.MeOut, **ERRORS}, tags=["Staff"])
def me(request):
    u = request.auth
    return {
        "username": u.username,
        "name": u.get_full_name(),
        "role": u.role,
        "team": u.team.name if u.team else None,
        "weekly_limit": u.weekly_limit,
    }


@api.get("/people", response={200: list[s.PersonOut], **ERRORS}, tags=["People"])
def list_people(
    request,
    q: str = Query("", max_length=100),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
):
    """People in your caseload, by last name; `q` finds a last name's start or an NHS number."""
    qs = (
        visible_people(request.auth)
        .select_related("team")
        .order_by("last_name", "first_name", "id")
    )
    q = s.clean_text(q, field="q")
    if q:
        qs = qs.filter(last_name__istartswith=q) | qs.filter(nhs_number=q.replace(" ", "")[:10])
    return [person_out(p) for p in qs[offset : offset + limit]]


@api.post("/people", response={201: s.PersonOut, **WRITE_ERRORS}, tags=["People"])
def add_person(request, payload: s.PersonIn):
    cleaned = person_form_errors(payload)
    if not getattr(request.auth, "team_id", None) or request.auth.role not in (
        "practitioner",
        "team_manager",
    ):
        raise Http404
    return Status(201, person_out(people.add_person(by=request.auth, **cleaned)))


@api.get("/people/{person_id}", response={200: s.PersonOut, **ERRORS}, tags=["People"])
def get_person(request, person_id: int):
    return person_out(get_person_for(request.auth, person_id))


@api.post(
    "/people/{person_id}/representatives",
    response={201: s.RepresentativeOut, **WRITE_ERRORS},
    tags=["People"],
)
def add_representative(request, person_id: int, payload: s.RepresentativeIn):
    person = get_person_for(request.auth, person_id, write=True)
    rep = people.add_representative(
        person=person, by=request.auth, **representative_form_errors(payload)
    )
    return Status(
        201,
        {"id": rep.pk, "name": rep.name, "kind": rep.kind, "email": rep.email, "phone": rep.phone},
    )


@api.post(
    "/people/{person_id}/contacts", response={201: s.ContactOut, **WRITE_ERRORS}, tags=["Contacts"]
)
def add_contact(request, person_id: int, payload: s.ContactIn):
    person = get_person_for(request.auth, person_id, write=True)
    contact = record_contact(person=person, by=request.auth, **contact_form_errors(payload))
    return Status(
        201,
        {
            "id": contact.pk,
            "received_on": contact.received_on,
            "route_of_access": contact.route_of_access,
            "summary": contact.summary,
        },
    )


@api.post(
    "/people/{person_id}/assessments",
    response={201: s.AssessmentOut, **WRITE_ERRORS},
    tags=["Assessments"],
)
def start_assessment(request, person_id: int, payload: s.AssessmentStartIn):
    person = get_person_for(request.auth, person_id, write=True)
    a = assessments.start_assessment(person=person, by=request.auth, mode=payload.mode)
    return Status(201, assessment_out(a, assessments.missing_answers(a)))


@api.get(
    "/assessments/{assessment_id}", response={200: s.AssessmentOut, **ERRORS}, tags=["Assessments"]
)
def get_assessment(request, assessment_id: int):
    a = get_assessment_for(request.auth, assessment_id)
    return assessment_out(a, assessments.missing_answers(a) if a.is_draft else ())


@api.patch(
    "/assessments/{assessment_id}",
    response={200: s.AssessmentOut, **WRITE_ERRORS},
    tags=["Assessments"],
)
def save_assessment(request, assessment_id: int, payload: s.AssessmentAnswersIn):
    a = get_assessment_for(request.auth, assessment_id, write=True)
    data = payload.model_dump(exclude={"row_version"})
    a = assessments.save_assessment(
        assessment=a, by=request.auth, expected_version=payload.row_version, **data
    )
    return assessment_out(a, assessments.missing_answers(a))


@api.post(
    "/assessments/{assessment_id}/submit",
    response={200: s.AssessmentOut, **WRITE_ERRORS},
    tags=["Assessments"],
)
def submit_assessment(request, assessment_id: int):
    a = get_assessment_for(request.auth, assessment_id, write=True)
    return assessment_out(assessments.submit_assessment(assessment=a, by=request.auth))


@api.post(
    "/people/{person_id}/plans", response={201: s.PlanOut, **WRITE_ERRORS}, tags=["Support plans"]
)
def start_plan(request, person_id: int):
    person = get_person_for(request.auth, person_id, write=True)
    return Status(201, plan_out(plans.start_plan(person=person, by=request.auth)))


@api.get("/plans/{plan_id}", response={200: s.PlanOut, **ERRORS}, tags=["Support plans"])
def get_plan(request, plan_id: int):
    return plan_out(get_plan_for(request.auth, plan_id))


@api.put("/plans/{plan_id}", response={200: s.PlanOut, **WRITE_ERRORS}, tags=["Support plans"])
def update_plan(request, plan_id: int, payload: s.PlanIn):
    plan = get_plan_for(request.auth, plan_id, write=True)
    plan_total_errors(payload)
    data = payload.model_dump()
    plan = plans.update_plan(
        plan=plan, by=request.auth, expected_version=data.pop("row_version"), **data
    )
    return plan_out(plan)


@api.get("/plans/{plan_id}/route", response={200: s.RouteOut, **ERRORS}, tags=["Support plans"])
def preview_route(request, plan_id: int):
    """Who would decide this plan if it were submitted now, and why."""
    plan = get_plan_for(request.auth, plan_id)
    r = route_for(plan=plan, practitioner=request.auth, today=timezone.localdate())
    return {
        "route": r.route,
        "reasons": list(r.reasons),
        "triggers": list(r.triggers),
        "policy_ref": r.policy_ref,
    }


@api.post(
    "/plans/{plan_id}/submit", response={201: s.DecisionOut, **WRITE_ERRORS}, tags=["Support plans"]
)
def submit_plan(request, plan_id: int):
    plan = get_plan_for(request.auth, plan_id, write=True)
    return Status(201, decision_out(plans.submit_plan(plan=plan, by=request.auth)))


@api.get("/decisions", response={200: list[s.DecisionOut], **ERRORS}, tags=["Decisions"])
def list_decisions(request):
    return [
        decision_out(d) for d in decision_queue(request.auth).order_by("submitted_at", "id")[:200]
    ]


@api.get("/decisions/{decision_id}", response={200: s.DecisionOut, **ERRORS}, tags=["Decisions"])
def get_decision(request, decision_id: int):
    return decision_out(get_decision_for(request.auth, decision_id))


@api.post(
    "/decisions/{decision_id}/approve",
    response={200: s.DecisionOut, **WRITE_ERRORS},
    tags=["Decisions"],
)
def approve(request, decision_id: int, payload: s.ApproveIn):
    d = get_decision_for(request.auth, decision_id)
    return decision_out(
        approvals.approve_plan(
            decision=d, by=request.auth, note=payload.note, expected_version=payload.row_version
        )
    )


@api.post(
    "/decisions/{decision_id}/return",
    response={200: s.DecisionOut, **WRITE_ERRORS},
    tags=["Decisions"],
)
def return_for_changes(request, decision_id: int, payload: s.ReturnIn):
    d = get_decision_for(request.auth, decision_id)
    return decision_out(
        approvals.return_plan(
            decision=d, by=request.auth, reason=payload.reason, expected_version=payload.row_version
        )
    )


@api.get(
    "/people/{person_id}/personal-budget",
    response={200: s.PersonalBudgetOut, **ERRORS},
    tags=["Personal budgets"],
)
def personal_budget(request, person_id: int):
    person = get_person_for(request.auth, person_id, what="personal budget")
    budget = person.personal_budgets.select_related("payment_schedule").first()
    if budget is None:
        raise Http404
    return budget_out(budget)


@api.get(
    "/people/{person_id}/timeline", response={200: list[s.EventOut], **ERRORS}, tags=["People"]
)
def timeline(request, person_id: int):
    person = get_person_for(request.auth, person_id, what="timeline")
    events = (
        AuditEvent.objects.filter(person=person, kind=AuditEvent.Kind.CHANGE)
        .select_related("actor")
        .order_by("at", "id")
    )
    return [
        {
            "at": e.at,
            "action": e.action,
            "summary": e.summary,
            "actor": e.actor.get_full_name() if e.actor else None,
        }
        for e in events
    ]


# Every other app's own endpoints (its api.py `router`), in journey order: apps declare their
# endpoints themselves (clearpath/appconfig.py) instead of this file listing them.
for _app, _module in app_modules("api"):
    if _module.__name__ != __name__:
        api.add_router("", _module.router)
