"""Plan pages shared by staff views and the portal (a page body without the access check)."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

from clearpath.errors import ServiceError
from clearpath.journey.plans.documents import upload_own_plan
from clearpath.journey.plans.forms import PlanForm
from clearpath.journey.plans.models import SupportPlan
from clearpath.journey.plans.own_forms import MAIN_LINES, OwnPlanForm
from clearpath.journey.plans.pa_forms import PaCostsForm
from clearpath.journey.plans.services import update_plan
from clearpath.web import apply_service_error
from domain import rulepacks


def edit_plan_page(request, plan, *, by, edit_url, continue_url, template, extra):
    """The plan form (staff and portal): save the whole plan, with a running total."""
    initial, outcome_count, line_count, risk_count = PlanForm.initial_from(plan)
    if request.method == "POST":
        outcome_count = max(outcome_count, _count(request.POST, "outcome-"))
        line_count = max(line_count, _count(request.POST, "lines-", "-description"))
        risk_count = max(risk_count, _count(request.POST, "risks-", "-risk"))
        if request.POST.get("action") == "add-risk":
            risk_count += 1
        form = PlanForm(
            request.POST,
            outcome_count=outcome_count,
            line_count=line_count,
            risk_count=risk_count,
        )
        if form.is_valid():
            try:
                update_plan(
                    plan=plan,
                    by=by,
                    expected_version=form.cleaned_data["row_version"],
                    led_by=form.cleaned_data["led_by"],
                    what_matters=form.cleaned_data["what_matters"],
                    deployment=form.cleaned_data["deployment"],
                    outcomes=form.outcomes,
                    lines=form.lines,
                    risks=form.risks,
                    contingency=form.cleaned_data["contingency"],
                    money_notes=form.cleaned_data["money_notes"],
                )
            except ServiceError as e:
                apply_service_error(form, e)
            else:
                if request.POST.get("action") == "continue":
                    return redirect(continue_url)
                if request.POST.get("action") == "add-risk":
                    return redirect(edit_url + "?risks=" + str(risk_count))
                messages.success(request, "The plan has been saved")
                return redirect(edit_url)
    else:
        asked = request.GET.get("risks", "")
        if asked.isdigit():
            risk_count = max(risk_count, min(int(asked), 20))
        form = PlanForm(
            initial=initial,
            outcome_count=outcome_count,
            line_count=line_count,
            risk_count=risk_count,
        )
        form.lines = [{"weekly_cost": line.weekly_cost} for line in plan.lines.all()]
    return render(
        request,
        template,
        {
            "form": form,
            "plan": plan,
            "person": plan.person,
            "calc": plan.budget_calculation,
            "total": form.running_total(),
            "line_numbers": range(1, line_count + 1),
            "outcome_numbers": range(1, outcome_count + 1),
            "risk_numbers": range(1, risk_count + 1),
            **extra,
        },
    )


def _count(data, prefix: str, suffix: str = "") -> int:
    numbers = [
        k[len(prefix) :].split("-")[0] for k in data if k.startswith(prefix) and k.endswith(suffix)
    ]
    return max((int(n) for n in numbers if n.isdigit() and int(n) <= 60), default=0)


def pa_form_from(data):
    """The calculator bound to the query (or posted) data, or unbound with this year's defaults."""
    if "hourly_rate" in data:
        return PaCostsForm(data)
    return PaCostsForm(initial={"tax_year": rulepacks.pa_employer().tax_year})


def read_upload(form) -> tuple[str | None, bytes | None]:
    """The uploaded file's name and bytes (read up to one byte over the limit), or (None, None)."""
    f = form.cleaned_data.get("document") if hasattr(form, "cleaned_data") else None
    if not f:
        return None, None
    return f.name, f.read(settings.PLAN_UPLOAD_MAX_BYTES + 1)


def own_plan_page(request, person, *, by, actor_name, template, next_url, extra):
    """The own-format upload form (staff and portal)."""
    open_plan = person.plans.filter(
        status__in=[SupportPlan.Status.DRAFT, SupportPlan.Status.RETURNED]
    ).first()
    max_bytes = settings.PLAN_UPLOAD_MAX_BYTES
    if request.method == "POST":
        form = OwnPlanForm(request.POST, request.FILES, max_bytes=max_bytes)
        if form.is_valid():
            name, content = read_upload(form)
            try:
                plan = upload_own_plan(
                    person=person,
                    by=by,
                    file_name=name,
                    content=content,
                    weekly_total=form.cleaned_data["weekly_total"],
                    outcomes=form.outcome_list,
                    main_lines=form.main_lines,
                    deployment=form.cleaned_data["deployment"],
                    led_by=form.cleaned_data["led_by"],
                    actor_name=actor_name,
                )
            except ServiceError as e:
                apply_service_error(form, e)
            else:
                return redirect(next_url(plan))
    else:
        initial = OwnPlanForm.initial_from(open_plan) if open_plan else {"led_by": "person"}
        form = OwnPlanForm(initial=initial, max_bytes=max_bytes)
    return render(
        request,
        template,
        {
            "form": form,
            "person": person,
            "plan": open_plan,
            "main_numbers": range(1, MAIN_LINES + 1),
            **extra,
        },
    )


def document_response(doc) -> HttpResponse:
    """The stored document, as a download (never shown inline, so it cannot run in our pages)."""
    types = {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "odt": "application/vnd.oasis.opendocument.text",
        "jpeg": "image/jpeg",
        "png": "image/png",
    }
    response = HttpResponse(bytes(doc.content), content_type=types[doc.kind])
    response["Content-Disposition"] = content_disposition_header(True, doc.name)
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
