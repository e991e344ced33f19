"""The synthetic council (seed_council): deterministic, valid, recomputable, every stage, and written
as the services would have written it."""

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from clearpath.demo.council import load_demo_council
from clearpath.journey.approvals.models import Decision
from clearpath.journey.approvals.services import route_for
from clearpath.journey.budgets.models import BudgetCalculation, PersonalBudget
from clearpath.journey.budgets.services import compute, ras_inputs
from clearpath.journey.people.models import Person
from clearpath.journey.plans.models import SupportPlan
from clearpath.platform.audit.models import AuditEvent
from domain.nhs_number import is_valid_nhs_number

TODAY = date(2026, 11, 2)
PEOPLE = 60

# The audit actions each stage leaves, in order, as the services write them (representatives aside).
_ASSESSED = ["person.added", "contact.recorded", "assessment.started", "assessment.saved"]
_PLANNED = _ASSESSED + [
    "assessment.submitted",
    "budget.indicative_calculated",
    "plan.started",
    "plan.saved",
]
_DECIDING = _PLANNED + ["plan.submitted", "decision.opened"]
_APPROVED = _DECIDING + ["decision.approved", "personal_budget.created"]
JOURNEYS = {
    "contact": [_ASSESSED[:2]],
    "assessment": [_ASSESSED],
    "not_eligible": [_ASSESSED + ["assessment.submitted"]],
    "planning": [_PLANNED, _DECIDING + ["decision.returned"]],
    "decision": [_DECIDING],
    "budget": [
        _APPROVED + ["payments.scheduled", "review.scheduled"],  # direct payment
        _APPROVED + ["review.scheduled"],  # council-managed
    ],
}


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The council's ~20 sign-ins are hashed with a quick hasher (tests only)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seed(people=PEOPLE, seed=7, **options):
    call_command(
        "seed_council", people=people, seed=seed, today=TODAY, stdout=StringIO(), **options
    )


def snapshot() -> dict:
    return {
        "people": sorted(
            Person.objects.values_list(
                "first_name", "last_name", "nhs_number", "date_of_birth", "postcode", "stage"
            )
        ),
        "budgets": sorted(
            BudgetCalculation.objects.values_list("person__nhs_number", "weekly_amount", "inputs")
        ),
        "personal_budgets": sorted(
            PersonalBudget.objects.values_list("person__nhs_number", "weekly_gross", "starts_on")
        ),
        "timeline": sorted(
            AuditEvent.objects.filter(person__isnull=False).values_list(
                "person__nhs_number", "at", "action", "summary"
            )
        ),
    }


def fresh_run(seed_number: int) -> dict:
    """Seed an empty council, take a snapshot, then roll it all back."""

    class Undo(Exception):
        pass

    try:
        with transaction.atomic():
            seed(seed=seed_number)
            taken = snapshot()
            raise Undo
    except Undo:
        assert not Person.objects.exists()
        return taken


def journey(person) -> list[str]:
    return [
        e.action
        for e in person.audit_events.order_by("at", "id")
        if e.action != "representative.added"
    ]


def test_the_same_seed_gives_the_same_council_and_another_seed_another(db):
    first, again, other = fresh_run(7), fresh_run(7), fresh_run(8)
    assert len(first["people"]) == PEOPLE
    assert first == again
    assert first["people"] != other["people"]


def test_every_nhs_number_is_valid_and_used_once(db):
    seed()
    numbers = list(Person.objects.values_list("nhs_number", flat=True))
    assert len(numbers) == PEOPLE == len(set(numbers))
    assert all(is_valid_nhs_number(n) for n in numbers)


def test_every_stage_is_there_in_the_planned_mix(db):
    seed()
    stages = Counter(Person.objects.values_list("stage", flat=True))
    assert set(stages) == set(Person.Stage.values)
    assert stages["budget"] > stages["decision"] >= 1


def test_budgets_recompute_exactly_from_their_stored_inputs_and_versions(db):
    seed()
    calcs = BudgetCalculation.objects.select_related("assessment")
    assert calcs.exists()
    for calc in calcs:
        assert calc.inputs == ras_inputs(calc.assessment)
        result, changes = compute(
            model_ref=calc.model_ref, question_set_ref=calc.question_set_ref, inputs=calc.inputs
        )
        assert (result.points, result.weekly_amount, result.annual_amount) == (
            calc.points,
            calc.weekly_amount,
            calc.annual_amount,
        )
        assert (list(result.explanation), list(changes)) == (
            calc.explanation,
            calc.what_would_change,
        )
    for budget in PersonalBudget.objects.select_related("plan"):
        lines = sum(line.weekly_cost for line in budget.plan.lines.all())
        assert budget.weekly_gross == budget.plan.weekly_total == lines


def test_the_services_write_the_journeys_the_seed_writes(db):
    """The expected journeys hold for people walked through the real services (the demo)..."""
    load_demo_council(people=12, seed=1, today=TODAY)
    for person in Person.objects.all():
        assert journey(person) in JOURNEYS[person.stage], person.stage


def test_seeded_people_have_the_journeys_routes_and_pages_the_services_give(db, client):
    """...and for every seeded person, with decisions routed as approvals.route_for routes them."""
    seed()
    for person in Person.objects.all():
        assert journey(person) in JOURNEYS[person.stage], person.stage
    for decision in Decision.objects.select_related("plan__person", "submitted_by"):
        route = route_for(
            plan=decision.plan,
            practitioner=decision.submitted_by,
            today=timezone.localdate(decision.submitted_at),
        )
        assert (route.route, list(route.reasons)) == (decision.route, decision.reasons)
    assert SupportPlan.objects.filter(status="approved").count() == PersonalBudget.objects.count()

    person = Person.objects.filter(stage="budget").first()
    client.force_login(person.team.staff.get(role="team_manager"))
    for name in ("people:person-detail", "people:person-timeline"):
        assert client.get(reverse(name, args=[person.pk])).status_code == 200


def test_it_refuses_a_council_that_has_people_unless_appending(db):
    seed(people=10)
    with pytest.raises(CommandError, match="already has 10 people"):
        seed(people=10)
    seed(people=10, seed=8, append=True)
    numbers = list(Person.objects.values_list("nhs_number", flat=True))
    assert len(numbers) == 20 == len(set(numbers))
