"""The access gateway for people's records: who may see or change whose record.

Every read of a person's record goes through `get_person_for`, which logs the view. Missing and
forbidden records both answer 404, so nobody can learn that a record exists.
"""

from django.db.models import QuerySet
from django.http import Http404

from clearpath.appconfig import provided
from clearpath.journey.people.models import Person
from clearpath.platform.accounts.models import StaffMember
from clearpath.platform.audit.services import record_view

Role = StaffMember.Role
CASEWORK_ROLES = (Role.PRACTITIONER, Role.TEAM_MANAGER)


def visible_people(user) -> QuerySet[Person]:
    """The people this member of staff may see, by role and team (least privilege)."""
    if not getattr(user, "is_authenticated", False):
        return Person.objects.none()
    people = Person.objects.all()
    if user.role in CASEWORK_ROLES:
        return people.filter(team_id=user.team_id) if user.team_id else people.none()
    if user.role == Role.PANEL_MEMBER:  # the sign-off stage says whose plans wait for the panel
        return provided("panel_people")(people)
    if user.role == Role.FINANCE_OFFICER:  # the budgets stage says who has a personal budget
        return provided("finance_people")(people)
    return people.none()


def can_change_people(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.role in CASEWORK_ROLES


def get_person_for(user, person_id, *, write: bool = False, what: str = "record") -> Person:
    """The person, if this user may see it (and change it, when `write`); logs the view. Else 404."""
    if write and not can_change_people(user):
        raise Http404("No such person")
    try:
        person = visible_people(user).select_related("team").get(pk=int(person_id))
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404("No such person") from None
    record_view(actor=user, person=person, what=what)
    return person


def get_record_for(user, model, record_id, *, write: bool = False, what: str, related=()):
    """A record that belongs to a person (assessment, plan, decision...), through the person's gateway.

    Same 404 for missing and forbidden; the view of the person's record is logged."""
    try:
        person_id = model.objects.values_list("person_id", flat=True).get(pk=int(record_id))
    except (model.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404(f"No such {what}") from None
    person = get_person_for(user, person_id, write=write, what=what)
    record = model.objects.select_related(*related).get(pk=int(record_id))
    record.person = person
    return record
