"""Assessments: start, save drafts as they go, submit (decides eligibility and the indicative budget)."""

from django.db import transaction
from django.utils import timezone

from clearpath.errors import ServiceError, StaleRecord
from clearpath.events import emit
from clearpath.journey.assessments.events import AssessmentSubmitted
from clearpath.journey.assessments.models import Assessment, EligibilityResult
from clearpath.journey.people.models import Person
from clearpath.journey.people.services import set_stage
from clearpath.platform.audit.services import record_event
from domain import rulepacks
from domain.eligibility import decide_adult_eligibility

MAX_WORDS = 2000


@transaction.atomic
def start_assessment(*, person: Person, by, mode: str, contact=None) -> Assessment:
    """Start an assessment on the active question set, or carry on with the draft already started."""
    draft = person.assessments.filter(status=Assessment.Status.DRAFT).first()
    if draft:
        return draft
    if mode not in Assessment.Mode.values:
        raise ServiceError("Choose how the assessment is being done.", field="mode")
    contact = contact or person.contacts.first()
    assessment = Assessment.objects.create(
        person=person,
        contact=contact,
        mode=mode,
        created_by=by,
        question_set_ref=rulepacks.question_set().ref,
    )
    set_stage(person, Person.Stage.ASSESSMENT)
    record_event(
        actor=by,
        action="assessment.started",
        obj=assessment,
        person=person,
        summary=f"Started a {assessment.get_mode_display().lower()}",
        changes={"question_set": assessment.question_set_ref, "mode": mode},
    )
    return assessment


def _clean_answers(question_set, answers: dict) -> dict:
    outcomes = {o.code for o in question_set.outcomes}
    levels = {c.code for c in question_set.help_levels}
    ways = {c.code for c in question_set.ways}
    cleaned = {}
    for code, answer in answers.items():
        if code not in outcomes:
            raise ServiceError(f"'{code}' is not a question in this assessment.", field="answers")
        help_level = answer.get("help") or ""
        if help_level and help_level not in levels:
            raise ServiceError(f"Choose one of the answers given for {code}.", field=f"{code}_help")
        chosen = list(dict.fromkeys(answer.get("ways") or []))
        if set(chosen) - ways:
            raise ServiceError("Choose from the ways listed.", field=f"{code}_ways")
        words = (answer.get("own_words") or "").strip()
        if len(words) > MAX_WORDS:
            raise ServiceError(
                f"Your own words must be {MAX_WORDS} characters or fewer.",
                field=f"{code}_own_words",
            )
        cleaned[code] = {"help": help_level, "ways": chosen, "own_words": words}
    return cleaned


def _words(text: str | None, field: str) -> str | None:
    if text is None:
        return None
    if len(text.strip()) > MAX_WORDS:
        raise ServiceError(f"Keep this to {MAX_WORDS} characters or fewer.", field=field)
    return text.strip()


