"""Money services: direct payment agreements, payment runs that pay exactly once, budget
revisions and uplifts, contributions, statement imports, exceptions and recoveries.

Each state change is one function here, in a transaction, with an audit row. The payment run
commits in chunks: each chunk marks its payments paid, writes their export lines and posts their
ledger entries in one transaction, so a run stopped at any moment has either paid a payment
completely or not at all; running again carries on from there. Three guards make double payment
impossible: the row lock and status check on each scheduled payment, the unique payment on an
export line, and the unique idempotency key on a ledger entry.
"""

import os
import threading
from datetime import date, timedelta
from decimal import Decimal

from django.db import close_old_connections, connection, transaction
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils import timezone

from audit.services import record_event
from budgets.models import PersonalBudget
from clearpath.errors import InvalidInput, ServiceError
from domain import ledger as ledger_rules
from domain import rulepacks
from domain.money import PENNY, format_money, to_money
from finance.models import (
    BudgetRevision,
    BudgetUplift,
    DirectPaymentAgreement,
    PaymentChange,
    PaymentRun,
    RunPayment,
    RunSkip,
)
from ledger.services import NewEntry, entry_for, post, post_many
from payments.models import PaymentSchedule, ScheduledPayment

ZERO = Decimal("0.00")
CRASH_ENV = "CLEARPATH_PAYMENT_RUN_CRASH_AFTER_CHUNKS"  # tests: kill the process mid-run


# --- Agreements -----------------------------------------------------------------------------


def _plan_weights(personal_budget) -> list[tuple[int, Decimal]]:
    return [(line.pk, line.weekly_cost) for line in personal_budget.plan.lines.all()]


def commitment_parts(personal_budget, total: Decimal) -> tuple:
    """`total` apportioned across the plan's lines by their weekly cost, to the penny."""
    weights = _plan_weights(personal_budget)
    if not weights:
        return ((total, None),)
    amounts = ledger_rules.apportion(total, [w for _, w in weights])
    return tuple((a, pk) for a, (pk, _) in zip(amounts, weights, strict=True) if a > 0)


def _clean_bank(sort_code: str, account_number: str) -> tuple[str, str, list]:
    errors = []
    sort_code = "".join(c for c in (sort_code or "") if c.isdigit())
    account_number = "".join(c for c in (account_number or "") if c.isdigit())
    if sort_code and len(sort_code) != 6:
        errors.append(("sort_code", "Enter a sort code of 6 digits, like 30-94-57"))
    if account_number and not 6 <= len(account_number) <= 8:
        errors.append(("account_number", "Enter an account number of 6 to 8 digits"))
    return sort_code, account_number, errors


@transaction.atomic
def set_up_agreement(
    *,
    personal_budget,
    by,
    recipient: str = "person",
    recipient_name: str = "",
    account_name: str = "",
    sort_code: str = "",
    account_number: str = "",
) -> DirectPaymentAgreement:
    """Offer the direct payment agreement for a budget and commit its scheduled payments in the
    ledger. Bank details may come later; a run skips the agreement (visibly) until they do."""
    budget = (
        PersonalBudget.objects.select_for_update()
        .select_related("person")
        .get(pk=personal_budget.pk)
    )
    if budget.deployment != PersonalBudget.Deployment.DIRECT_PAYMENT:
        raise ServiceError("This budget is not paid as a direct payment.")
    if DirectPaymentAgreement.objects.filter(personal_budget=budget).exists():
        raise ServiceError("This budget already has a direct payment agreement.")
    if recipient not in DirectPaymentAgreement.Recipient.values:
        raise InvalidInput([("recipient", "Choose who receives the direct payment")])
    sort_code, account_number, errors = _clean_bank(sort_code, account_number)
    if errors:
        raise InvalidInput(errors)
    agreement = DirectPaymentAgreement.objects.create(
        personal_budget=budget,
        person=budget.person,
        recipient=recipient,
        recipient_name=(recipient_name or budget.person.full_name).strip()[:200],
        account_name=account_name.strip()[:200],
        sort_code=sort_code,
        account_number=account_number,
        starts_on=budget.starts_on,
        terms=list(agreement_terms(budget)),
    )
    scheduled = ScheduledPayment.objects.filter(
        schedule__personal_budget=budget, status=ScheduledPayment.Status.SCHEDULED
    ).aggregate(total=Sum("amount"))["total"]
    if scheduled:
        post(
            entry_for(
                budget,
                kind=ledger_rules.Kind.COMMITMENT,
                key=f"commit-pb{budget.pk}",
                effective_on=budget.starts_on,
                description=f"Direct payments committed for {budget.person.full_name}",
                parts=commitment_parts(budget, scheduled),
            ),
            by=by,
        )
    record_event(
        actor=by,
        action="dp_agreement.offered",
        obj=agreement,
        person=budget.person,
        summary=f"Direct payment agreement offered to {agreement.recipient_name}",
        changes={"recipient": recipient, "has_bank_details": agreement.has_bank_details},
    )
    return agreement


