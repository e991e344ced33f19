"""Finance pages: payment runs, exceptions and a direct payment account (statements, recovery).
The pages about a personal budget's money (agreements, contributions, deployment, uplifts) are in
budget_views.py. Thin: every change is a service call."""

from functools import wraps

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from clearpath.errors import ServiceError
from clearpath.exports import csv_lines
from clearpath.journey.people.access import get_record_for
from clearpath.money.finance import services
from clearpath.money.finance.forms import (
    PaymentRunForm,
    RecoveryForm,
    ResolveForm,
    StatementForm,
)
from clearpath.money.finance.models import (
    DirectPaymentAgreement,
    MonitoringException,
    PaymentChange,
    PaymentRun,
)
from clearpath.money.finance.selectors import balance_subquery
from clearpath.platform.accounts.models import StaffMember
from clearpath.platform.audit.services import record_bulk_view
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
    already = None
    if request.method == "POST" and form.is_valid():
        try:
            run = services.request_payment_run(
                through=form.cleaned_data["through"], by=request.user
            )
        except ServiceError as e:
            apply_service_error(form, e)
            already = getattr(e, "run", None)
        else:
            run = services.queue_payment_run(run, by=request.user)
            messages.success(request, f"Payment run {run.pk} is on its way")
            return redirect("finance:run-detail", run_id=run.pk)
    runs = list(PaymentRun.objects.select_related("started_by")[:10])
    open_exceptions = MonitoringException.objects.filter(status="open").count()
    return render(
        request,
        "finance/home.html",
        {"form": form, "runs": runs, "open_exceptions": open_exceptions, "already": already},
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
            "progress": services.progress(run),
            "skips": skips,
        },
    )


@finance_required
@require_POST
def run_carry_on(request, run_id: int):
    """Queue again a run that stopped (its worker stopped, or it failed): it carries on."""
    run = get_object_or_404(PaymentRun, pk=run_id)
    if run.status == PaymentRun.Status.FAILED or services.stalled(run):
        why = f"{request.user.get_full_name() or request.user.username} asked for it to carry on"
        services.queue_payment_run(run, by=request.user, why=why)
        messages.success(request, f"Payment run {run.pk} will carry on where it stopped")
    return redirect("finance:run-detail", run_id=run.pk)


@finance_required
def run_export(request, run_id: int):
    run = get_object_or_404(PaymentRun, pk=run_id)
    if run.status != PaymentRun.Status.DONE:
        raise Http404("The export is ready when the run has finished")
    people = run.payments.values("person_id").distinct().count()
    record_bulk_view(
        actor=request.user,
        action="payments.exported",
        what=f"the bank details in payment run {run.pk}'s export",
        people=people,
        obj=run,
    )
    response = StreamingHttpResponse(csv_lines(services.export_rows(run)), content_type="text/csv")
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
