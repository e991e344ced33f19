"""Raising, routing and answering challenges."""

import threading
from decimal import Decimal

import pytest

from clearpath.errors import InvalidInput, ServiceError
from clearpath.journey.challenges.models import Challenge
from clearpath.journey.challenges.services import (
    answer_challenge,
    raise_challenge,
    reassign_challenge,
    route_for,
)
from clearpath.journey.letters.services import reference_for_calculation
from clearpath.platform.accounts.models import StaffMember
from clearpath.platform.audit.models import AuditEvent
from conftest import _staff
from tests.builders import approved, assessed_person

DETAILS = {
    "raised_by": "representative",
    "raised_by_name": "Ada Okafor",
    "reasons": "Mum needs help twice a day, not once.",
    "what_is_needed": "Two visits a day",
    "contact_by": "email",
    "contact_details": "ada@example.com",
}


def _online(person, **overrides):
    calc = person.budget_calculations.get()
    letter = reference_for_calculation(calculation=calc, by=None)
    return raise_challenge(
        person=person, letter=letter, by=None, channel="online", **{**DETAILS, **overrides}
    )


def test_an_online_challenge_goes_to_the_practitioner_who_assessed_the_person(
    practitioner, manager
):
    person = assessed_person(by=practitioner)
    c = _online(person)
    assert c.assigned_to == practitioner and c.status == "open"
    assert c.amount_challenged == person.budget_calculations.get().weekly_amount
    assert c.what == "indicative" and c.recorded_by is None
    event = AuditEvent.objects.get(action="challenge.raised")
    assert event.person == person and "Priya Tester" in event.summary
    assert c.respond_by > c.received_at.date()


def test_without_the_assessor_it_goes_to_the_least_busy_practitioner_then_the_manager(
    practitioner, manager, north
):
    person = assessed_person(by=manager)  # the manager assessed: not a practitioner
    assert route_for(person) == practitioner
    practitioner.is_active = False
    practitioner.save()
    assert route_for(person) == manager
    second = _staff("pat", StaffMember.Role.PRACTITIONER, north)
    assert route_for(person) == second


def test_a_challenge_needs_reasons_and_a_way_to_reply(practitioner):
    person = assessed_person(by=practitioner)
    with pytest.raises(InvalidInput) as e:
        _online(person, reasons="  ", contact_details="", raised_by="king")
    fields = {f for f, _ in e.value.errors}
    assert fields == {"reasons", "contact_details", "raised_by"}
    assert not Challenge.objects.exists()


def test_staff_of_another_team_cannot_record_one(practitioner, outsider):
    person = assessed_person(by=practitioner)
    with pytest.raises(ServiceError):
        raise_challenge(
            person=person,
            by=outsider,
            calculation=person.budget_calculations.get(),
            channel="phone",
            **DETAILS,
        )


def test_a_final_budget_can_be_challenged(practitioner):
    budget = approved(by=practitioner).personal_budget
    c = raise_challenge(
        person=budget.person, by=practitioner, budget=budget, channel="letter", **DETAILS
    )
    assert c.what == "final" and c.amount_challenged == Decimal("94.50")
    assert c.explained_calculation == budget.plan.budget_calculation


def test_a_budget_of_someone_else_is_refused(practitioner):
    one = assessed_person(by=practitioner)
    other = assessed_person(by=practitioner, first_name="Ann", nhs_number="")
    with pytest.raises(ServiceError, match="someone else"):
        raise_challenge(
            person=one,
            by=practitioner,
            calculation=other.budget_calculations.get(),
            channel="phone",
            **DETAILS,
        )


