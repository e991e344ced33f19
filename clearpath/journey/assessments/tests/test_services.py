"""Assessments: drafts keep everything, completing decides eligibility and the indicative budget."""

import pytest

from clearpath.errors import ServiceError, StaleRecord
from clearpath.journey.assessments.services import (
    missing_answers,
    save_assessment,
    start_assessment,
    submit_assessment,
)
from clearpath.journey.budgets.models import BudgetCalculation
from clearpath.journey.budgets.services import compute
from clearpath.journey.people.models import Person
from clearpath.platform.audit.models import AuditEvent
from tests.builders import add_test_person, answers, assessed_person


def test_a_draft_keeps_partial_answers_and_reports_what_is_missing(practitioner):
    person = add_test_person(by=practitioner)
    a = start_assessment(person=person, by=practitioner, mode="self")
    a = save_assessment(
        assessment=a,
        by=practitioner,
        answers={"hygiene": {"help": "full", "ways": ["needs_help"], "own_words": "Bath is hard"}},
    )
    assert a.answers["hygiene"]["own_words"] == "Bath is hard"
    fields = [f for f, _ in missing_answers(a)]
    assert "hygiene_help" not in fields and "nutrition_help" in fields and "unpaid_care" in fields
    assert (
        start_assessment(person=person, by=practitioner, mode="self") == a
    )  # carries on the draft


def test_an_incomplete_assessment_cannot_be_completed(practitioner):
    a = start_assessment(person=add_test_person(by=practitioner), by=practitioner, mode="self")
    with pytest.raises(ServiceError) as e:
        submit_assessment(assessment=a, by=practitioner)
    assert e.value.field == "needs_arise_from_impairment"


def test_a_stale_draft_is_refused_rather_than_overwritten(practitioner):
    a = start_assessment(person=add_test_person(by=practitioner), by=practitioner, mode="self")
    save_assessment(
        assessment=a, by=practitioner, expected_version=a.row_version, unpaid_care="none"
    )
    with pytest.raises(StaleRecord):
        save_assessment(
            assessment=a, by=practitioner, expected_version=a.row_version, unpaid_care="some"
        )


def test_completing_an_eligible_assessment_works_out_the_indicative_budget(practitioner):
    person = assessed_person(by=practitioner)
    a = person.assessments.get()
    assert a.eligibility.eligible
    assert len(a.eligibility.unable_outcomes) == 3
    calc = BudgetCalculation.objects.get(assessment=a)
    assert calc.weekly_amount > 0 and calc.explanation
    assert person.stage == Person.Stage.PLANNING
    assert (
        AuditEvent.objects.filter(person=person, action="budget.indicative_calculated").count() == 1
    )


def test_a_past_budget_recomputes_exactly_from_its_stored_inputs_and_versions(practitioner):
    calc = assessed_person(by=practitioner).budget_calculations.get()
    result, _ = compute(
        model_ref=calc.model_ref, question_set_ref=calc.question_set_ref, inputs=calc.inputs
    )
    assert result.weekly_amount == calc.weekly_amount and result.points == calc.points


def test_one_unmet_outcome_is_not_eligible_and_gets_no_budget(practitioner):
    person = assessed_person(by=practitioner, levels={"hygiene": "full"})
    assert not person.assessments.get().eligibility.eligible
    assert person.stage == Person.Stage.NOT_ELIGIBLE
    assert not person.budget_calculations.exists()


def test_unknown_answer_codes_are_refused(practitioner):
    a = start_assessment(person=add_test_person(by=practitioner), by=practitioner, mode="self")
    with pytest.raises(ServiceError):
        save_assessment(assessment=a, by=practitioner, answers={"flying": {"help": "full"}})
    with pytest.raises(ServiceError):
        save_assessment(
            assessment=a, by=practitioner, answers={**answers(), "hygiene": {"help": "lots"}}
        )


def test_fluctuating_needs_and_needs_outside_the_points_are_recorded(practitioner):
    from clearpath.journey.assessments.services import (
        save_assessment,
        start_assessment,
        submit_assessment,
    )

    person = add_test_person(by=practitioner)
    a = start_assessment(person=person, by=practitioner, mode="practitioner")
    save_assessment(
        assessment=a,
        by=practitioner,
        answers=answers(hygiene="full", nutrition="a_lot"),
        needs_arise_from_impairment=True,
        wellbeing_impact=True,
        unpaid_care="none",
        needs_fluctuate=True,
        fluctuation_words="  Much worse in a flare-up, about one week a month ",
        outside_ras_needs="Waking night support",
    )
    a.refresh_from_db()
    assert a.needs_fluctuate and a.fluctuation_words.startswith("Much worse")
    submit_assessment(assessment=a, by=practitioner)
    calc = BudgetCalculation.objects.get(assessment=a)
    assert calc.outside_ras and calc.inputs["outside_ras"] is True


def test_overlong_words_about_changing_needs_are_refused_naming_the_field(practitioner):
    from clearpath.journey.assessments.services import save_assessment, start_assessment

    a = start_assessment(person=add_test_person(by=practitioner), by=practitioner, mode="self")
    with pytest.raises(ServiceError) as e:
        save_assessment(assessment=a, by=practitioner, fluctuation_words="x" * 2001)
    assert e.value.field == "fluctuation_words"
