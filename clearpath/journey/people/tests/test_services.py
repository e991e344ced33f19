"""Adding people and representatives: outcomes, audit rows and refusals."""

import pytest

from clearpath.errors import ServiceError
from clearpath.journey.people.services import add_representative
from clearpath.platform.audit.models import AuditEvent
from tests.builders import add_test_person


def test_adding_a_person_puts_them_on_the_practitioners_team_and_audits_it(practitioner):
    person = add_test_person(by=practitioner)
    assert person.team == practitioner.team
    event = AuditEvent.objects.get(action="person.added")
    assert (event.actor, event.person, event.object_id) == (practitioner, person, str(person.pk))


def test_the_same_nhs_number_cannot_be_added_twice(practitioner):
    add_test_person(by=practitioner)
    with pytest.raises(ServiceError) as e:
        add_test_person(by=practitioner, first_name="Another")
    assert e.value.field == "nhs_number"


def test_a_representative_is_recorded_with_an_audit_row(practitioner):
    person = add_test_person(by=practitioner)
    rep = add_representative(person=person, by=practitioner, name="Ada Okafor", kind="family")
    assert list(person.representatives.all()) == [rep]
    assert AuditEvent.objects.filter(action="representative.added", person=person).count() == 1
