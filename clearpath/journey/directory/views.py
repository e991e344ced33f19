"""Local directory pages: search (also from a plan), one entry, and "use in the plan"."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from clearpath.errors import ServiceError
from clearpath.journey.directory.forms import UseEntryForm, run_search
from clearpath.journey.directory.models import Entry
from clearpath.journey.directory.services import add_entry_to_plan, cost_of
from clearpath.journey.plans.access import get_plan_for
from clearpath.web import apply_service_error, staff_required


def _plan(request):
    plan_id = request.GET.get("plan", "") or request.POST.get("plan", "")
    return get_plan_for(request.user, int(plan_id), write=True) if plan_id.isdigit() else None


@staff_required
def directory_search(request):
    plan = _plan(request)
    form, entries = run_search(request.GET)
    return render(
        request,
        "directory/search.html",
        {
            "form": form,
            "entries": entries,
            "plan": plan,
            "person": plan.person if plan else None,
            "action": reverse("directory:search"),
            "entry_url": lambda e: (
                reverse("directory:entry", args=[e.pk]) + (f"?plan={plan.pk}" if plan else "")
            ),
        },
    )


@staff_required
def entry_detail(request, entry_id: int):
    entry = get_object_or_404(Entry, pk=entry_id, active=True)
    plan = _plan(request)
    form = UseEntryForm(request.POST or None)
    cost = None
    if request.method == "POST" and plan and form.is_valid():
        try:
            if request.POST.get("action") == "add":
                add_entry_to_plan(
                    plan=plan,
                    entry=entry,
                    by=request.user,
                    quantity=form.cleaned_data["quantity"],
                    frequency=form.cleaned_data["frequency"],
                )
                messages.success(request, f"{entry.name} was added to the plan")
                return redirect("plans:plan-edit", plan_id=plan.pk)
            cost = cost_of(
                entry,
                quantity=form.cleaned_data["quantity"],
                frequency=form.cleaned_data["frequency"],
            )
        except ServiceError as e:
            apply_service_error(form, e)
    return render(
        request,
        "directory/entry.html",
        {
            "entry": entry,
            "plan": plan,
            "person": plan.person if plan else None,
            "form": form,
            "cost": cost,
            "back": reverse("directory:search") + (f"?plan={plan.pk}" if plan else ""),
        },
    )
