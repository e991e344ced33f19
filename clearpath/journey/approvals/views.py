"""Decision pages: the queues, one confirmation page, and the four ways to decide: approve in one
click, approve with changes, return for changes, or refer onwards (each with its reasons)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from clearpath.errors import ServiceError
from clearpath.journey.approvals.access import QUEUES, decision_queue, get_decision_for, queue_for
from clearpath.journey.approvals.forms import ApproveChangesForm, ApproveForm, ReferForm, ReturnForm
from clearpath.journey.approvals.services import (
    approve_plan,
    approve_with_changes,
    refer_decision,
    return_plan,
    why_cannot_decide,
)
from clearpath.journey.plans.selectors import plan_differences
from clearpath.platform.audit.services import record_bulk_view
from clearpath.web import staff_required
from domain import rulepacks

QUEUE_SHOWN = 200  # oldest first; the rest follow as these are decided


@staff_required
def decision_list(request):
    which = request.GET.get("queue", "mine")
    which = which if which in QUEUES else "mine"
    today = timezone.localdate()
    queue = queue_for(request.user, which, today).order_by("submitted_at", "id")
    shown = list(queue[:QUEUE_SHOWN])
    total = len(shown) if len(shown) < QUEUE_SHOWN else queue.count()
    overdue = decision_queue(request.user).filter(due_on__lt=today).count()
    if shown:
        record_bulk_view(
            actor=request.user,
            action="decisions.listed",
            what="the decisions queue",
            people=len({d.person_id for d in shown}),
        )
    return render(
        request,
        "approvals/decision_list.html",
        {
            "decisions": shown,
            "total": total,
            "queues": QUEUES,
            "which": which,
            "overdue_count": overdue,
            "today": today,
            "policy": rulepacks.delegation_policy(),
        },
    )


FORMS = {
    "approve_form": ApproveForm,
    "changes_form": ApproveChangesForm,
    "return_form": ReturnForm,
    "refer_form": ReferForm,
}


def _page(request, decision, *, bound=None, status=200):
    initial = {"row_version": decision.row_version}
    forms = {}
    for key, cls in FORMS.items():
        extra = {"route": decision.route} if cls is ReferForm else {}
        forms[key] = bound[1] if bound and bound[0] == key else cls(initial=initial, **extra)
    errored = bound[1] if bound and bound[1].errors else None
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
            "can_refer": decision.route != "panel",
            **forms,
            "form": errored,
        },
        status=status,
    )


@staff_required
def decision_detail(request, decision_id: int):
    return _page(request, get_decision_for(request.user, decision_id))


def _decide(request, decision_id: int, *, key: str, act, done: str, then: str):
    """Bind the form, call the one service, show the outcome or the page again with the error."""
    decision = get_decision_for(request.user, decision_id)
    cls = FORMS[key]
    extra = {"route": decision.route} if cls is ReferForm else {}
    form = cls(request.POST, **extra)
    if form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("row_version")
        kwargs = form.service_kwargs() if hasattr(form, "service_kwargs") else data
        try:
            result = act(decision=decision, by=request.user, expected_version=version, **kwargs)
        except ServiceError as e:
            form.add_error(e.field if e.field in form.fields else None, e.message)
        else:
            messages.success(request, done)
            if then == "person":
                return redirect("people:person-detail", decision.person.pk)
            if then == "onward":
                return redirect("approvals:decision-detail", result.pk)
            return redirect(then)
    return _page(request, decision, bound=(key, form), status=422)


@staff_required
@require_POST
def decision_approve(request, decision_id: int):
    return _decide(
        request,
        decision_id,
        key="approve_form",
        act=approve_plan,
        then="person",
        done="Plan approved. The personal budget, payments and first review are set up.",
    )


@staff_required
@require_POST
def decision_approve_changes(request, decision_id: int):
    return _decide(
        request,
        decision_id,
        key="changes_form",
        act=approve_with_changes,
        then="person",
        done="Plan approved with your changes. The personal budget uses the amount you approved.",
    )


@staff_required
@require_POST
def decision_return(request, decision_id: int):
    return _decide(
        request,
        decision_id,
        key="return_form",
        act=return_plan,
        then="approvals:decision-list",
        done="The plan has been returned with your reasons",
    )


@staff_required
@require_POST
def decision_refer(request, decision_id: int):
    return _decide(
        request,
        decision_id,
        key="refer_form",
        act=refer_decision,
        then="onward",
        done="The plan has been referred with your reasons",
    )
