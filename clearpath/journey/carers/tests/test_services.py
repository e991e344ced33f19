"""Carer's assessment services: start, save, complete (eligibility and the carer budget), audit."""

from decimal import Decimal

import pytest

from clearpath.errors import ServiceError, StaleRecord
from clearpath.journey.carers.models import CarerAssessment, CarerBudget
from clearpath.journey.carers.services import (
    complete_carer_assessment,
    compute_budget,
    missing_answers,
    save_carer_assessment,
    start_carer_assessment,
)
from clearpath.platform.audit.models import AuditEvent
from domain import rulepacks
from tests.builders import add_test_person, carer_assessed

pytestmark = pytest.mark.django_db
CODES = [o.code for o in rulepacks.carer_question_set().outcomes]


def _carer(by):
    return add_test_person(by=by, first_name="Joan", nhs_number="")


def test_start_records_the_pack_and_the_cared_for_person_and_is_audited(practitioner):
    cared_for = add_test_person(by=practitioner)
    carer = _carer(practitioner)
    a = start_carer_assessment(person=carer, by=practitioner, cared_for=cared_for)
    assert a.is_draft and a.question_set_ref == "carer-outcomes@1" and a.cared_for == cared_for
    assert AuditEvent.objects.filter(action="carer_assessment.started", person=carer).count() == 1
    assert start_carer_assessment(person=carer, by=practitioner) == a  # carries on the draft


def test_a_carer_cannot_care_for_themselves(practitioner):
    carer = _carer(practitioner)
    with pytest.raises(ServiceError) as e:
        start_carer_assessment(person=carer, by=practitioner, cared_for=carer)
    assert e.value.field == "cared_for"


def test_every_missing_answer_is_listed_then_none(practitioner):
    a = start_carer_assessment(person=_carer(practitioner), by=practitioner)
    fields = [f for f, _ in missing_answers(a)]
    assert fields == [
        "necessary_care",
        "health_at_risk",
        *[f"{c}_ways" for c in CODES],
        "wellbeing_impact",
        "needs_fluctuate",
    ]
    a = save_carer_assessment(
        assessment=a,
        by=practitioner,
        answers={c: {"none": True} for c in CODES},
        necessary_care=True,
        health_at_risk=True,
        wellbeing_impact=True,
        needs_fluctuate=True,
    )
    assert [f for f, _ in missing_answers(a)] == ["fluctuation"]
    a = save_carer_assessment(assessment=a, by=practitioner, fluctuation="The last year")
    assert missing_answers(a) == []


@pytest.mark.parametrize(
    "answers, field",
    [
        ({"nutrition": {"ways": ["takes_longer"]}}, "nutrition_ways"),
        ({"nutrition": {"ways": ["needs_help"], "none": True}}, "nutrition_ways"),
        ({"hygiene": {"ways": ["needs_help"]}}, "answers"),
        ({"nutrition": {"own_words": "x" * 2001}}, "nutrition_own_words"),
    ],
)
def test_bad_answers_are_refused_naming_the_field(practitioner, answers, field):
    a = start_carer_assessment(person=_carer(practitioner), by=practitioner)
    with pytest.raises(ServiceError) as e:
        save_carer_assessment(assessment=a, by=practitioner, answers=answers)
    assert e.value.field == field


def test_a_stale_save_is_refused(practitioner):
    a = start_carer_assessment(person=_carer(practitioner), by=practitioner)
    save_carer_assessment(assessment=a, by=practitioner, necessary_care=True)
    with pytest.raises(StaleRecord):
        save_carer_assessment(
            assessment=a, by=practitioner, expected_version=a.row_version, necessary_care=False
        )


def test_completing_an_incomplete_assessment_is_refused(practitioner):
    a = start_carer_assessment(person=_carer(practitioner), by=practitioner)
    with pytest.raises(ServiceError) as e:
        complete_carer_assessment(assessment=a, by=practitioner)
    assert e.value.field == "necessary_care"


def test_an_eligible_carer_gets_reasons_citing_reg_3_and_a_budget_snapshot(practitioner):
    a = carer_assessed(
        by=practitioner, ways={"habitable_home": ["needs_help"]}, health_at_risk=True
    )
    assert a.status == CarerAssessment.Status.COMPLETED and a.eligible is True
    assert a.rule == "SI 2015/313 reg 3" and a.allocation_ref == "demo-carer@1"
    assert a.reasons[1].startswith("Condition (b) is met: reg 3(2)(a)")
    assert a.reasons[2].startswith("Condition (b) is met: reg 3(2)(b)(iii)")
    budget = CarerBudget.objects.get(assessment=a)
    assert budget.inputs == {"unable_outcomes": 1, "health_at_risk": True}
    assert (budget.points, budget.band, budget.amount) == (5, "Medium", Decimal("300.00"))
    assert budget.period == "annual" and budget.demo and budget.explanation
    again = compute_budget(model_ref=budget.model_ref, inputs=budget.inputs)
    assert again.amount == budget.amount and list(again.arithmetic) == budget.arithmetic
    actions = set(AuditEvent.objects.filter(person=a.person).values_list("action", flat=True))
    assert {"carer_assessment.completed", "carer_budget.calculated"} <= actions


def test_a_carer_who_is_not_eligible_gets_reasons_and_no_budget(practitioner):
    a = carer_assessed(by=practitioner, ways={}, health_at_risk=False)
    assert a.eligible is False and a.allocation_ref == ""
    assert a.reasons[1].startswith("Condition (b) is not met: reg 3(2)")
    assert not CarerBudget.objects.filter(assessment=a).exists()


def test_fluctuating_needs_are_kept_and_shown_in_the_reasons(practitioner):
    a = carer_assessed(by=practitioner, complete=False)
    save_carer_assessment(
        assessment=a, by=practitioner, needs_fluctuate=True, fluctuation="the last 3 months"
    )
    a = complete_carer_assessment(assessment=a, by=practitioner)
    assert a.reasons[-1] == (
        "Needs fluctuate: considered over the last 3 months "
        "(as recorded in this assessment; reg 3(4))."
    )


def test_a_completed_assessment_never_changes(practitioner):
    a = carer_assessed(by=practitioner)
    with pytest.raises(ServiceError):
        save_carer_assessment(assessment=a, by=practitioner, necessary_care=False)
    with pytest.raises(ServiceError):
        complete_carer_assessment(assessment=a, by=practitioner)
