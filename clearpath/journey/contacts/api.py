"""First contacts over the API: record that a person got in touch, and how.

`router` is mounted by the API core (clearpath/platform/api); the web page's form decides what is
accepted, the people stage's gateway who may record it."""

from datetime import date

from ninja import Router, Status
from pydantic import BaseModel

from clearpath.journey.contacts.forms import ContactForm
from clearpath.journey.contacts.services import record_contact
from clearpath.journey.people.access import get_person_for
from clearpath.platform.api.forms import date_fields, run_form
from clearpath.platform.api.schemas import WRITE_ERRORS, In, Loose

router = Router(tags=["Contacts"])


class ContactIn(In):
    received_on: date
    route_of_access: Loose
    summary: Loose


class ContactOut(BaseModel):
    id: int
    received_on: date
    route_of_access: str
    summary: str


@router.post("/people/{person_id}/contacts", response={201: ContactOut, **WRITE_ERRORS})
def add_contact(request, person_id: int, payload: ContactIn):
    person = get_person_for(request.auth, person_id, write=True)
    data = payload.model_dump()
    data.update(date_fields("received_on", data.pop("received_on")))
    contact = record_contact(person=person, by=request.auth, **run_form(ContactForm, data))
    return Status(
        201,
        {
            "id": contact.pk,
            "received_on": contact.received_on,
            "route_of_access": contact.route_of_access,
            "summary": contact.summary,
        },
    )
