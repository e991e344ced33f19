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
    """The agreement's terms: the council's template text (money policy pack), filled in."""
    policy = rulepacks.money_policy()
    every = rulepacks.review_policy().payment_every_days
    return tuple(
        term.format(
            weekly=format_money(budget.weekly_net),
            every_days=every,
            contingency_weeks=policy.contingency_weeks,
        )
        for term in policy.agreement_terms
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
    ).filter(Exists(with_bank))


def _record_skips(run: PaymentRun) -> None:
    """Every schedule with payments due that cannot be paid: why, how many, how much."""
    due = (
        ScheduledPayment.objects.filter(
            status=ScheduledPayment.Status.SCHEDULED,
            due_on__lte=run.through,
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


def _pay_chunk(run: PaymentRun, chunk_size: int, by, after_id: int = 0) -> tuple[int, int]:
    """Pay up to `chunk_size` due payments (ids above `after_id`) in one transaction: how many
    were paid, and the last id looked at (so the next chunk does not scan the paid ones again)."""
    with transaction.atomic():
        payments = list(
            _payable(run.through)
            .filter(pk__gt=after_id)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("schedule")
            .order_by("id")[:chunk_size]
        )
        if not payments:
            return 0, after_id
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
    return len(payments), payments[-1].pk


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
            # Forwards through the ids, then once more from the start for anything that was
            # locked by another process (and so skipped) the first time round.
            for _pass in range(2):
                after = 0
                while True:
                    paid, after = _pay_chunk(run, chunk_size, by, after)
                    if not paid:
                        break
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
    from django.conf import settings

    if not getattr(settings, "PAYMENT_RUNS_IN_BACKGROUND", True):
        process_payment_run(run.pk)  # tests: in the request, inside its transaction
        return

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
    old_paid = paid_weekly(budget)
    new_paid = max(old_paid + (net - old_net), ZERO)
    if new_paid != old_paid and budget.deployments.exists():
        _new_deployment_set(
            budget, by, effective_on, {**_current_shares(budget), "direct_payment": new_paid}
        )
    difference = _reprice(
        budget=budget,
        by=by,
        revision=revision,
        old_weekly=old_paid,
        new_weekly=new_paid,
        effective_on=effective_on,
        reason=reason,
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


def _current_shares(budget) -> dict:
    """The deployment mix in use: kind -> weekly amount (empty when it is all one kind)."""
    latest = budget.deployments.order_by("-set_number").values_list("set_number", flat=True).first()
    if latest is None:
        return {}
    return {d.kind: d.weekly_amount for d in budget.deployments.filter(set_number=latest)}


def paid_weekly(budget) -> Decimal:
    """What the direct payment pays a week: the direct payment share of a mix, else the net."""
    shares = _current_shares(budget)
    if shares:
        return shares.get("direct_payment", ZERO)
    return budget.weekly_net


def _new_deployment_set(budget, by, effective_on, shares: dict, providers: dict | None = None):
    from finance.models import Deployment

    number = (
        budget.deployments.order_by("-set_number").values_list("set_number", flat=True).first() or 0
    ) + 1
    Deployment.objects.bulk_create(
        [
            Deployment(
                personal_budget=budget,
                kind=kind,
                weekly_amount=amount,
                provider=(providers or {}).get(kind, ""),
                set_number=number,
                effective_on=effective_on,
                created_by=by,
            )
            for kind, amount in shares.items()
            if amount > 0
        ]
    )


def _reprice(*, budget, by, revision, old_weekly, new_weekly, effective_on, reason) -> Decimal:
    """Re-price the direct payments due from `effective_on` at `new_weekly`; a payment already
    made for a period running past the date is corrected on the next payment, pro rata by days.
    Each change is kept (the difference is shown) and the ledger commitment follows."""
    schedule = PaymentSchedule.objects.filter(personal_budget=budget).first()
    difference = ZERO
    if not schedule or new_weekly == old_weekly:
        return difference
    every = schedule.every_days
    new_amount = _period_amount(new_weekly, every)
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
        catch_up = to_money((new_weekly - old_weekly) * Decimal(days) / Decimal(7))
    changes = []
    for i, p in enumerate(future):
        amount = new_amount + (catch_up if i == 0 else ZERO)
        note = f"New weekly amount from {effective_on:%-d %B %Y}"
        if i == 0 and catch_up:
            note += f", with {format_money(catch_up)} for the days already paid at the old amount"
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
                kind=ledger_rules.Kind.COMMITMENT if difference > 0 else ledger_rules.Kind.RELEASE,
                key=f"revise-pb{budget.pk}-r{revision.number}",
                effective_on=effective_on,
                description=f"Budget revised from {effective_on:%-d %B %Y}: {reason}"[:300],
                parts=commitment_parts(budget, abs(difference)),
            ),
            by=by,
        )
    return difference


@transaction.atomic
def set_deployment(
    *,
    personal_budget,
    by,
    effective_on: date,
    direct_payment,
    council_managed,
    isf,
    isf_provider: str = "",
):
    """How the budget is used: shares for a direct payment, a council-managed account and an
    individual service fund, adding up to what the council pays. The direct payments due from
    `effective_on` are re-priced to the direct payment share (the difference is shown)."""
    budget = (
        PersonalBudget.objects.select_for_update()
        .select_related("person")
        .get(pk=personal_budget.pk)
    )
    errors, shares = [], {}
    for name, value in (
        ("direct_payment", direct_payment),
        ("council_managed", council_managed),
        ("isf", isf),
    ):
        try:
            amount = Decimal(
                str(value if value not in (None, "") else "0").strip().replace("£", "")
            )
            if not amount.is_finite():
                raise ValueError
        except Exception:  # noqa: BLE001
            errors.append((name, "Enter an amount in pounds and pence, like 50.00"))
            continue
        if amount < 0 or amount != amount.quantize(PENNY):
            errors.append((name, "Enter an amount of £0 or more, in pounds and pence"))
            continue
        shares[name] = amount
    if not errors:
        total = sum(shares.values(), ZERO)
        if total != budget.weekly_net:
            errors.append(
                (
                    "direct_payment",
                    f"The shares add up to {format_money(total)} a week: they must add up to the "
                    f"{format_money(budget.weekly_net)} a week the council pays",
                )
            )
        if shares.get("isf") and not isf_provider.strip():
            errors.append(
                ("isf_provider", "Enter the provider who holds the individual service fund")
            )
    if not isinstance(effective_on, date):
        errors.append(("effective_on", "Enter the date the new shares start"))
    if errors:
        raise InvalidInput(errors)
    old_paid = paid_weekly(budget)
    if (
        shares.get("direct_payment", ZERO) > 0
        and budget.deployment != PersonalBudget.Deployment.DIRECT_PAYMENT
    ):
        raise InvalidInput(
            [
                (
                    "direct_payment",
                    "This budget has no direct payment schedule: change the plan's deployment first",
                )
            ]
        )
    _new_deployment_set(budget, by, effective_on, shares, {"isf": isf_provider.strip()[:200]})
    number = (
        budget.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    words = ", ".join(
        f"{format_money(a)} {label}"
        for k, a in shares.items()
        if a
        for label in [
            {
                "direct_payment": "direct payment",
                "council_managed": "council-managed",
                "isf": "ISF",
            }[k]
        ]
    )
    revision = BudgetRevision.objects.create(
        personal_budget=budget,
        number=number,
        weekly_gross=budget.weekly_gross,
        weekly_contribution=budget.weekly_contribution,
        weekly_net=budget.weekly_net,
        previous_weekly_net=budget.weekly_net,
        effective_on=effective_on,
        reason=f"How the budget is used: {words}"[:300],
        created_by=by,
    )
    difference = _reprice(
        budget=budget,
        by=by,
        revision=revision,
        old_weekly=old_paid,
        new_weekly=shares.get("direct_payment", ZERO),
        effective_on=effective_on,
        reason=revision.reason,
    )
    record_event(
        actor=by,
        action="personal_budget.deployment_set",
        obj=revision,
        person=budget.person,
        summary=f"{revision.reason}; direct payments change by {format_money(difference)}",
        changes={k: v for k, v in shares.items()},
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


def _check_rate(value, field: str) -> Decimal:
    try:
        rate = Decimal(str(value).strip().replace("£", ""))
    except Exception:  # noqa: BLE001
        rate = None
    if rate is None or not rate.is_finite() or rate <= 0 or rate != rate.quantize(PENNY):
        raise InvalidInput([(field, "Enter a rate in pounds and pence, like 16.20")])
    return rate


def _uplift_rule(percent, old_rate, new_rate) -> dict:
    """A percentage for every budget, or a new unit rate (say a PA hourly rate) replacing an old
    one on every plan line that uses it."""
    if str(old_rate or "").strip() or str(new_rate or "").strip():
        return {
            "percent": None,
            "old_rate": _check_rate(old_rate, "old_rate"),
            "new_rate": _check_rate(new_rate, "new_rate"),
        }
    return {"percent": _check_percent(percent), "old_rate": None, "new_rate": None}


def _uplifted_gross(budget, rule) -> Decimal:
    from domain.money import weekly_cost

    if rule["percent"] is not None:
        return to_money(budget.weekly_gross * (1 + rule["percent"] / 100))
    change = ZERO
    for line in budget.plan.lines.all():
        if line.unit_cost == rule["old_rate"]:
            new = weekly_cost(
                unit_cost=rule["new_rate"], quantity=line.quantity, frequency=line.frequency
            )
            change += new - line.weekly_cost
    return max(budget.weekly_gross + change, ZERO)


def _active_budgets():
    return (
        PersonalBudget.objects.filter(status=PersonalBudget.Status.ACTIVE)
        .select_related("person", "plan")
        .prefetch_related("plan__lines")
        .order_by("person__last_name", "id")
    )


def _uplift_words(rule) -> str:
    if rule["percent"] is not None:
        return f"{rule['percent']}%"
    return f"unit rate {format_money(rule['old_rate'])} to {format_money(rule['new_rate'])}"


def uplift_preview(
    *, effective_on: date, percent=None, old_rate=None, new_rate=None, limit: int = 100
) -> dict:
    """What an uplift would do, without doing it: each active budget now and after."""
    rule = _uplift_rule(percent, old_rate, new_rate)
    rows, count, now, after, changed = [], 0, ZERO, ZERO, 0
    for b in _active_budgets().iterator(chunk_size=2000):
        gross = _uplifted_gross(b, rule)
        count, now, after = count + 1, now + b.weekly_gross, after + gross
        changed += gross != b.weekly_gross
        if len(rows) < limit and gross != b.weekly_gross:
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
    return {
        **rule,
        "words": _uplift_words(rule),
        "effective_on": effective_on,
        "count": count,
        "changed": changed,
        "rows": rows,
        "weekly_gross_now": now,
        "weekly_gross_after": after,
    }


@transaction.atomic
def apply_uplift(
    *, effective_on: date, reason: str, by, percent=None, old_rate=None, new_rate=None
) -> BudgetUplift:
    """Re-price every active budget from `effective_on`: a new version of each one it changes."""
    rule = _uplift_rule(percent, old_rate, new_rate)
    if not reason.strip():
        raise InvalidInput([("reason", "Say why (for example, the 2027/28 provider fee uplift)")])
    uplift = BudgetUplift.objects.create(
        percent=rule["percent"],
        old_rate=rule["old_rate"],
        new_rate=rule["new_rate"],
        effective_on=effective_on,
        reason=reason.strip()[:300],
        created_by=by,
    )
    words = _uplift_words(rule)
    for b in _active_budgets().order_by("id"):
        gross = _uplifted_gross(b, rule)
        if gross == b.weekly_gross:
            continue
        revise_budget(
            personal_budget=b,
            by=by,
            effective_on=effective_on,
            reason=f"Uplift ({words}): {uplift.reason}",
            weekly_gross=gross,
            uplift=uplift,
        )
    uplift.status, uplift.applied_at = BudgetUplift.Status.APPLIED, timezone.now()
    uplift.save(update_fields=["status", "applied_at"])
    record_event(
        actor=by,
        action="budget_uplift.applied",
        obj=uplift,
        summary=f"Uplift ({words}) applied to active budgets from {effective_on:%-d %B %Y}",
        changes={**rule, "reason": uplift.reason},
    )
    return uplift


# --- Statements, exceptions and recoveries ----------------------------------------------------


class StatementRefused(InvalidInput):
    """The whole statement was refused; `reasons` are line-numbered."""

    def __init__(self, reasons: list[str], count: int | None = None):
        self.reasons = reasons
        self.count = count or len(reasons)
        super().__init__([("file", reasons[0])])


def _plan_lines(agreement) -> list:
    return list(agreement.personal_budget.plan.lines.order_by("position", "id"))


@transaction.atomic
def import_statement(*, agreement, by, filename: str, content: bytes, layout: str):
    """Import one statement: refused whole if any line is wrong or the file was imported before;
    otherwise its lines are matched to the plan, posted to the ledger, and only the exceptions
    are raised for a person to look at."""
    from domain import statements
    from finance.models import (
        MonitoringException,
        StatementImport,
        StatementLine,
    )

    agreement = (
        DirectPaymentAgreement.objects.select_for_update()
        .select_related("personal_budget__person", "person")
        .get(pk=agreement.pk)
    )
    policy = rulepacks.money_policy()
    if layout not in policy.layouts:
        raise InvalidInput([("layout", "Choose the layout of the statement")])
    if not content:
        raise StatementRefused(["The file is empty: choose the statement's CSV file"])
    import hashlib

    digest = hashlib.sha256(content).hexdigest()
    earlier = StatementImport.objects.filter(agreement=agreement, sha256=digest).first()
    if earlier:
        raise StatementRefused(
            [
                f"This statement was already imported on {timezone.localtime(earlier.created_at):%-d %B %Y} "
                f"('{earlier.filename}'): it has not been imported again"
            ]
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StatementRefused(
            ["The file is not UTF-8 text: save it from the bank as CSV"]
        ) from None
    parsed = statements.parse(
        text,
        policy.layouts[layout],
        starts_on=agreement.starts_on,
        ends_on=min(d for d in (agreement.ends_on, timezone.localdate()) if d),
        max_lines=policy.max_statement_lines,
    )
    if parsed.errors:
        raise StatementRefused(list(parsed.errors), parsed.error_count)
    period_from = min(line.on for line in parsed.lines)
    period_to = max(line.on for line in parsed.lines)
    covered = StatementImport.objects.filter(
        agreement=agreement, period_from__lte=period_from, period_to__gte=period_to
    ).first()
    if covered:
        raise StatementRefused(
            [
                f"The period {period_from:%-d %B %Y} to {period_to:%-d %B %Y} was already imported "
                f"in '{covered.filename}': this looks like the same statement again"
            ]
        )
    plan_lines = _plan_lines(agreement)
    rules = [(r.payee_contains, r.plan_line_id) for r in agreement.payee_rules.all()]
    plan_pairs = [(pl.pk, pl.description) for pl in plan_lines]
    matched = [
        (line, statements.classify(line, rules=rules, plan_lines=plan_pairs, policy=policy))
        for line in parsed.lines
    ]
    money_in = sum((ln.amount for ln in parsed.lines if ln.direction == "in"), ZERO)
    money_out = sum((ln.amount for ln in parsed.lines if ln.direction == "out"), ZERO)
    statement = StatementImport.objects.create(
        agreement=agreement,
        layout=layout,
        filename=(filename or "statement.csv")[:200],
        sha256=digest,
        line_count=len(parsed.lines),
        period_from=period_from,
        period_to=period_to,
        money_in=money_in,
        money_out=money_out,
        imported_by=by,
    )
    made = StatementLine.objects.bulk_create(
        [
            StatementLine(
                statement=statement,
                agreement=agreement,
                line_no=line.line_no,
                on=line.on,
                payee=line.payee,
                amount=line.amount,
                category=m.category,
                plan_line_id=m.plan_line,
                matched_by=m.matched_by,
            )
            for line, m in matched
        ],
        batch_size=5000,
    )
    by_line_no = {s.line_no: s for s in made}
    budget = agreement.personal_budget
    entries = []
    for kind, category in (
        (ledger_rules.Kind.SPEND, "spend"),
        (ledger_rules.Kind.REFUND, "refund"),
        (ledger_rules.Kind.CONTRIBUTION, "contribution"),
    ):
        sums: dict = {}
        for line, m in matched:
            if m.category == category:
                sums[m.plan_line] = sums.get(m.plan_line, ZERO) + line.amount
        if sums:
            entries.append(
                entry_for(
                    budget,
                    kind=kind,
                    key=f"stmt{statement.pk}-{category}",
                    effective_on=period_to,
                    description=f"{dict(StatementLine.Category.choices)[category]} on statement "
                    f"'{statement.filename}'",
                    parts=tuple((amount, pl) for pl, amount in sums.items()),
                )
            )
    post_many(entries, by=by)
    balance = ledger_position(budget).balance
    findings = statements.exceptions(
        lines=matched,
        plan_lines=[(pl.pk, pl.description, pl.weekly_cost) for pl in plan_lines],
        weekly_net=budget.weekly_net,
        balance=balance,
        policy=policy,
        period_from=period_from,
        period_to=period_to,
        every_days=rulepacks.review_policy().payment_every_days,
    )
    MonitoringException.objects.filter(
        agreement=agreement,
        status=MonitoringException.Status.OPEN,
        kind__in=["above_contingency", "no_activity"],
    ).update(status=MonitoringException.Status.RESOLVED, resolution="Replaced by a later statement")
    MonitoringException.objects.bulk_create(
        [
            MonitoringException(
                agreement=agreement,
                person=agreement.person,
                statement=statement,
                kind=f.kind,
                detail=f.detail[:300],
                amount=f.amount,
                line=by_line_no.get(f.line_no) if f.line_no else None,
            )
            for f in findings
        ],
        batch_size=5000,
    )
    record_event(
        actor=by,
        action="statement.imported",
        obj=statement,
        person=agreement.person,
        summary=(
            f"Statement '{statement.filename}' imported: {statement.line_count} lines, "
            f"{len(findings)} to look at"
        ),
        changes={"lines": statement.line_count, "exceptions": len(findings), "layout": layout},
    )
    return statement


def ledger_position(budget):
    from ledger.services import position

    return position(budget)


def surplus_for(agreement) -> dict:
    """The balance, the contingency the person keeps, and any surplus above it."""
    from domain.statements import surplus

    policy = rulepacks.money_policy()
    budget = agreement.personal_budget
    balance = ledger_position(budget).balance
    contingency = to_money(budget.weekly_net * policy.contingency_weeks)
    return {
        "balance": balance,
        "contingency": contingency,
        "contingency_weeks": policy.contingency_weeks,
        "surplus": surplus(
            balance=balance,
            weekly_net=budget.weekly_net,
            contingency_weeks=policy.contingency_weeks,
        ),
    }


@transaction.atomic
def record_recovery(*, agreement, by, amount, reasons: str):
    """Take back part of a surplus, with the reasons: never more than what is above the
    contingency (no blanket reclaim)."""
    from finance.models import MonitoringException, Recovery

    agreement = (
        DirectPaymentAgreement.objects.select_for_update()
        .select_related("personal_budget__person")
        .get(pk=agreement.pk)
    )
    errors = []
    try:
        value = Decimal(str(amount).strip().replace(",", "").replace("£", ""))
        if not value.is_finite():
            raise ValueError
    except Exception:  # noqa: BLE001
        value = None
        errors.append(("amount", "Enter the amount to recover, like 250.00"))
    figures = surplus_for(agreement)
    if value is not None:
        if value != value.quantize(PENNY):
            errors.append(("amount", "Enter the amount in pounds and pence, like 250.00"))
        elif value <= 0:
            errors.append(("amount", "Enter an amount more than £0"))
        elif value > figures["surplus"]:
            errors.append(
                (
                    "amount",
                    f"Enter no more than the surplus of {format_money(figures['surplus'])}: the "
                    f"person keeps {format_money(figures['contingency'])} for emergencies",
                )
            )
    if not reasons.strip():
        errors.append(("reasons", "Say why this money is being recovered"))
    if errors:
        raise InvalidInput(errors)
    number = Recovery.objects.filter(agreement=agreement).count() + 1
    entry = post(
        entry_for(
            agreement.personal_budget,
            kind=ledger_rules.Kind.RECOVERY,
            key=f"recovery-a{agreement.pk}-{number}",
            effective_on=timezone.localdate(),
            description=f"Surplus recovered: {reasons.strip()}"[:300],
            parts=((value, None),),
        ),
        by=by,
    )
    recovery = Recovery.objects.create(
        agreement=agreement,
        person=agreement.person,
        amount=value,
        balance=figures["balance"],
        contingency=figures["contingency"],
        reasons=reasons.strip()[:2000],
        entry=entry,
        recorded_by=by,
    )
    MonitoringException.objects.filter(
        agreement=agreement, status="open", kind="above_contingency"
    ).update(status="resolved", resolution=f"{format_money(value)} surplus recovered")
    record_event(
        actor=by,
        action="recovery.recorded",
        obj=recovery,
        person=agreement.person,
        summary=f"{format_money(value)} surplus recovered from the direct payment account",
        changes={"amount": value, "balance": figures["balance"], "reasons": recovery.reasons},
    )
    return recovery


@transaction.atomic
def resolve_exception(*, exception, by, resolution: str, payee_rule_line: int | None = None):
    """Close an exception with what was found; optionally teach a payee rule for next time."""
    from finance.models import MonitoringException, PayeeRule

    exc = (
        MonitoringException.objects.select_for_update(of=("self",))
        .select_related("line")
        .get(pk=exception.pk)
    )
    if exc.status == MonitoringException.Status.RESOLVED:
        raise ServiceError("This has already been resolved.")
    if not resolution.strip():
        raise InvalidInput([("resolution", "Say what you found")])
    if payee_rule_line:
        if (
            not exc.line
            or not exc.agreement.personal_budget.plan.lines.filter(pk=payee_rule_line).exists()
        ):
            raise InvalidInput([("plan_line", "Choose a line of this person's plan")])
        PayeeRule.objects.create(
            agreement=exc.agreement,
            payee_contains=exc.line.payee[:100],
            plan_line_id=payee_rule_line,
        )
    exc.status, exc.resolution = MonitoringException.Status.RESOLVED, resolution.strip()[:300]
    exc.save(update_fields=["status", "resolution"])
    record_event(
        actor=by,
        action="monitoring_exception.resolved",
        obj=exc,
        person=exc.person,
        summary=f"{exc.get_kind_display()}: {exc.resolution}",
    )
    return exc


# --- Contributions ------------------------------------------------------------------------------


@transaction.atomic
def record_contribution(
    *,
    personal_budget,
    by,
    source: str,
    effective_on: date,
    weekly_contribution=None,
    capital=None,
    weekly_income=None,
    mig_band: str = "",
    mig_amount=None,
    dre=None,
    **_ignored,
):
    """The person's weekly contribution, worked out from a financial assessment (charging rule
    pack) or entered from the council's own; the budget's net amount and future payments follow
    from `effective_on` (net = gross − contribution)."""
    from domain.charging import ChargingError
    from domain.charging import weekly_contribution as work_out
    from finance.models import FinancialAssessment

    budget = (
        PersonalBudget.objects.select_for_update()
        .select_related("person")
        .get(pk=personal_budget.pk)
    )
    if not isinstance(effective_on, date):
        raise InvalidInput([("effective_on", "Enter the date the contribution starts")])
    if source == "entered":
        if weekly_contribution is None:
            raise InvalidInput(
                [
                    (
                        "weekly_contribution",
                        "Enter the weekly contribution from the council's assessment",
                    )
                ]
            )
        amount = to_money(weekly_contribution)
        if amount < 0 or amount != Decimal(str(weekly_contribution)).quantize(PENNY):
            raise InvalidInput([("weekly_contribution", "Enter pounds and pence, like 25.50")])
        amount = min(amount, budget.weekly_gross)
        rule_ref, inputs = "", {"weekly_contribution": str(amount)}
        explanation = [
            f"The council's financial assessment says you pay {format_money(amount)} a week "
            "towards your care.",
        ]
    elif source == "calculated":
        missing = [
            (name, label)
            for name, value, label in (
                ("capital", capital, "Enter savings and other capital (0 if none)"),
                ("weekly_income", weekly_income, "Enter the weekly income that counts"),
                ("mig_band", mig_band, "Choose the Minimum Income Guarantee band"),
            )
            if value in (None, "")
        ]
        if missing:
            raise InvalidInput(missing)
        rules = rulepacks.charging()
        try:
            result = work_out(
                rules=rules,
                weekly_gross=budget.weekly_gross,
                capital=Decimal(capital),
                weekly_income=Decimal(weekly_income),
                mig_band=mig_band,
                mig_amount=None if mig_amount is None else Decimal(mig_amount),
                dre=Decimal(dre or 0),
            )
        except ChargingError as e:
            raise InvalidInput([(e.field, str(e))]) from None
        amount, rule_ref, explanation = (
            result.weekly_contribution,
            rules.ref,
            list(result.explanation),
        )
        inputs = {
            "capital": str(capital),
            "weekly_income": str(weekly_income),
            "mig_band": mig_band,
            "mig": str(result.mig),
            "dre": str(dre or 0),
            "tariff_income": str(result.tariff_income),
        }
    else:
        raise InvalidInput([("source", "Choose how the contribution is worked out")])
    net = max(budget.weekly_gross - amount, ZERO)
    explanation.append(
        f"Your personal budget is {format_money(budget.weekly_gross)} a week. Take away your "
        f"contribution and the council pays {format_money(net)} a week."
    )
    fa = FinancialAssessment.objects.create(
        person=budget.person,
        personal_budget=budget,
        source=source,
        rule_ref=rule_ref,
        inputs=inputs,
        weekly_contribution=amount,
        explanation=explanation,
        effective_on=effective_on,
        created_by=by,
    )
    revise_budget(
        personal_budget=budget,
        by=by,
        effective_on=effective_on,
        reason=f"Contribution of {format_money(amount)} a week",
        weekly_contribution=amount,
    )
    record_event(
        actor=by,
        action="contribution.recorded",
        obj=fa,
        person=budget.person,
        summary=f"Weekly contribution of {format_money(amount)} from {effective_on:%-d %B %Y}",
        changes={"source": source, "weekly_contribution": amount, "rules": rule_ref},
    )
    return fa
