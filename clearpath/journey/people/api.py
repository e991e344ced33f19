"""People over the API: find, add and read a person, add a representative, the timeline.

`router` is mounted by the API core (clearpath/platform/api); the same forms and access gateway
as the web pages decide what is accepted and who may see whom."""

from datetime import date, datetime

from django.http import Http404
from ninja import Query, Router, Status
from pydantic import BaseModel

from clearpath.journey.people import services
from clearpath.journey.people.access import can_change_people, get_person_for, visible_people
from clearpath.journey.people.forms import PersonForm, RepresentativeForm
from clearpath.platform.api.forms import date_fields, run_form
from clearpath.platform.api.schemas import (
    ERRORS,
    MAX_LIMIT,
    MAX_OFFSET,
    WRITE_ERRORS,
    In,
    Loose,
    clean_text,
)
from clearpath.platform.audit.models import AuditEvent
from clearpath.platform.audit.services import record_bulk_view

router = Router(tags=["People"])


class PersonIn(In):
    first_name: Loose
    last_name: Loose
    date_of_birth: date
    nhs_number: Loose = ""
    address: Loose
    postcode: Loose
    email: Loose = ""
    phone: Loose = ""
    primary_support_reason: Loose
    has_dementia: bool = False
    in_transition: bool = False


class RepresentativeIn(In):
    name: Loose
    kind: Loose
    email: Loose = ""
    phone: Loose = ""


class PersonOut(BaseModel):
    id: int
    reference: str
    first_name: str
    last_name: str
    date_of_birth: date
    nhs_number: str
    address: str
    postcode: str
    email: str
    phone: str
    primary_support_reason: str
    has_dementia: bool
    in_transition: bool
    team: str
    stage: str
    row_version: int


class RepresentativeOut(BaseModel):
    id: int
    name: str
    kind: str
    email: str
    phone: str


class EventOut(BaseModel):
    at: datetime
    action: str
    summary: str
    actor: str | None


def person_out(p) -> dict:
    return PersonOut(
        id=p.pk,
        reference=p.reference,
        first_name=p.first_name,
        last_name=p.last_name,
        date_of_birth=p.date_of_birth,
        nhs_number=p.nhs_number,
        address=p.address,
        postcode=p.postcode,
        email=p.email,
        phone=p.phone,
        primary_support_reason=p.primary_support_reason,
        has_dementia=p.has_dementia,
        in_transition=p.in_transition,
        team=p.team.name,
        stage=p.stage,
        row_version=p.row_version,
    ).model_dump()


def person_form_errors(payload) -> dict:
    data = payload.model_dump()
    data.update(date_fields("date_of_birth", data.pop("date_of_birth")))
    for flag in ("has_dementia", "in_transition"):
        if not data[flag]:
            data.pop(flag)
    return run_form(PersonForm, data)


@router.get("/people", response={200: list[PersonOut], **ERRORS})
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
    q = clean_text(q, field="q")
    if q:
        qs = qs.filter(last_name__istartswith=q) | qs.filter(nhs_number=q.replace(" ", "")[:10])
    found = list(qs[offset : offset + limit])
    if found:
        record_bulk_view(
            actor=request.auth,
            action="people.listed",
            what="the people list (API)",
            people=len(found),
        )
    return [person_out(p) for p in found]


@router.post("/people", response={201: PersonOut, **WRITE_ERRORS})
def add_person(request, payload: PersonIn):
    cleaned = person_form_errors(payload)
    if not getattr(request.auth, "team_id", None) or not can_change_people(request.auth):
        raise Http404
    return Status(201, person_out(services.add_person(by=request.auth, **cleaned)))


@router.get("/people/{person_id}", response={200: PersonOut, **ERRORS})
def get_person(request, person_id: int):
    return person_out(get_person_for(request.auth, person_id))


@router.post(
    "/people/{person_id}/representatives", response={201: RepresentativeOut, **WRITE_ERRORS}
)
def add_representative(request, person_id: int, payload: RepresentativeIn):
    person = get_person_for(request.auth, person_id, write=True)
    rep = services.add_representative(
        person=person, by=request.auth, **run_form(RepresentativeForm, payload.model_dump())
    )
    return Status(
        201,
        {"id": rep.pk, "name": rep.name, "kind": rep.kind, "email": rep.email, "phone": rep.phone},
    )


@router.get("/people/{person_id}/timeline", response={200: list[EventOut], **ERRORS})
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
