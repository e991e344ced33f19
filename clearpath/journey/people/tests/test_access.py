"""The access gateway: team and role based, 404 for missing and forbidden alike, views logged."""

import pytest
from django.http import Http404

from clearpath.journey.people.access import get_person_for, visible_people
from clearpath.platform.audit.models import AuditEvent
from tests.builders import add_test_person, submitted


def test_a_practitioner_sees_their_teams_people_and_the_view_is_logged(practitioner):
    person = add_test_person(by=practitioner)
    assert get_person_for(practitioner, person.pk) == person
    view = AuditEvent.objects.get(kind="view")
    assert (view.actor, view.person) == (practitioner, person)


@pytest.mark.parametrize("who", ["outsider", "panel_member", "finance_officer", "administrator"])
def test_people_outside_the_team_get_the_same_404_as_a_missing_record(request, practitioner, who):
    person = add_test_person(by=practitioner)
    user = request.getfixturevalue(who)
    with pytest.raises(Http404) as forbidden:
        get_person_for(user, person.pk)
    with pytest.raises(Http404) as missing:
        get_person_for(user, 999999)
    assert str(forbidden.value) == str(missing.value)
    assert not AuditEvent.objects.filter(kind="view").exists()


def test_a_panel_member_sees_only_people_whose_plans_are_with_the_panel(practitioner, panel_member):
    from clearpath.platform.accounts.models import StaffMember

    StaffMember.objects.filter(pk=practitioner.pk).update(weekly_limit=0)
    practitioner.refresh_from_db()
    ordinary = add_test_person(by=practitioner, nhs_number="9912003888")
    decision = submitted(by=practitioner, primary_support_reason="mental_health")
    assert decision.route == "panel"
    assert list(visible_people(panel_member)) == [decision.person]
    assert ordinary not in visible_people(panel_member)


def test_only_caseworkers_may_change_a_record(practitioner, finance_officer):
    person = add_test_person(by=practitioner)
    with pytest.raises(Http404):
        get_person_for(finance_officer, person.pk, write=True)
    assert get_person_for(practitioner, person.pk, write=True) == person
