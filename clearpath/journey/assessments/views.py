"""The one-page assessment: start it, save as you go, check answers, complete, see the result."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render

from clearpath.errors import ServiceError
from clearpath.journey.assessments.access import get_assessment_for
from clearpath.journey.assessments.forms import AssessmentForm
from clearpath.journey.assessments.models import Assessment
from clearpath.journey.assessments.services import (
    missing_answers,
    save_assessment,
    start_assessment,
    submit_assessment,
)
from clearpath.journey.people.access import get_person_for
from clearpath.web import apply_service_error, staff_required
from domain import rulepacks


class ModeForm(forms.Form):
    mode = forms.ChoiceField(
        label="How is the assessment being done?",
        widget=forms.RadioSelect,
        choices=Assessment.Mode.choices,
        error_messages={"required": "Choose how the assessment is being done"},
    )


@staff_required
def assessment_start(request, person_id: int):
    person = get_person_for(request.user, person_id, write=True)
    draft = person.assessments.filter(status=Assessment.Status.DRAFT).first()
    if draft:
        return redirect("assessments:assessment-edit", assessment_id=draft.pk)
    form = ModeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        assessment = start_assessment(
            person=person, by=request.user, mode=form.cleaned_data["mode"]
        )
        return redirect("assessments:assessment-edit", assessment_id=assessment.pk)
    return render(request, "assessments/assessment_start.html", {"form": form, "person": person})


@staff_required
def assessment_edit(request, assessment_id: int):
    assessment = get_assessment_for(request.user, assessment_id, write=True)
    if not assessment.is_draft:
        return redirect("assessments:assessment-result", assessment_id=assessment.pk)
    question_set = rulepacks.question_set(assessment.question_set_ref)
    if request.method == "POST":
        form = AssessmentForm(request.POST, question_set=question_set)
        if form.is_valid():
            try:
                save_assessment(assessment=assessment, by=request.user, **form.service_arguments())
            except ServiceError as e:
                apply_service_error(form, e)
            else:
                if request.POST.get("action") == "save":
                    messages.success(
                        request,
                        "Your answers have been saved. You can come back to them at any time.",
                    )
                    return redirect("assessments:assessment-edit", assessment_id=assessment.pk)
                assessment.refresh_from_db()
                missing = missing_answers(assessment)
                if not missing:
                    return redirect("assessments:assessment-check", assessment_id=assessment.pk)
                for name, message in missing:
                    form.add_error(name, message)
    else:
        form = AssessmentForm(
            initial=AssessmentForm.initial_from(assessment), question_set=question_set
        )
    return render(
        request,
        "assessments/assessment_edit.html",
        {
            "form": form,
            "assessment": assessment,
            "person": assessment.person,
            "question_set": question_set,
        },
    )


@staff_required
def assessment_check(request, assessment_id: int):
    assessment = get_assessment_for(request.user, assessment_id, write=True)
    if not assessment.is_draft:
        return redirect("assessments:assessment-result", assessment_id=assessment.pk)
    if request.method == "POST":
        try:
            submit_assessment(assessment=assessment, by=request.user)
        except ServiceError as e:
            messages.error(request, e.message)
            return redirect("assessments:assessment-edit", assessment_id=assessment.pk)
        return redirect("assessments:assessment-result", assessment_id=assessment.pk)
    question_set = rulepacks.question_set(assessment.question_set_ref)
    return render(
        request,
        "assessments/assessment_check.html",
        {
            "assessment": assessment,
            "person": assessment.person,
            "question_set": question_set,
            "labels": _labels(question_set),
        },
    )


@staff_required
def assessment_result(request, assessment_id: int):
    assessment = get_assessment_for(request.user, assessment_id)
    if assessment.is_draft:
        return redirect("assessments:assessment-edit", assessment_id=assessment.pk)
    return render(
        request,
        "assessments/assessment_result.html",
        {
            "assessment": assessment,
            "person": assessment.person,
            "eligibility": assessment.eligibility,
            "calc": getattr(assessment, "budget_calculation", None),
            "plan": assessment.person.plans.first(),
            "review": assessment.reviews.first(),  # a reassessment for a full review
        },
    )


def _labels(question_set) -> dict:
    labels = {
        c.code: c.label
        for c in (*question_set.help_levels, *question_set.ways, *question_set.unpaid_care_levels)
    }
    return labels
