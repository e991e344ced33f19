"""Decision pages: the queue, one confirmation page, approve in one click or return with reasons."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from approvals.access import decision_queue, get_decision_for
from approvals.forms import ApproveForm, ReturnForm
from approvals.services import approve_plan, return_plan, why_cannot_decide
from clearpath.errors import ServiceError
from clearpath.web import staff_required
from reviews.selectors import plan_differences

QUEUE_SHOWN = 200  # oldest first; the rest follow as these are decided


@staff_required
def decision_list(request):
    queue = decision_queue(request.user).order_by("submitted_at", "id")
    shown = list(queue[:QUEUE_SHOWN])
    total = len(shown) if len(shown) < QUEUE_SHOWN else queue.count()
    return render(request, "approvals/decision_list.html", {"decisions": shown, "total": total})


def _page(request, decision, *, approve_form=None, return_form=None, status=200):
    initial = {"row_version": decision.row_version}
    return render(
        request,
        "approvals/decision_detail.html",
        {
            "decision": decision,
            "plan": decision.plan,
            "person": decision.person,
            "calc": decision.plan.budget_calculation,
            "budget": getattr(decision, "personal_budget", None),
            "outcomes": list(decision.plan.outcomes.all()),
            "lines": list(decision.plan.lines.all()),
            "cannot": why_cannot_decide(request.user, decision),
            "differences": plan_differences(decision.plan),  # a revised plan, after a review
            "approve_form": approve_form or ApproveForm(initial=initial),
            "return_form": return_form or ReturnForm(initial=initial),
            "form": approve_form
            if approve_form is not None and approve_form.errors
            else return_form,
        },
        status=status,
    )


@staff_required
def decision_detail(request, decision_id: int):
    return _page(request, get_decision_for(request.user, decision_id))


def _decide(request, decision_id: int, *, form_class, act, done: str, then: str):
    """Bind the form, call the one service, show the outcome or the page again with the error."""
    decision = get_decision_for(request.user, decision_id)
    form = form_class(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            act(
                decision=decision, by=request.user, expected_version=data.pop("row_version"), **data
            )
        except ServiceError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, done)
            return redirect(then, decision.person.pk) if "person" in then else redirect(then)
    key = "approve_form" if form_class is ApproveForm else "return_form"
    return _page(request, decision, **{key: form}, status=422)


@staff_required
@require_POST
def decision_approve(request, decision_id: int):
    return _decide(
        request,
        decision_id,
        form_class=ApproveForm,
        act=approve_plan,
        then="people:person-detail",
        done="Plan approved. The personal budget, payments and first review are set up.",
    )


@staff_required
@require_POST
def decision_return(request, decision_id: int):
    return _decide(
        request,
        decision_id,
        form_class=ReturnForm,
        act=return_plan,
        then="approvals:decision-list",
        done="The plan has been returned with your reasons",
    )