def agreement_terms(budget) -> tuple[str, ...]:
    """The agreement's terms in plain words (the council's template text, filled in)."""
    policy = rulepacks.money_policy()
    every = rulepacks.review_policy().payment_every_days
    return (
        f"The council will pay {format_money(budget.weekly_net)} a week into the account, "
        f"every {every} days in advance.",
        "You use the money to meet the needs in your support plan, in the ways the plan says.",
        "You keep the money in an account used only for your direct payment.",
        f"You may keep up to {policy.contingency_weeks} weeks' money for emergencies. If more "
        "builds up we will talk to you before we take any back, and tell you why.",
        "We look at your account statement; we will not ask for receipts for what the statement "
        "already shows.",
        "Tell us if your needs or your circumstances change.",
    )


@transaction.atomic
def update_bank_details(
    *, agreement, by, account_name: str, sort_code: str, account_number: str
) -> DirectPaymentAgreement:
    agreement = DirectPaymentAgreement.objects.select_for_update().get(pk=agreement.pk)
    sort_code, account_number, errors = _clean_bank(sort_code, account_number)
    if not account_name.strip():
        errors.insert(0, ("account_name", "Enter the name on the account"))
    if not sort_code:
        errors.append(("sort_code", "Enter the sort code"))
    if not account_number:
        errors.append(("account_number", "Enter the account number"))
    if errors:
        raise InvalidInput(errors)
    agreement.account_name = account_name.strip()[:200]
    agreement.sort_code, agreement.account_number = sort_code, account_number
    agreement.save(update_fields=["account_name", "sort_code", "account_number"])
    record_event(
        actor=by,
        action="dp_agreement.bank_details",
        obj=agreement,
        person=agreement.person,
        summary="Bank details for direct payments changed",
        changes={"account_number_ends": account_number[-4:]},
    )
    return agreement


@transaction.atomic
def accept_agreement(*, agreement, by, name: str) -> DirectPaymentAgreement:
    """Accepted online: the name typed by the person (or their representative) and the time."""
    agreement = DirectPaymentAgreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status == DirectPaymentAgreement.Status.ACCEPTED:
        raise ServiceError("This agreement has already been accepted.")
    if not name.strip():
        raise InvalidInput([("name", "Type your full name to accept the agreement")])
    agreement.status = DirectPaymentAgreement.Status.ACCEPTED
    agreement.accepted_name = name.strip()[:200]
    agreement.accepted_at = timezone.now()
    agreement.save(update_fields=["status", "accepted_name", "accepted_at"])
    record_event(
        actor=by,
        action="dp_agreement.accepted",
        obj=agreement,
        person=agreement.person,
        summary=f"Direct payment agreement accepted by {agreement.accepted_name}",
    )
    return agreement


