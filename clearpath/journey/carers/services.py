"""Carer's assessments: start, save as you go, complete (decides eligibility under SI 2015/313
reg 3 and, if eligible, works out the separate carer budget)."""

from django.db import transaction
from django.utils import timezone

from clearpath.errors import ServiceError, StaleRecord
from clearpath.journey.carers.models import CarerAssessment, CarerBudget
from clearpath.journey.people.models import Person
from clearpath.platform.audit.services import record_event
from domain import rulepacks
from domain.carers import carer_allocation, carer_eligibility
from domain.money import format_money

MAX_WORDS = 2000


@transaction.atomic
def start_carer_assessment(
    *, person: Person, by, cared_for: Person | None = None
) -> CarerAssessment:
    """Start a carer's assessment for `person` (the carer), or carry on with their draft."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    draft = person.carer_assessments.filter(status=CarerAssessment.Status.DRAFT).first()
    if draft:
        return draft
    if cared_for is not None and cared_for.pk == person.pk:
        raise ServiceError(
            "A carer cannot be assessed as caring for themselves.", field="cared_for"
        )
    assessment = CarerAssessment.objects.create(
        person=person,
        cared_for=cared_for,
        created_by=by,
        question_set_ref=rulepacks.carer_question_set().ref,
    )
    record_event(
        actor=by,
        action="carer_assessment.started",
        obj=assessment,
        person=person,
        summary="Started a carer's assessment",
        changes={
            "question_set": assessment.question_set_ref,
            "cared_for": cared_for.pk if cared_for else None,
        },
    )
    return assessment


def _words(value: str, field: str) -> str:
    words = (value or "").strip()
    if len(words) > MAX_WORDS:
        raise ServiceError(f"Keep this to {MAX_WORDS} characters or fewer.", field=field)
    return words


def _clean_answers(question_set, answers: dict) -> dict:
    outcomes = {o.code for o in question_set.outcomes}
    ways = {w.code for w in question_set.ways}
    cleaned = {}
    for code, answer in answers.items():
        if code not in outcomes:
            raise ServiceError(f"'{code}' is not a question in this assessment.", field="answers")
        if not isinstance(answer, dict):
            raise ServiceError("Each answer must list the ways, if any.", field=f"{code}_ways")
        chosen = list(dict.fromkeys(answer.get("ways") or []))
        if set(chosen) - ways:
            raise ServiceError(
                "Choose from the reasons listed. Taking longer is not one of them for carers.",
                field=f"{code}_ways",
            )
        none = bool(answer.get("none"))
        if none and chosen:
            raise ServiceError(
                f"For {question_set.outcome(code).heading.lower()}, either say you can do it "
                "or say why it is hard, not both.",
                field=f"{code}_ways",
            )
        cleaned[code] = {
            "ways": chosen,
            "none": none,
            "own_words": _words(answer.get("own_words", ""), f"{code}_own_words"),
        }
    return cleaned


@transaction.atomic
def save_carer_assessment(
    *,
    assessment: CarerAssessment,
    by,
    expected_version: int | None = None,
    answers: dict | None = None,
    necessary_care: bool | None = None,
    health_at_risk: bool | None = None,
    wellbeing_impact: bool | None = None,
    wellbeing_words: str | None = None,
    needs_fluctuate: bool | None = None,
    fluctuation: str | None = None,
) -> CarerAssessment:
    """Save a draft: whatever has been answered so far is kept."""
    assessment = CarerAssessment.objects.select_for_update().get(pk=assessment.pk)
    if not assessment.is_draft:
        raise ServiceError(
            "This carer's assessment has been completed and can no longer be changed."
        )
    if expected_version is not None and expected_version != assessment.row_version:
        raise StaleRecord("carer's assessment")
    question_set = rulepacks.carer_question_set(assessment.question_set_ref)
    changed = {}
    if answers is not None:
        assessment.answers = {**assessment.answers, **_clean_answers(question_set, answers)}
        changed["answers"] = sorted(answers)
    for name, value in (
        ("necessary_care", necessary_care),
        ("health_at_risk", health_at_risk),
        ("wellbeing_impact", wellbeing_impact),
        ("needs_fluctuate", needs_fluctuate),
    ):
        if value is not None:
            setattr(assessment, name, bool(value))
            changed[name] = bool(value)
    for name, value in (("wellbeing_words", wellbeing_words), ("fluctuation", fluctuation)):
        if value is not None:
            setattr(assessment, name, _words(value, name))
            changed[name] = "changed"
    assessment.row_version += 1
    assessment.save()
    record_event(
        actor=by,
        action="carer_assessment.saved",
        obj=assessment,
        person=assessment.person,
        summary="Saved the carer's assessment draft",
        changes=changed,
    )
    return assessment


def missing_answers(assessment: CarerAssessment) -> list[tuple[str, str]]:
    """(field, message) for every answer still needed before the assessment can be completed."""
    question_set = rulepacks.carer_question_set(assessment.question_set_ref)
    missing = []
    if assessment.necessary_care is None:
        missing.append(("necessary_care", "Say whether the needs come from giving necessary care"))
    if assessment.health_at_risk is None:
        missing.append(("health_at_risk", "Say whether the carer's health is at risk"))
    for outcome in question_set.outcomes:
        answer = assessment.answers.get(outcome.code, {})
        if not (answer.get("none") or answer.get("ways")):
            missing.append(
                (
                    f"{outcome.code}_ways",
                    f"Answer the question about {outcome.heading.lower()}",
                )
            )
    if assessment.wellbeing_impact is None:
        missing.append(("wellbeing_impact", "Say whether caring affects the carer's wellbeing"))
    if assessment.needs_fluctuate is None:
        missing.append(("needs_fluctuate", "Say whether the needs change over time"))
    elif assessment.needs_fluctuate and not assessment.fluctuation.strip():
        missing.append(
            ("fluctuation", "Say over what period the needs were looked at and how they change")
        )
    return missing


def ways_by_outcome(assessment: CarerAssessment) -> dict[str, list[str]]:
    """The reg 3(3) ways recorded for each outcome (empty: the carer can achieve it)."""
    return {code: list(a.get("ways", [])) for code, a in sorted(assessment.answers.items())}


def compute_budget(*, model_ref: str, inputs: dict):
    """The carer allocation on stored inputs with a stated version: the same answer forever."""
    return carer_allocation(rulepacks.carer_allocation(model_ref), inputs)


@transaction.atomic
def complete_carer_assessment(*, assessment: CarerAssessment, by) -> CarerAssessment:
    """Complete the carer's assessment: decide eligibility (SI 2015/313 reg 3) and, if the carer
    is eligible, work out and keep the carer budget. A completed assessment never changes."""
    assessment = (
        CarerAssessment.objects.select_for_update().select_related("person").get(pk=assessment.pk)
    )
    if not assessment.is_draft:
        raise ServiceError("This carer's assessment has already been completed.")
    missing = missing_answers(assessment)
    if missing:
        raise ServiceError(missing[0][1], field=missing[0][0])
    question_set = rulepacks.carer_question_set(assessment.question_set_ref)
    result = carer_eligibility(
        question_set,
        ways_by_outcome(assessment),
        bool(assessment.necessary_care),
        bool(assessment.health_at_risk),
        bool(assessment.wellbeing_impact),
        needs_fluctuate=bool(assessment.needs_fluctuate),
        fluctuation=assessment.fluctuation,
    )
    assessment.eligible = result.eligible
    assessment.reasons = list(result.reasons)
    assessment.unable_outcomes = list(result.unable_outcomes)
    assessment.rule = result.rule
    assessment.status = CarerAssessment.Status.COMPLETED
    assessment.completed_at = timezone.now()
    assessment.completed_by = by
    assessment.row_version += 1
    if result.eligible:
        assessment.allocation_ref = rulepacks.carer_allocation().ref
    assessment.save()
    record_event(
        actor=by,
        action="carer_assessment.completed",
        obj=assessment,
        person=assessment.person,
        summary="Completed the carer's assessment: "
        + ("eligible" if result.eligible else "not eligible"),
        changes={"eligible": result.eligible, "unable_outcomes": list(result.unable_outcomes)},
    )
    if result.eligible:
        _keep_budget(assessment, by, result)
    return assessment


def _keep_budget(assessment: CarerAssessment, by, eligibility) -> CarerBudget:
    inputs = {
        "unable_outcomes": len(eligibility.unable_outcomes),
        "health_at_risk": eligibility.health_at_risk,
    }
    result = compute_budget(model_ref=assessment.allocation_ref, inputs=inputs)
    budget = CarerBudget.objects.create(
        person=assessment.person,
        assessment=assessment,
        model_ref=result.model_ref,
        inputs=inputs,
        points=result.points,
        band=result.band,
        amount=result.amount,
        period=result.period,
        annual_amount=result.annual_amount,
        capped=result.capped,
        demo=result.demo,
        explanation=list(result.explanation),
        arithmetic=list(result.arithmetic),
        what_would_change=list(result.what_would_change),
    )
    record_event(
        actor=by,
        action="carer_budget.calculated",
        obj=budget,
        person=assessment.person,
        summary=f"Carer budget worked out: {format_money(result.amount)} {budget.per}",
        changes={"amount": result.amount, "period": result.period, "model": result.model_ref},
    )
    return budget