def test_an_answer_needs_reasons_and_upheld_needs_the_new_amount(practitioner):
    c = _online(assessed_person(by=practitioner))
    with pytest.raises(InvalidInput) as e:
        answer_challenge(challenge=c, by=practitioner, outcome="upheld", reasons="")
    assert {f for f, _ in e.value.errors} == {"reasons", "new_weekly_amount"}
    with pytest.raises(InvalidInput):
        answer_challenge(
            challenge=c, by=practitioner, outcome="not_upheld", reasons="x", new_weekly_amount="5"
        )
    with pytest.raises(InvalidInput):
        answer_challenge(
            challenge=c, by=practitioner, outcome="upheld", reasons="x", new_weekly_amount="-5"
        )
    c.refresh_from_db()
    assert c.is_open


def test_a_challenge_is_answered_once(practitioner, manager):
    c = _online(assessed_person(by=practitioner))
    answer_challenge(
        challenge=c,
        by=practitioner,
        outcome="upheld",
        reasons="We missed the evening visit. The amount goes up.",
        new_weekly_amount="£150.00",
    )
    with pytest.raises(ServiceError, match="already been answered"):
        answer_challenge(challenge=c, by=manager, outcome="not_upheld", reasons="No")
    c.refresh_from_db()
    assert (c.outcome, c.new_weekly_amount, c.answered_by) == (
        "upheld",
        Decimal("150.00"),
        practitioner,
    )
    assert AuditEvent.objects.filter(action="challenge.answered", person=c.person).count() == 1


def test_staff_in_another_team_cannot_answer(practitioner, outsider):
    c = _online(assessed_person(by=practitioner))
    with pytest.raises(ServiceError):
        answer_challenge(challenge=c, by=outsider, outcome="not_upheld", reasons="No")


def test_reassign_only_within_the_persons_team(practitioner, manager, outsider):
    c = _online(assessed_person(by=practitioner))
    reassign_challenge(challenge=c, by=practitioner, to=manager)
    c.refresh_from_db()
    assert c.assigned_to == manager
    with pytest.raises(ServiceError):
        reassign_challenge(challenge=c, by=practitioner, to=outsider)


@pytest.mark.django_db(transaction=True)
def test_two_people_answering_at_once_give_one_answer(practitioner, manager):
    from django.db import OperationalError, close_old_connections, connection

    c = _online(assessed_person(by=practitioner))
    results = []
    barrier = threading.Barrier(2)

    def answer(who):
        try:
            barrier.wait()
            answer_challenge(challenge=c, by=who, outcome="not_upheld", reasons=f"By {who}")
            results.append("ok")
        except (ServiceError, OperationalError):
            results.append("refused")
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=answer, args=(u,)) for u in (practitioner, manager)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(results) == ["ok", "refused"]
    assert Challenge.objects.get(pk=c.pk).status == "answered"


def test_an_upheld_challenge_to_a_final_budget_asks_for_a_review(practitioner):
    budget = approved(by=practitioner).personal_budget
    c = raise_challenge(
        person=budget.person, by=practitioner, budget=budget, channel="letter", **DETAILS
    )
    answer_challenge(
        challenge=c,
        by=practitioner,
        outcome="partly_upheld",
        reasons="The evening visit was missed.",
        new_weekly_amount="120.00",
    )
    review = budget.person.reviews.get(kind="triggered")
    assert review.trigger == "challenge" and review.status == "scheduled"
    assert "£120.00 a week" in review.trigger_details


def test_an_indicative_or_not_upheld_challenge_asks_for_no_review(practitioner):
    budget = approved(by=practitioner).personal_budget
    c = raise_challenge(
        person=budget.person, by=practitioner, budget=budget, channel="letter", **DETAILS
    )
    answer_challenge(challenge=c, by=practitioner, outcome="not_upheld", reasons="It covers it.")
    upheld_indicative = _online(assessed_person(by=practitioner, nhs_number=""))
    answer_challenge(
        challenge=upheld_indicative,
        by=practitioner,
        outcome="upheld",
        reasons="We missed the evening visit.",
        new_weekly_amount="150.00",
    )
    assert not budget.person.reviews.filter(kind="triggered").exists()
    assert not upheld_indicative.person.reviews.exists()
