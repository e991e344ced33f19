"""Finance pages about a personal budget's money: a direct payment agreement (made, as a PDF,
accepted), the person's contribution, how the budget is deployed, and yearly uplifts.
Thin: every change is a service call."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from clearpath.errors import ServiceError
from clearpath.journey.budgets.models import PersonalBudget
from clearpath.journey.people.access import can_change_people, get_record_for
from clearpath.money.finance import services
from clearpath.money.finance.forms import (
    AcceptForm,
    AgreementForm,
    ContributionForm,
    DeploymentForm,
    UpliftForm,
)
from clearpath.money.finance.views import FINANCE_ROLES, _agreement, finance_required
from clearpath.web import apply_service_error, staff_required
from domain import rulepacks
from domain.money import format_money


@finance_required
def uplift(request):
    form = UpliftForm(request.POST if request.method == "POST" else None)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if request.POST.get("action") == "apply":
                done = services.apply_uplift(by=request.user, **data)
                n = done.revisions.count()
                messages.success(request, f"Uplift applied to {n} budget{'' if n == 1 else 's'}")
                return redirect("finance:home")
            preview = services.uplift_preview(
                percent=data["percent"],
                old_rate=data["old_rate"],
                new_rate=data["new_rate"],
                effective_on=data["effective_on"],
            )
        except ServiceError as e:
            apply_service_error(form, e)
    return render(
        request,
        "finance/uplift.html",
        {"form": form, "preview": preview},
        status=422 if form.errors else 200,
    )


def _budget(request, budget_id, write=False):
    return get_record_for(
        request.user,
        PersonalBudget,
        budget_id,
        what="personal budget",
        related=["plan"],
        write=False,
    )


@staff_required
def contribution(request, budget_id: int):
    if request.user.role not in FINANCE_ROLES:
        raise Http404("No such page")
    budget = _budget(request, budget_id)
    form = ContributionForm(
        request.POST if request.method == "POST" else None,
        initial={"effective_on": timezone.localdate(), "source": "calculated"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            fa = services.record_contribution(
                personal_budget=budget, by=request.user, **form.cleaned_data
            )
        except ServiceError as e:
            apply_service_error(form, e)
        else:
            messages.success(
                request, f"Contribution of {format_money(fa.weekly_contribution)} a week recorded"
            )
            return redirect("people:person-detail", person_id=budget.person_id)
    return render(
        request,
        "finance/contribution.html",
        {"form": form, "budget": budget, "person": budget.person, "rules": rulepacks.charging()},
        status=422 if form.errors else 200,
    )


@staff_required
def agreement_new(request, budget_id: int):
    if not (can_change_people(request.user) or request.user.role in FINANCE_ROLES):
        raise Http404("No such page")
    budget = _budget(request, budget_id)
    form = AgreementForm(
        request.POST if request.method == "POST" else None,
        initial={"recipient": "person", "recipient_name": budget.person.full_name},
    )
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.set_up_agreement(
                personal_budget=budget, by=request.user, **form.cleaned_data
            )
        except ServiceError as e:
            apply_service_error(form, e)
        else:
            messages.success(request, "Direct payment agreement set up")
            return redirect("finance:agreement-detail", agreement_id=agreement.pk)
    return render(
        request,
        "finance/agreement_new.html",
        {"form": form, "budget": budget, "person": budget.person},
        status=422 if form.errors else 200,
    )


@staff_required
def agreement_pdf(request, agreement_id: int):
    from clearpath.money.finance.rendering import agreement_pdf as render_pdf

    agreement = _agreement(request, agreement_id)
    response = HttpResponse(render_pdf(agreement), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="direct-payment-agreement-{agreement.pk}.pdf"'
    )
    return response


@staff_required
def agreement_accept(request, agreement_id: int):
    agreement = _agreement(request, agreement_id)
    form = AcceptForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.accept_agreement(
                agreement=agreement, by=request.user, name=form.cleaned_data["name"]
            )
        except ServiceError as e:
            apply_service_error(form, e)
        else:
            messages.success(request, "Agreement accepted")
            return redirect("finance:agreement-detail", agreement_id=agreement.pk)
    return render(
        request,
        "finance/agreement_accept.html",
        {"form": form, "agreement": agreement, "person": agreement.person},
        status=422 if form.errors else 200,
    )


@finance_required
def deployment(request, budget_id: int):
    budget = _budget(request, budget_id)
    shares = services.current_shares(budget) or {budget.deployment: budget.weekly_net}
    form = DeploymentForm(
        request.POST if request.method == "POST" else None,
        initial={
            **{k: f"{v:.2f}" for k, v in shares.items()},
            "effective_on": timezone.localdate(),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_deployment(personal_budget=budget, by=request.user, **form.cleaned_data)
        except ServiceError as e:
            apply_service_error(form, e)
        else:
            messages.success(request, "How the budget is used has been changed")
            return redirect("people:person-detail", person_id=budget.person_id)
    return render(
        request,
        "finance/deployment.html",
        {"form": form, "budget": budget, "person": budget.person},
        status=422 if form.errors else 200,
    )