@transaction.atomic
def save_assessment(
    *,
    assessment: Assessment,
    by,
    expected_version: int | None = None,
    answers: dict | None = None,
    needs_arise_from_impairment: bool | None = None,
    wellbeing_impact: bool | None = None,
    wellbeing_words: str | None = None,
    unpaid_care: str | None = None,
    needs_fluctuate: bool | None = None,
    fluctuation_words: str | None = None,
    outside_ras_needs: str | None = None,
) -> Assessment:
    """Save a draft: whatever has been answered so far is kept, nothing is lost."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not assessment.is_draft:
        raise ServiceError("This assessment has been completed and can no longer be changed.")
    if expected_version is not None and expected_version != assessment.row_version:
        raise StaleRecord("assessment")
    question_set = rulepacks.question_set(assessment.question_set_ref)
    changed = {}
    if answers is not None:
        assessment.answers = {**assessment.answers, **_clean_answers(question_set, answers)}
        changed["answers"] = sorted(answers)
    for name, value in (
        ("needs_arise_from_impairment", needs_arise_from_impairment),
        ("wellbeing_impact", wellbeing_impact),
        ("wellbeing_words", wellbeing_words),
        ("unpaid_care", unpaid_care),
        ("needs_fluctuate", needs_fluctuate),
        ("fluctuation_words", _words(fluctuation_words, "fluctuation_words")),
        ("outside_ras_needs", _words(outside_ras_needs, "outside_ras_needs")),
    ):
        if value is not None:
            setattr(assessment, name, value)
            changed[name] = value
    if unpaid_care and unpaid_care not in {c.code for c in question_set.unpaid_care_levels}:
        raise ServiceError("Choose how much unpaid care is available.", field="unpaid_care")
    assessment.row_version += 1
    assessment.save()
    record_event(
        actor=by,
        action="assessment.saved",
        obj=assessment,
        person=assessment.person,
        summary="Saved the assessment draft",
        changes=changed,
    )
    return assessment


def missing_answers(assessment: Assessment) -> list[tuple[str, str]]:
    """(field, message) for every answer still needed before the assessment can be completed."""
    question_set = rulepacks.question_set(assessment.question_set_ref)
    missing = []
    if assessment.needs_arise_from_impairment is None:
        missing.append(
            (
                "needs_arise_from_impairment",
                "Say whether the needs come from an illness or disability",
            )
        )
    for outcome in question_set.outcomes:
        if not assessment.answers.get(outcome.code, {}).get("help"):
            missing.append(
                (f"{outcome.code}_help", f"Answer the question about {outcome.heading.lower()}")
            )
    if assessment.wellbeing_impact is None:
        missing.append(("wellbeing_impact", "Say whether these needs affect wellbeing"))
    if not assessment.unpaid_care:
        missing.append(
            ("unpaid_care", "Say how much help family or friends give without being paid")
        )
    return missing


@transaction.atomic
def submit_assessment(*, assessment: Assessment, by) -> Assessment:
    """Complete the assessment: decide eligibility (SI 2015/313 reg 2) and, if eligible, the
    indicative budget. A completed assessment is never asked again."""
    assessment = (
        Assessment.objects.select_for_update().select_related("person").get(pk=assessment.pk)
    )
    if not assessment.is_draft:
        raise ServiceError("This assessment has already been completed.")
    missing = missing_answers(assessment)
    if missing:
        raise ServiceError(missing[0][1], field=missing[0][0])
    question_set = rulepacks.question_set(assessment.question_set_ref)
    result = decide_adult_eligibility(
        question_set=question_set,
        needs_arise_from_impairment=bool(assessment.needs_arise_from_impairment),
        ways_by_outcome={code: a.get("ways", []) for code, a in assessment.answers.items()},
        wellbeing_impact=bool(assessment.wellbeing_impact),
    )
    EligibilityResult.objects.create(
        assessment=assessment,
        eligible=result.eligible,
        reasons=list(result.reasons),
        unable_outcomes=list(result.unable_outcomes),
        rule=result.rule,
        question_set_ref=question_set.ref,
    )
    assessment.status = Assessment.Status.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.submitted_by = by
    assessment.row_version += 1
    assessment.save()
    person = assessment.person
    record_event(
        actor=by,
        action="assessment.submitted",
        obj=assessment,
        person=person,
        summary="Completed the assessment: " + ("eligible" if result.eligible else "not eligible"),
        changes={"eligible": result.eligible, "unable_outcomes": list(result.unable_outcomes)},
    )
    emit(AssessmentSubmitted(assessment=assessment, eligible=result.eligible, by=by))  # budgets
    if result.eligible:
        set_stage(person, Person.Stage.PLANNING)
    else:
        set_stage(person, Person.Stage.NOT_ELIGIBLE)
    return assessment


PREFILLED_FIELDS = (
    "answers",
    "needs_arise_from_impairment",
    "wellbeing_impact",
    "wellbeing_words",
    "unpaid_care",
    "needs_fluctuate",
    "fluctuation_words",
    "outside_ras_needs",
)


@transaction.atomic
def start_prefilled_assessment(
    *, person: Person, by, mode: str, from_assessment=None
) -> Assessment:
    """A reassessment (a full review): a new draft on the active question set with the last
    completed answers filled in, so only what changed needs changing. Carries on with an open
    draft if there is one. Answers to questions the active set no longer asks are left out."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    draft = person.assessments.filter(status=Assessment.Status.DRAFT).first()
    if draft:
        return draft
    if mode not in Assessment.Mode.values:
        raise ServiceError("Choose how the assessment is being done.", field="mode")
    last = from_assessment or person.assessments.filter(status=Assessment.Status.SUBMITTED).first()
    if last is None:
        raise ServiceError("There is no completed assessment to start from.")
    question_set = rulepacks.question_set()
    asked = {o.code for o in question_set.outcomes}
    values = {name: getattr(last, name) for name in PREFILLED_FIELDS}
    values["answers"] = {k: v for k, v in last.answers.items() if k in asked}
    assessment = Assessment.objects.create(
        person=person,
        contact=last.contact,
        mode=mode,
        created_by=by,
        question_set_ref=question_set.ref,
        **values,
    )
    set_stage(person, Person.Stage.ASSESSMENT)
    record_event(
        actor=by,
        action="assessment.started",
        obj=assessment,
        person=person,
        summary=f"Started a reassessment ({assessment.get_mode_display().lower()}), filled in "
        "from the last assessment",
        changes={"question_set": assessment.question_set_ref, "mode": mode, "from": last.pk},
    )
    return assessment
