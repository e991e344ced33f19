"""State changes for people and their representatives."""

from datetime import date

from django.db import transaction

from clearpath.errors import ServiceError, StaleRecord
from clearpath.journey.people.models import Person, Representative
from clearpath.platform.audit.services import record_event


@transaction.atomic
def add_person(
    *,
    by,
    first_name: str,
    last_name: str,
    date_of_birth: date,
    nhs_number: str,
    address: str,
    postcode: str,
    primary_support_reason: str,
    email: str = "",
    phone: str = "",
    has_dementia: bool = False,
    in_transition: bool = False,
    team=None,
    gender: str = "",
    ethnicity: str = "",
    accommodation_status: str = "",
    employment_status: str = "",
) -> Person:
    """Record a person new to the service, on the caseload of the adding practitioner's team."""
    team = team or by.team
    if team is None:
        raise ServiceError("You need to be in a team to add a person.", field="team")
    if nhs_number and Person.objects.filter(nhs_number=nhs_number).exists():
        raise ServiceError(
            "A person with this NHS number is already recorded. Search for them instead.",
            field="nhs_number",
        )
    person = Person.objects.create(
        first_name=first_name,
        last_name=last_name,
        date_of_birth=date_of_birth,
        nhs_number=nhs_number,
        address=address,
        postcode=postcode,
        email=email,
        phone=phone,
        primary_support_reason=primary_support_reason,
        has_dementia=has_dementia,
        in_transition=in_transition,
        team=team,
        gender=gender,
        ethnicity=ethnicity,
        accommodation_status=accommodation_status,
        employment_status=employment_status,
    )
    record_event(
        actor=by,
        action="person.added",
        obj=person,
        person=person,
        summary=f"Added {person.full_name} to {team.name}'s caseload",
        changes={"team": team.name, "primary_support_reason": primary_support_reason},
    )
    return person


RETURN_DETAILS = {
    "gender": "genders",
    "ethnicity": "ethnicities",
    "accommodation_status": "accommodation_statuses",
    "employment_status": "employment_statuses",
}


@transaction.atomic
def update_return_details(*, by, person: Person, expected_version: int, **details: str) -> Person:
    """Record the person's details for the statutory return (gender, ethnic group, where they live,
    work). Codes not in the active cld_return lists are refused; a stale form is refused."""
    from domain import rulepacks

    lists = rulepacks.cld_return().lists
    for name, value in details.items():
        if name not in RETURN_DETAILS:
            raise ServiceError(f"'{name}' is not a detail for the statutory return", field=name)
        if value and value not in {c.code for c in lists[RETURN_DETAILS[name]]}:
            raise ServiceError("Choose one of the options listed", field=name)
    person = Person.objects.select_for_update().get(pk=person.pk)
    if expected_version != person.row_version:
        raise StaleRecord("person")
    changes = {k: v for k, v in details.items() if getattr(person, k) != v}
    for name, value in changes.items():
        setattr(person, name, value)
    if changes:
        person.row_version += 1
        person.save(update_fields=[*changes, "row_version", "updated_at"])
        record_event(
            actor=by,
            action="person.return_details_changed",
            obj=person,
            person=person,
            summary=f"Updated {person.full_name}'s details for the statutory return",
            changes=changes,
        )
    return person


@transaction.atomic
def add_representative(
    *, person: Person, by, name: str, kind: str, email: str = "", phone: str = ""
) -> Representative:
    """Record someone the person has chosen to represent them."""
    rep = Representative.objects.create(
        person=person, name=name, kind=kind, email=email, phone=phone
    )
    record_event(
        actor=by,
        action="representative.added",
        obj=rep,
        person=person,
        summary=f"Added {name} ({rep.get_kind_display().lower()}) as a representative",
        changes={"name": name, "kind": kind},
    )
    return rep


def set_stage(person: Person, stage: str) -> None:
    """Move the person's case to a new stage of the journey (called inside other services)."""
    if person.stage != stage:
        Person.objects.filter(pk=person.pk).update(stage=stage)
        person.stage = stage
