"""The person's support plan in the portal: write it, check and send it, upload one written
elsewhere, cost a personal assistant, and add services from the local directory."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from clearpath.errors import ServiceError
from clearpath.journey.directory.forms import UseEntryForm, run_search
from clearpath.journey.directory.models import Entry
from clearpath.journey.directory.services import add_entry_to_plan, cost_of
from clearpath.journey.plans.models import SupportPlan
from clearpath.journey.plans.pa_forms import PaCostsForm
from clearpath.journey.plans.pages import (
    edit_plan_page,
    own_plan_page,
    pa_form_from,
)
from clearpath.journey.plans.services import add_pa_line, plan_problems, start_plan
from clearpath.journey.portal import services
from clearpath.journey.portal.access import portal_view
from clearpath.journey.portal.views import _render
from clearpath.web import apply_service_error


def _open_plan(person):
    return person.plans.filter(
        status__in=[SupportPlan.Status.DRAFT, SupportPlan.Status.RETURNED]
    ).first()


@portal_view("plan", "Support plan")
def plan(request):
    access = request.portal
    person = access.person
    current = _open_plan(person)
    latest = person.plans.first()
    waiting = latest is not None and latest.status == SupportPlan.Status.SUBMITTED
    if current is None:
        if (
            request.method == "POST"
            and request.POST.get("action") in ("start", "upload")
            and not waiting
        ):
            try:
                current = start_plan(person=person, by=services.system_actor(), led_by="person")
            except ServiceError as e:
                messages.error(request, e.message)
                return redirect("portal:home")
            if request.POST["action"] == "upload":
                return redirect("portal:plan-upload")
            return redirect("portal:plan")
        return _render(
            request,
            "portal/plan_start.html",
            {"calc": person.budget_calculations.first(), "latest": latest},
        )
    if current.format == SupportPlan.Format.OWN:
        return redirect("portal:plan-upload")
    return edit_plan_page(
        request,
        current,
        by=services.system_actor(),
        edit_url=reverse("portal:plan"),
        continue_url=reverse("portal:plan-check"),
        template="portal/plan.html",
        extra={
            "access": access,
            "pa_url": reverse("portal:pa-costs"),
            "directory_url": reverse("portal:directory"),
        },
    )


@portal_view("plan", "Support plan: check and send")
def plan_check(request):
    access = request.portal
    current = _open_plan(access.person) or access.person.plans.first()
    if current is None:
        return redirect("portal:plan")
    sent = current.portal_sent.first()
    if request.method == "POST" and current.is_editable:
        try:
            services.send_plan(access=access, plan=current)
        except ServiceError as e:
            messages.error(request, e.message)
            return redirect("portal:plan")
        messages.success(request, "Your plan has been sent to the council")
        return redirect("portal:plan-check")
    return _render(
        request,
        "portal/plan_check.html",
        {
            "plan": current,
            "person": current.person,
            "sent": sent,
            "problems": plan_problems(current) if current.is_editable else [],
            "outcomes": list(current.outcomes.all()),
            "lines": list(current.lines.all()),
            "doc_url": lambda d: reverse("portal:document", args=[d.pk]),
        },
    )


@portal_view("plan", "Support plan: upload a plan written elsewhere")
def plan_upload(request):
    access = request.portal
    return own_plan_page(
        request,
        access.person,
        by=services.system_actor(),
        actor_name=access.account.name,
        template="portal/plan_upload.html",
        next_url=lambda p: reverse("portal:plan-check"),
        extra={"access": access},
    )


@portal_view("plan", "Personal assistant costs")
def pa_costs(request):
    access = request.portal
    current = _open_plan(access.person)
    if request.method == "POST" and current is not None:
        form = PaCostsForm(request.POST)
        if form.is_valid():
            try:
                add_pa_line(
                    plan=current,
                    by=services.system_actor(),
                    costs=form.result,
                    actor_name=access.account.name,
                )
            except ServiceError as e:
                apply_service_error(form, e)
            else:
                messages.success(request, "The personal assistant's costs were added to your plan")
                return redirect("portal:plan")
    else:
        form = pa_form_from(request.GET)
    return _render(
        request,
        "portal/pa_costs.html",
        {
            "form": form,
            "plan": current,
            "result": form.result if form.is_bound and form.is_valid() else None,
        },
    )


@portal_view("plan", "Local directory")
def directory(request):
    form, entries = run_search(request.GET)
    return _render(
        request,
        "portal/directory.html",
        {
            "form": form,
            "entries": entries,
            "plan": _open_plan(request.portal.person),
            "action": reverse("portal:directory"),
            "entry_url": lambda e: reverse("portal:directory-entry", args=[e.pk]),
        },
    )


@portal_view("plan", "Local directory entry")
def directory_entry(request, entry_id: int):
    access = request.portal
    entry = get_object_or_404(Entry, pk=entry_id, active=True)
    current = _open_plan(access.person)
    form = UseEntryForm(request.POST or None)
    cost = None
    if request.method == "POST" and current and form.is_valid():
        try:
            if request.POST.get("action") == "add":
                add_entry_to_plan(
                    plan=current,
                    entry=entry,
                    by=services.system_actor(),
                    quantity=form.cleaned_data["quantity"],
                    frequency=form.cleaned_data["frequency"],
                    actor_name=access.account.name,
                )
                messages.success(request, f"{entry.name} was added to your plan")
                return redirect("portal:plan")
            cost = cost_of(
                entry,
                quantity=form.cleaned_data["quantity"],
                frequency=form.cleaned_data["frequency"],
            )
        except ServiceError as e:
            apply_service_error(form, e)
    return _render(
        request,
        "portal/directory_entry.html",
        {"entry": entry, "plan": current, "form": form, "cost": cost, "post_url": request.path},
    )


# --- Documents, decisions and messages -------------------------------------------------------