# --- Payment runs -----------------------------------------------------------------------------


@transaction.atomic
def request_payment_run(*, through: date, by) -> PaymentRun:
    """Queue a run paying everything due on or before `through`. An unfinished run for the same
    date (stopped by a crash) is carried on instead of starting another."""
    if not isinstance(through, date):
        raise InvalidInput([("through", "Enter the date to pay up to")])
    if through > timezone.localdate() + timedelta(days=366):
        raise InvalidInput([("through", "Enter a date no more than a year ahead")])
    unfinished = (
        PaymentRun.objects.select_for_update()
        .filter(through=through)
        .exclude(status=PaymentRun.Status.DONE)
        .first()
    )
    if unfinished:
        return unfinished
    run = PaymentRun.objects.create(through=through, started_by=by if by else None)
    record_event(
        actor=by,
        action="payment_run.requested",
        obj=run,
        summary=f"Payment run requested for payments due by {through:%-d %B %Y}",
        changes={"through": through},
    )
    return run


def _payable(through: date):
    with_bank = DirectPaymentAgreement.objects.filter(
        personal_budget_id=OuterRef("schedule__personal_budget_id")
    ).exclude(Q(account_name="") | Q(sort_code="") | Q(account_number=""))
    return ScheduledPayment.objects.filter(
        status=ScheduledPayment.Status.SCHEDULED,
        due_on__lte=through,
        schedule__status=PaymentSchedule.Status.ACTIVE,
    ).filter(Exists(with_bank))


