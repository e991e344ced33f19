"""Finance pages: payment runs, exceptions, a direct payment account (statements, recovery),
uplifts, contributions and direct payment agreements. Thin: every change is a service call."""

import csv
from functools import wraps

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from clearpath.errors import ServiceError
from clearpath.journey.budgets.models import PersonalBudget
from clearpath.journey.people.access import can_change_people, get_record_for
from clearpath.money.finance import services
from clearpath.money.finance.forms import (
    AcceptForm,
    AgreementForm,
    ContributionForm,
    DeploymentForm,
    PaymentRunForm,
    RecoveryForm,
    ResolveForm,
    StatementForm,
    UpliftForm,
)
from clearpath.money.finance.models import (
    DirectPaymentAgreement,
    MonitoringException,
    PaymentChange,
    PaymentRun,
)
from clearpath.money.finance.selectors import balance_subquery
from clearpath.platform.accounts.models import StaffMember
from clearpath.web import apply_service_error, staff_required
from domain import rulepacks
from domain.money import format_money

FINANCE_ROLES = (StaffMember.Role.FINANCE_OFFICER, StaffMember.Role.ADMINISTRATOR)


def finance_required(view):
    """Finance officers (and administrators) only; anyone else gets the same 404 as a missing page."""

    @staff_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.role not in FINANCE_ROLES:
            raise Http404("No such page")
        return view(request, *args, **kwargs)

    return wrapped


@finance_required
def finance_home(request):
    form = PaymentRunForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.request_payment_run(
                through=form.cleaned_data["through"], by=request.user
            )
        except ServiceError as e:
            apply_service_error(form, e)
        else:
            if run.status != PaymentRun.Status.DONE:
                services.start_payment_run_in_background(run)
            messages.success(request, f"Payment run {run.pk} started")
            return redirect("finance:run-detail", run_id=run.pk)
    runs = list(PaymentRun.objects.select_related("started_by")[:10])
    open_exceptions = MonitoringException.objects.filter(status="open").count()
    return render(
        request,
        "finance/home.html",
        {"form": form, "runs": runs, "open_exceptions": open_exceptions},
        status=422 if form.errors else 200,
    )


@finance_required
def run_detail(request, run_id: int):
    run = get_object_or_404(PaymentRun.objects.select_related("started_by"), pk=run_id)
    skips = list(run.skips.select_related("person").order_by("id")[:200])
    return render(
        request,
        "finance/run_detail.html",
        {
            "run": run,
            "totals": services.run_totals(run),
            "skips": skips,
        },
    )


class _Echo:
    def write(self, value):
        return value


@finance_required
def run_export(request, run_id: int):
    run = get_object_or_404(PaymentRun, pk=run_id)
    if run.status != PaymentRun.Status.DONE:
        raise Http404("The export is ready when the run has finished")
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in services.export_rows(run)), content_type="text/csv"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="payment-run-{run.pk}-{run.through.isoformat()}.csv"'
    )
    return response


@finance_required
def exception_list(request):
    exceptions = (
        MonitoringException.objects.filter(status="open")
        .select_related("person", "agreement")
        .order_by("person__last_name", "person__first_name", "id")
    )
    page = Paginator(exceptions, 50).get_page(request.GET.get("page"))
    return render(request, "finance/exception_list.html", {"page": page})


@finance_required
def agreement_list(request):
    agreements = (
        DirectPaymentAgreement.objects.select_related("person", "personal_budget")
        .annotate(balance=balance_subquery())
        .order_by("person__last_name", "person__first_name", "id")
    )
    page = Paginator(agreements, 50).get_page(request.GET.get("page"))
    return render(request, "finance/agreement_list.html", {"page": page})


def _agreement_page(request, agreement, **forms):
    plan_lines = list(agreement.personal_budget.plan.lines.all())
    open_exceptions = list(
        agreement.exceptions.filter(status="open").select_related("line").order_by("id")[:100]
    )
    context = {
        "agreement": agreement,
        "person": agreement.person,
        "figures": services.surplus_for(agreement),
        "position": services.ledger_position(agreement.personal_budget),
        "statements": list(agreement.imports.select_related("imported_by")[:20]),
        "recoveries": list(agreement.recoveries.select_related("recorded_by")[:20]),
        "changes": list(
            PaymentChange.objects.filter(revision__personal_budget_id=agreement.personal_budget_id)
            .select_related("payment", "revision")
            .order_by("-revision__number", "payment__due_on")[:50]
        ),
        "exceptions": open_exceptions,
        "resolve_form": ResolveForm(plan_lines=plan_lines),
        "statement_form": forms.get("statement_form") or StatementForm(),
        "recovery_form": forms.get("recovery_form") or RecoveryForm(),
        "form": forms.get("statement_form") or forms.get("recovery_form"),
        "refused": forms.get("refused"),
        "is_finance": request.user.role in FINANCE_ROLES,
        "policy": rulepacks.money_policy(),
    }
    bad = any(f is not None and f.errors for f in forms.values() if hasattr(f, "errors"))
    return render(request, "finance/agreement_detail.html", context, status=422 if bad else 200)


def _agreement(request, agreement_id):
    return get_record_for(
        request.user,
        DirectPaymentAgreement,
        agreement_id,
        what="direct payment account",
        related=["personal_budget__plan"],
    )


@staff_required
def agreement_detail(request, agreement_id: int):
    return _agreement_page(request, _agreement(request, agreement_id))


@finance_required
@require_POST
def statement_import(request, agreement_id: int):
    agreement = _agreement(request, agreement_id)
    form = StatementForm(request.POST, request.FILES)
    refused = None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            statement = services.import_statement(
                agreement=agreement,
                by=request.user,
                filename=upload.name,
                content=upload.read(),
                layout=form.cleaned_data["layout"],
            )
        except services.StatementRefused as e:
            refused = e
            form.add_error("file", "The statement was not imported: " + e.reasons[0])
        except ServiceError as e:
            apply_service_error(form, e)
        else:
            n = statement.exceptions.count()
            messages.success(
                request,
                f"Statement imported: {statement.line_count} lines, "
                + (f"{n} to look at" if n else "nothing to look at"),
            )
            return redirect("finance:agreement-detail", agreement_id=agreement.pk)
    return _agreement_page(request, agreement, statement_form=form, refused=refused)


@finance_required
@require_POST
def recovery_record(request, agreement_id: int):
    agreement = _agreement(request, agreement_id)
    form = RecoveryForm(request.POST)
    if form.is_valid():
        try:
            recovery = services.record_recovery(
                agreement=agreement, by=request.user, **form.cleaned_data
            )
        except ServiceError as e:
            apply_service_error(form, e)
        else:
            messages.success(request, f"Recovery of {format_money(recovery.amount)} recorded")
            return redirect("finance:agreement-detail", agreement_id=agreement.pk)
    return _agreement_page(request, agreement, recovery_form=form)


@finance_required
@require_POST
def exception_resolve(request, exception_id: int):
    exc = get_record_for(request.user, MonitoringException, exception_id, what="exception")
    plan_lines = list(exc.agreement.personal_budget.plan.lines.all())
    form = ResolveForm(request.POST, plan_lines=plan_lines)
    if form.is_valid():
        try:
            services.resolve_exception(
                exception=exc,
                by=request.user,
                resolution=form.cleaned_data["resolution"],
                payee_rule_line=form.cleaned_data["plan_line"],
            )
        except ServiceError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, "Resolved")
    else:
        messages.error(request, "Say what you found to resolve it")
    return redirect("finance:agreement-detail", agreement_id=exc.agreement_id)


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
