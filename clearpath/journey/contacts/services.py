"""Recording contacts (requests for support)."""

from datetime import date

from django.db import transaction

from clearpath.journey.contacts.models import Contact
from clearpath.journey.people.models import Person
from clearpath.platform.audit.services import record_event


@transaction.atomic
def record_contact(
    *, person: Person, by, received_on: date, route_of_access: str, summary: str
) -> Contact:
    """Record a request for support and how it reached the council (CLD Request event)."""
    contact = Contact.objects.create(
        person=person,
        received_on=received_on,
        route_of_access=route_of_access,
        summary=summary,
        recorded_by=by,
    )
    record_event(
        actor=by,
        action="contact.recorded",
        obj=contact,
        person=person,
        summary=f"Recorded a contact: {contact.get_route_of_access_display()}",
        changes={"received_on": received_on, "route_of_access": route_of_access},
    )
    return contact