def _record_skips(run: PaymentRun) -> None:
    """Every schedule with payments due that cannot be paid: why, how many, how much."""
    due = (
        ScheduledPayment.objects.filter(
            status=ScheduledPayment.Status.SCHEDULED,
            due_on__lte=run.through,
            schedule__status=PaymentSchedule.Status.ACTIVE,
        )
        .exclude(pk__in=_payable(run.through).values("pk"))
        .values("schedule_id", "schedule__person_id", "schedule__personal_budget_id")
        .annotate(n=Count("id"), total=Sum("amount"))
        .order_by("schedule_id")
    )
    rows = list(due)
    agreements = set(
        DirectPaymentAgreement.objects.filter(
            personal_budget_id__in=[r["schedule__personal_budget_id"] for r in rows]
        ).values_list("personal_budget_id", flat=True)
    )
    RunSkip.objects.bulk_create(
        [
            RunSkip(
                run=run,
                schedule_id=r["schedule_id"],
                person_id=r["schedule__person_id"],
                reason=(
                    "No bank details on the direct payment agreement"
                    if r["schedule__personal_budget_id"] in agreements
                    else "No direct payment agreement set up"
                ),
                payments=r["n"],
                amount=r["total"],
            )
            for r in rows
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )


def _claim(run_id: int) -> bool:
    """Only one process works on a run at a time (PostgreSQL advisory lock, freed if it dies)."""
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as c:
        c.execute("SELECT pg_try_advisory_lock(%s, %s)", [4206, run_id])
        return c.fetchone()[0]


def _release(run_id: int) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("SELECT pg_advisory_unlock(%s, %s)", [4206, run_id])


def _pay_chunk(run: PaymentRun, chunk_size: int, by) -> int:
    """Pay up to `chunk_size` due payments in one transaction; how many were paid."""
    with transaction.atomic():
        payments = list(
            _payable(run.through)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("schedule")
            .order_by("id")[:chunk_size]
        )
        if not payments:
            return 0
        budget_ids = {p.schedule.personal_budget_id for p in payments}
        agreements = {
            a.personal_budget_id: a
            for a in DirectPaymentAgreement.objects.filter(
                personal_budget_id__in=budget_ids
            ).select_related("person")
        }
        made, entries = [], []
        for p in payments:
            a = agreements[p.schedule.personal_budget_id]
            made.append(
                RunPayment(
                    run=run,
                    payment=p,
                    agreement=a,
                    person_id=a.person_id,
                    amount=p.amount,
                    due_on=p.due_on,
                    payee=a.account_name,
                    sort_code=a.sort_code,
                    account_number=a.account_number,
                    reference=p.idempotency_key,
                )
            )
            entries.append(
                NewEntry(
                    kind=ledger_rules.Kind.PAYMENT,
                    key=f"pay-{p.idempotency_key}",
                    personal_budget_id=a.personal_budget_id,
                    person_id=a.person_id,
                    team_id=a.person.team_id,
                    effective_on=p.due_on,
                    description=f"Direct payment due {p.due_on:%-d %B %Y}",
                    parts=((p.amount, None),),
                )
            )
        RunPayment.objects.bulk_create(made)
        post_many(entries, by=by)
        ScheduledPayment.objects.filter(pk__in=[p.pk for p in payments]).update(
            status=ScheduledPayment.Status.PAID
        )
    return len(payments)


def process_payment_run(run_id: int, *, chunk_size: int = 500) -> PaymentRun:
    """Do the work of a queued (or stopped) run. Safe to call again at any time."""
    if not _claim(run_id):
        raise ServiceError("This payment run is already being processed.")
    try:
        with transaction.atomic():
            run = PaymentRun.objects.select_for_update().get(pk=run_id)
            if run.status == PaymentRun.Status.DONE:
                return run
            run.status, run.started_at, run.error = PaymentRun.Status.RUNNING, timezone.now(), ""
            run.save(update_fields=["status", "started_at", "error"])
        by = run.started_by
        crash_after = int(os.environ.get(CRASH_ENV, "0") or 0)
        chunks = 0
        try:
            _record_skips(run)
            while _pay_chunk(run, chunk_size, by):
                chunks += 1
                if crash_after and chunks >= crash_after:
                    os._exit(17)  # a real crash: no cleanup, no exception handling
        except Exception as e:
            PaymentRun.objects.filter(pk=run.pk).update(
                status=PaymentRun.Status.FAILED, error=str(e)[:2000]
            )
            raise
        with transaction.atomic():
            run = PaymentRun.objects.select_for_update().get(pk=run_id)
            run.status, run.finished_at = PaymentRun.Status.DONE, timezone.now()
            run.save(update_fields=["status", "finished_at"])
            totals = run_totals(run)
            record_event(
                actor=by,
                action="payment_run.done",
                obj=run,
                summary=(
                    f"Payment run to {run.through:%-d %B %Y}: {totals['paid']} payments, "
                    f"{format_money(totals['total'])}; {totals['skipped']} agreements skipped"
                ),
                changes=totals,
            )
        return run
    finally:
        _release(run_id)


def run_totals(run: PaymentRun) -> dict:
    paid = run.payments.aggregate(n=Count("id"), total=Sum("amount"))
    skipped = run.skips.aggregate(n=Count("id"), total=Sum("amount"))
    return {
        "paid": paid["n"],
        "total": paid["total"] or ZERO,
        "skipped": skipped["n"],
        "skipped_total": skipped["total"] or ZERO,
    }


def start_payment_run_in_background(run: PaymentRun) -> None:
    """Process the run in a thread once the request's transaction has committed."""

    def work():
        try:
            process_payment_run(run.pk)
        except Exception:  # noqa: BLE001 - the run row records the failure
            pass
        finally:
            close_old_connections()
            connection.close()

    transaction.on_commit(lambda: threading.Thread(target=work, daemon=True).start())


EXPORT_HEADER = (
    "reference",
    "payee_name",
    "sort_code",
    "account_number",
    "amount",
    "due_on",
    "person_id",
    "run_id",
)


def export_rows(run: PaymentRun):
    """The finance export (docs/money.md): one row per payment this run made."""
    yield EXPORT_HEADER
    for p in run.payments.order_by("id").iterator(chunk_size=2000):
        yield (
            p.reference,
            p.payee,
            p.sort_code,
            p.account_number,
            f"{p.amount:.2f}",
            p.due_on.isoformat(),
            str(p.person_id),
            str(run.pk),
        )


# --- Budget changes: revisions and uplifts ---------------------------------------------------


def _period_amount(weekly: Decimal, every_days: int) -> Decimal:
    return to_money(weekly * Decimal(every_days) / Decimal(7))


def revise_budget(
    *,
    personal_budget,
    by,
    effective_on: date,
    reason: str,
    weekly_gross: Decimal | None = None,
    weekly_contribution: Decimal | None = None,
    uplift=None,
) -> BudgetRevision:
    """A new version of the budget's amounts from `effective_on` (call inside a transaction).

    Future payments are re-priced; a payment already made for a period that runs past the date
    is corrected on the next payment, pro rata by days. Each change is kept to show the
    difference, and the ledger commitment follows (a commitment up, or a release down)."""
    budget = (
        PersonalBudget.objects.select_for_update()
        .select_related("person")
        .get(pk=personal_budget.pk)
    )
    gross = budget.weekly_gross if weekly_gross is None else to_money(weekly_gross)
    contribution = (
        budget.weekly_contribution if weekly_contribution is None else to_money(weekly_contribution)
    )
    if gross < 0 or contribution < 0:
        raise InvalidInput([("weekly_gross", "Amounts must be £0 or more")])
    net = max(gross - contribution, ZERO)
    old_net = budget.weekly_net
    number = (
        budget.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    revision = BudgetRevision.objects.create(
        personal_budget=budget,
        number=number,
        weekly_gross=gross,
        weekly_contribution=contribution,
        weekly_net=net,
        previous_weekly_net=old_net,
        effective_on=effective_on,
        reason=reason[:300],
        uplift=uplift,
        created_by=by,
    )
    PersonalBudget.objects.filter(pk=budget.pk).update(
        weekly_gross=gross,
        annual_gross=to_money(gross * 52),
        weekly_contribution=contribution,
        weekly_net=net,
        row_version=budget.row_version + 1,
    )
    schedule = PaymentSchedule.objects.filter(personal_budget=budget).first()
    difference = ZERO
    if schedule and net != old_net:
        every = schedule.every_days
        new_amount = _period_amount(net, every)
        future = list(
            schedule.payments.select_for_update()
            .filter(status=ScheduledPayment.Status.SCHEDULED, due_on__gte=effective_on)
            .order_by("due_on")
        )
        straddling = (
            schedule.payments.filter(
                status=ScheduledPayment.Status.PAID,
                due_on__lt=effective_on,
                due_on__gt=effective_on - timedelta(days=every),
            )
            .order_by("-due_on")
            .first()
        )
        catch_up = ZERO
        if straddling:
            days = (straddling.due_on + timedelta(days=every) - effective_on).days
            catch_up = to_money((net - old_net) * Decimal(days) / Decimal(7))
        changes = []
        for i, p in enumerate(future):
            amount = new_amount + (catch_up if i == 0 else ZERO)
            note = "New weekly amount from " + f"{effective_on:%-d %B %Y}"
            if i == 0 and catch_up:
                note += (
                    f", with {format_money(catch_up)} for the days already paid at the old amount"
                )
            amount = max(amount, ZERO)
            changes.append(
                PaymentChange(
                    revision=revision, payment=p, old_amount=p.amount, new_amount=amount, note=note
                )
            )
            difference += amount - p.amount
            p.amount = amount
        ScheduledPayment.objects.bulk_update(future, ["amount"])
        PaymentChange.objects.bulk_create(changes)
        PaymentSchedule.objects.filter(pk=schedule.pk).update(amount_per_period=new_amount)
        if difference:
            post(
                entry_for(
                    budget,
                    kind=ledger_rules.Kind.COMMITMENT
                    if difference > 0
                    else ledger_rules.Kind.RELEASE,
                    key=f"revise-pb{budget.pk}-r{number}",
                    effective_on=effective_on,
                    description=f"Budget revised from {effective_on:%-d %B %Y}: {reason}"[:300],
                    parts=commitment_parts(budget, abs(difference)),
                ),
                by=by,
            )
    record_event(
        actor=by,
        action="personal_budget.revised",
        obj=revision,
        person=budget.person,
        summary=(
            f"Budget version {number + 1}: {format_money(net)} a week from "
            f"{effective_on:%-d %B %Y} (was {format_money(old_net)}); future payments change by "
            f"{format_money(difference)}"
        ),
        changes={"weekly_net": net, "previous": old_net, "difference": difference},
    )
    return revision


def _check_percent(percent) -> Decimal:
    try:
        value = Decimal(str(percent).strip().rstrip("%"))
    except Exception:  # noqa: BLE001
        raise InvalidInput([("percent", "Enter the uplift as a percentage, like 3.5")]) from None
    if not value.is_finite() or value != value.quantize(PENNY) or not Decimal("-50") < value <= 50:
        raise InvalidInput([("percent", "Enter a percentage between -50 and 50, like 3.5")])
    return value


def uplift_preview(*, percent, effective_on: date, limit: int | None = 100) -> dict:
    """What an uplift would do, without doing it: each active budget now and after."""
    pct = _check_percent(percent)
    budgets = PersonalBudget.objects.filter(status=PersonalBudget.Status.ACTIVE).select_related(
        "person"
    )
    factor = 1 + pct / 100
    agg = budgets.aggregate(
        n=Count("id"), gross=Sum("weekly_gross"), contrib=Sum("weekly_contribution")
    )
    rows = []
    for b in budgets.order_by("person__last_name", "id")[:limit]:
        gross = to_money(b.weekly_gross * factor)
        net = max(gross - b.weekly_contribution, ZERO)
        rows.append(
            {
                "budget": b,
                "old_net": b.weekly_net,
                "new_gross": gross,
                "new_net": net,
                "difference": net - b.weekly_net,
            }
        )
    total_now = (agg["gross"] or ZERO) - (agg["contrib"] or ZERO)
    return {
        "percent": pct,
        "effective_on": effective_on,
        "count": agg["n"],
        "rows": rows,
        "weekly_gross_now": agg["gross"] or ZERO,
        "weekly_gross_after": to_money((agg["gross"] or ZERO) * factor),
        "weekly_net_now": total_now,
    }


@transaction.atomic
def apply_uplift(*, percent, effective_on: date, reason: str, by) -> BudgetUplift:
    """Re-price every active budget by `percent` from `effective_on`: a new version of each."""
    pct = _check_percent(percent)
    if not reason.strip():
        raise InvalidInput([("reason", "Say why (for example, the 2027/28 provider fee uplift)")])
    uplift = BudgetUplift.objects.create(
        percent=pct, effective_on=effective_on, reason=reason.strip()[:300], created_by=by
    )
    factor = 1 + pct / 100
    for b in PersonalBudget.objects.filter(status=PersonalBudget.Status.ACTIVE).order_by("id"):
        revise_budget(
            personal_budget=b,
            by=by,
            effective_on=effective_on,
            reason=f"Uplift of {pct}%: {uplift.reason}",
            weekly_gross=to_money(b.weekly_gross * factor),
            uplift=uplift,
        )
    uplift.status, uplift.applied_at = BudgetUplift.Status.APPLIED, timezone.now()
    uplift.save(update_fields=["status", "applied_at"])
    record_event(
        actor=by,
        action="budget_uplift.applied",
        obj=uplift,
        summary=f"Uplift of {pct}% applied to active budgets from {effective_on:%-d %B %Y}",
        changes={"percent": pct, "reason": uplift.reason},
    )
    return uplift
