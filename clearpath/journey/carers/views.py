"""The carer's assessment: start it from the carer's record, one page of questions, check the
answers, complete, and see the result (eligibility reasons and the carer budget)."""

from django.contrib import messages
from django.shortcuts import redirect, render

from clearpath.errors import ServiceError
from clearpath.journey.carers.access import get_carer_assessment_for
from clearpath.journey.carers.forms import CarerAssessmentForm, StartForm
from clearpath.journey.carers.models import CarerAssessment
from clearpath.journey.carers.services import (
    complete_carer_assessment,
    missing_answers,
    save_carer_assessment,
    start_carer_assessment,
)
from clearpath.journey.people.access import get_person_for, visible_people
from clearpath.web import apply_service_error, staff_required
from domain import rulepacks


def _cared_for_name(user, assessment) -> str:
    """The cared-for person's name, only if this user may see their record."""
    if assessment.cared_for_id and visible_people(user).filter(pk=assessment.cared_for_id).exists():
        return assessment.cared_for.full_name
    return ""


@staff_required
def carer_start(request, person_id: int):
    person = get_person_for(request.user, person_id, write=True, what="carer's assessment")
    draft = person.carer_assessments.filter(status=CarerAssessment.Status.DRAFT).first()
    if draft:
        return redirect("carers:carer-edit", assessment_id=draft.pk)
    people = visible_people(request.user).exclude(pk=person.pk).order_by("last_name", "first_name")
    form = StartForm(request.POST or None, people=people[:500])
    if request.method == "POST" and form.is_valid():
        try:
            assessment = start_carer_assessment(
                person=person, by=request.user, cared_for=form.chosen_person()
            )
        except ServiceError as e:
            apply_service_error(form, e)
        else:
            return redirect("carers:carer-edit", assessment_id=assessment.pk)
    return render(
        request,
        "carers/carer_start.html",
        {
            "form": form,
            "person": person,
            "past": person.carer_assessments.exclude(status=CarerAssessment.Status.DRAFT),
        },
    )


@staff_required
def carer_edit(request, assessment_id: int):
    assessment = get_carer_assessment_for(request.user, assessment_id, write=True)
    if not assessment.is_draft:
        return redirect("carers:carer-result", assessment_id=assessment.pk)
    question_set = rulepacks.carer_question_set(assessment.question_set_ref)
    if request.method == "POST":
        form = CarerAssessmentForm(request.POST, question_set=question_set)
        if form.is_valid():
            try:
                save_carer_assessment(
                    assessment=assessment, by=request.user, **form.service_arguments()
                )
            except ServiceError as e:
                apply_service_error(form, e)
            else:
                if request.POST.get("action") == "save":
                    messages.success(
                        request,
                        "The answers have been saved. You can come back to them at any time.",
                    )
                    return redirect("carers:carer-edit", assessment_id=assessment.pk)
                assessment.refresh_from_db()
                missing = missing_answers(assessment)
                if not missing:
                    return redirect("carers:carer-check", assessment_id=assessment.pk)
                for name, message in missing:
                    form.add_error(name, message)
    else:
        form = CarerAssessmentForm(
            initial=CarerAssessmentForm.initial_from(assessment), question_set=question_set
        )
    return render(
        request,
        "carers/carer_edit.html",
        {
            "form": form,
            "assessment": assessment,
            "person": assessment.person,
            "cared_for": _cared_for_name(request.user, assessment),
            "question_set": question_set,
        },
    )


@staff_required
def carer_check(request, assessment_id: int):
    assessment = get_carer_assessment_for(request.user, assessment_id, write=True)
    if not assessment.is_draft:
        return redirect("carers:carer-result", assessment_id=assessment.pk)
    if request.method == "POST":
        try:
            complete_carer_assessment(assessment=assessment, by=request.user)
        except ServiceError as e:
            messages.error(request, e.message)
            return redirect("carers:carer-edit", assessment_id=assessment.pk)
        return redirect("carers:carer-result", assessment_id=assessment.pk)
    question_set = rulepacks.carer_question_set(assessment.question_set_ref)
    return render(
        request,
        "carers/carer_check.html",
        {
            "assessment": assessment,
            "person": assessment.person,
            "cared_for": _cared_for_name(request.user, assessment),
            "question_set": question_set,
            "labels": {w.code: w.label for w in question_set.ways},
        },
    )


@staff_required
def carer_result(request, assessment_id: int):
    assessment = get_carer_assessment_for(request.user, assessment_id)
    if assessment.is_draft:
        return redirect("carers:carer-edit", assessment_id=assessment.pk)
    return render(
        request,
        "carers/carer_result.html",
        {
            "assessment": assessment,
            "person": assessment.person,
            "cared_for": _cared_for_name(request.user, assessment),
            "budget": getattr(assessment, "budget", None),
        },
    )
