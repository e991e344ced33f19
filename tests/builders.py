"""Test data made by calling the real services, so tests exercise the same paths as users."""

from datetime import date
from decimal import Decimal

from clearpath.journey.approvals.services import approve_plan
from clearpath.journey.assessments.services import (
    save_assessment,
    start_assessment,
    submit_assessment,
)
from clearpath.journey.contacts.services import record_contact
from clearpath.journey.people.services import add_person
from clearpath.journey.plans.services import start_plan, submit_plan, update_plan
from domain import rulepacks

PERSONAL_CARE = "physical_personal_care"


def add_test_person(*, by, **overrides):
    details = {
        "first_name": "Margaret",
        "last_name": "Okafor",
        "date_of_birth": date(1948, 5, 12),
        "nhs_number": "9434765919",
        "address": "14 Mill Lane\nLeeds",
        "postcode": "LS1 4AP",
        "primary_support_reason": rulepacks.codes().primary_support_reasons[1].code,
    }
    details.update(overrides)
    person = add_person(by=by, **details)
    record_contact(
        person=person,
        by=by,
        received_on=date(2026, 10, 1),
        route_of_access="self",
        summary="Asked for help with washing.",
    )
    return person


def answers(**levels) -> dict:
    """Help levels by outcome code; every other outcome is answered 'none'."""
    qs = rulepacks.question_set()
    return {
        o.code: {
            "help": levels.get(o.code, "none"),
            "ways": ["needs_help"] if levels.get(o.code, "none") != "none" else [],
            "own_words": "",
        }
        for o in qs.outcomes
    }


def assessed_person(*, by, levels=None, eligible=True, unpaid_care="none", **person):
    """A person with a completed assessment (eligible by default) and so an indicative budget."""
    p = add_test_person(by=by, **person)
    a = start_assessment(person=p, by=by, mode="supported")
    levels = levels or {"nutrition": "a_lot", "hygiene": "full", "clothing": "some"}
    save_assessment(
        assessment=a,
        by=by,
        answers=answers(**levels),
        needs_arise_from_impairment=True,
        wellbeing_impact=eligible,
        unpaid_care=unpaid_care,
    )
    submit_assessment(assessment=a, by=by)
    p.refresh_from_db()
    return p


def planned(*, by, person, weekly: str = "94.50", deployment: str = "direct_payment"):
    """A saved draft plan costing `weekly` a week in one line."""
    plan = start_plan(person=person, by=by)
    return update_plan(
        plan=plan,
        by=by,
        expected_version=plan.row_version,
        led_by="person",
        what_matters="Staying at home",
        deployment=deployment,
        outcomes=["Have a bath every other day"],
        lines=[
            {
                "description": "Personal assistant",
                "unit_cost": Decimal(weekly),
                "quantity": Decimal("1"),
                "frequency": "weekly",
            }
        ],
    )


def submitted(*, by, weekly: str = "94.50", **kw):
    person = assessed_person(by=by, **kw)
    plan = planned(by=by, person=person, weekly=weekly)
    return submit_plan(plan=plan, by=by)


def approved(*, by, decider=None, **kw):
    decision = submitted(by=by, **kw)
    return approve_plan(decision=decision, by=decider or by, starts_on=date(2026, 11, 2))


def carer_assessed(*, by, ways=None, health_at_risk=False, wellbeing=True, complete=True, **person):
    """A carer (a person record) with a carer's assessment; `ways` maps outcome -> reg 3(3) ways,
    every other outcome is answered 'can do this'. Completed (so decided) unless complete=False."""
    from clearpath.journey.carers.services import (
        complete_carer_assessment,
        save_carer_assessment,
        start_carer_assessment,
    )

    details = {"first_name": "Joan", "last_name": "Okafor", "nhs_number": "", **person}
    carer = add_test_person(by=by, **details)
    a = start_carer_assessment(person=carer, by=by)
    ways = {"habitable_home": ["needs_help"]} if ways is None else ways
    answers = {
        o.code: {"ways": ways.get(o.code, []), "none": not ways.get(o.code), "own_words": ""}
        for o in rulepacks.carer_question_set().outcomes
    }
    a = save_carer_assessment(
        assessment=a,
        by=by,
        answers=answers,
        necessary_care=True,
        health_at_risk=health_at_risk,
        wellbeing_impact=wellbeing,
        needs_fluctuate=False,
    )
    return complete_carer_assessment(assessment=a, by=by) if complete else a
