"""Support planning pages: start, edit with a running total, submit for a decision, view."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from approvals.services import route_for
from clearpath.errors import ServiceError
from clearpath.web import apply_service_error, staff_required
from people.access import get_person_for
from plans.access import get_plan_for
from plans.forms import PlanForm
from plans.services import plan_problems, start_plan, submit_plan, update_plan


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
    initial, outcome_count, line_count = PlanForm.initial_from(plan)
    if request.method == "POST":
        outcome_count = max(outcome_count, _count(request.POST, "outcome-"))
        line_count = max(line_count, _count(request.POST, "lines-", "-description"))
        form = PlanForm(request.POST, outcome_count=outcome_count, line_count=line_count)
        if form.is_valid():
            try:
                update_plan(
                    plan=plan,
                    by=request.user,
                    expected_version=form.cleaned_data["row_version"],
                    led_by=form.cleaned_data["led_by"],
                    what_matters=form.cleaned_data["what_matters"],
                    deployment=form.cleaned_data["deployment"],
                    outcomes=form.outcomes,
                    lines=form.lines,
                )
            except ServiceError as e:
                apply_service_error(form, e)
            else:
                if request.POST.get("action") == "continue":
                    return redirect("plans:plan-submit", plan_id=plan.pk)
                messages.success(request, "The plan has been saved")
                return redirect("plans:plan-edit", plan_id=plan.pk)
    else:
        form = PlanForm(initial=initial, outcome_count=outcome_count, line_count=line_count)
        form.lines = [{"weekly_cost": line.weekly_cost} for line in plan.lines.all()]
    return render(
        request,
        "plans/plan_edit.html",
        {
            "form": form,
            "plan": plan,
            "person": plan.person,
            "calc": plan.budget_calculation,
            "total": form.running_total(),
            "line_numbers": range(1, line_count + 1),
            "outcome_numbers": range(1, outcome_count + 1),
        },
    )


def _count(data, prefix: str, suffix: str = "") -> int:
    numbers = [
        k[len(prefix) :].split("-")[0] for k in data if k.startswith(prefix) and k.endswith(suffix)
    ]
    return max((int(n) for n in numbers if n.isdigit() and int(n) <= 60), default=0)


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
