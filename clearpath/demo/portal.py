"""Demo portal access: one demo person at the planning stage and a helper they chose (demo
addresses under .invalid; links go to the local outbox). Safe to re-run."""

from datetime import timedelta

from clearpath.journey.people.models import Person
from clearpath.journey.portal import services
from clearpath.journey.portal.models import PortalAccount

DEMO_PERSON_EMAIL = "person@demo.invalid"
DEMO_HELPER_EMAIL = "helper@demo.invalid"


def load_demo_portal(*, today) -> PortalAccount | None:
    if PortalAccount.objects.filter(email=DEMO_PERSON_EMAIL).exists():
        return None
    person = Person.objects.filter(stage=Person.Stage.PLANNING).order_by("pk").first()
    if person is None:
        return None
    me = services.create_account(
        person=person,
        role="person",
        name=person.full_name,
        email=DEMO_PERSON_EMAIL,
        created_by_name="Demo loader",
    )
    services.add_helper(
        by=me,
        name="Demo Helper",
        email=DEMO_HELPER_EMAIL,
        phone="",
        relationship="friend (demo)",
        scopes=["assessment", "budget", "plan", "documents", "messages"],
        expires_on=today + timedelta(days=180),
        today=today,
    )
    return me
