"""Support planning pages: start, edit with a running total, submit for a decision, view."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from clearpath.appconfig import provided
from clearpath.errors import ServiceError
from clearpath.journey.people.access import get_person_for, get_record_for
from clearpath.journey.plans.access import get_plan_for
from clearpath.journey.plans.models import PlanDocument, SupportPlan
from clearpath.journey.plans.pa_forms import PaCostsForm
from clearpath.journey.plans.pages import (
    document_response,
    edit_plan_page,
    own_plan_page,
    pa_form_from,
)
from clearpath.journey.plans.services import (
    add_pa_line,
    plan_problems,
    start_plan,
    submit_plan,
)
from clearpath.web import apply_service_error, staff_required


@staff_required
@require_POST
def plan_start(request, person_id: int):
    person = get_person_for(request.user, person_id, write=True)
    try:
        plan = start_plan(person=person, by=request.user)
    except ServiceError as e:
        messages.error(request, e.message)
        return redirect("people:person-detail", person_id=person.pk)
    return redirect("plans:plan-edit", plan_id=plan.pk)


@staff_required
def plan_edit(request, plan_id: int):
    plan = get_plan_for(request.user, plan_id, write=True)
    if not plan.is_editable:
        return redirect("plans:plan-detail", plan_id=plan.pk)
    if plan.format == SupportPlan.Format.OWN:
        return redirect("plans:plan-upload", person_id=plan.person_id)
    return edit_plan_page(
        request,
        plan,
        by=request.user,
        edit_url=reverse("plans:plan-edit", args=[plan.pk]),
        continue_url=reverse("plans:plan-submit", args=[plan.pk]),
        template="plans/plan_edit.html",
        extra={
            "pa_url": reverse("plans:pa-costs") + f"?plan={plan.pk}",
            "directory_url": reverse("directory:search") + f"?plan={plan.pk}",
        },
    )


@staff_required
def plan_submit(request, plan_id: int):
    plan = get_plan_for(request.user, plan_id, write=True)
    if not plan.is_editable:
        return redirect("plans:plan-detail", plan_id=plan.pk)
    review = plan.reviews.first()  # a revised plan after a review: compared side by side there
    if review and request.method == "GET":
        return redirect("reviews:submit-revised", review_id=review.pk)
    if request.method == "POST":
        try:
            decision = submit_plan(plan=plan, by=request.user)
        except ServiceError as e:
            messages.error(request, e.message)
            return redirect("plans:plan-edit", plan_id=plan.pk)
        return redirect("approvals:decision-detail", decision_id=decision.pk)
    route_for = provided("route_preview")  # the sign-off stage says who will decide, and why
    route = route_for(plan=plan, practitioner=request.user, today=timezone.localdate())
    return render(
        request,
        "plans/plan_submit.html",
        {
            "plan": plan,
            "person": plan.person,
            "route": route,
            "problems": plan_problems(plan),
            "outcomes": list(plan.outcomes.all()),
            "lines": list(plan.lines.all()),
        },
    )


@staff_required
def plan_detail(request, plan_id: int):
    plan = get_plan_for(request.user, plan_id)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "person": plan.person,
            "outcomes": list(plan.outcomes.all()),
            "lines": list(plan.lines.all()),
            "decisions": list(plan.decisions.select_related("decided_by")),
        },
    )


def _pa_page(request, form, plan=None, *, template="plans/pa_costs.html", extra=None):
    return render(
        request,
        template,
        {
            "form": form,
            "result": form.result if form.is_bound and form.is_valid() else None,
            "plan": plan,
            "person": plan.person if plan else None,
            **(extra or {}),
        },
    )


@staff_required
def pa_costs_page(request):
    """The calculator: a GET form (nothing changes); with ?plan= it offers to add the result."""
    plan = None
    plan_id = request.GET.get("plan", "")
    if plan_id.isdigit():
        plan = get_plan_for(request.user, int(plan_id), write=True)
    form = pa_form_from(request.GET)
    return _pa_page(request, form, plan)


@staff_required
@require_POST
def plan_add_pa_line(request, plan_id: int):
    plan = get_plan_for(request.user, plan_id, write=True)
    form = PaCostsForm(request.POST)
    if form.is_valid():
        try:
            add_pa_line(plan=plan, by=request.user, costs=form.result)
        except ServiceError as e:
            apply_service_error(form, e)
        else:
            messages.success(request, "The personal assistant's costs were added to the plan")
            return redirect("plans:plan-edit", plan_id=plan.pk)
    return _pa_page(request, form, plan)


@staff_required
def plan_upload(request, person_id: int):
    """Upload a plan written elsewhere, as it is, with a short summary: no re-typing."""
    person = get_person_for(request.user, person_id, write=True)
    return own_plan_page(
        request,
        person,
        by=request.user,
        actor_name="",
        template="plans/plan_upload.html",
        next_url=lambda plan: reverse("plans:plan-submit", args=[plan.pk]),
        extra={"back": reverse("people:person-detail", args=[person.pk])},
    )


@staff_required
def document_download(request, document_id: int):
    doc = get_record_for(request.user, PlanDocument, document_id, what="document")
    return document_response(doc)
