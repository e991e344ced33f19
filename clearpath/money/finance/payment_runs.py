"""Payment runs that pay exactly once, in committed chunks (see finance/services.py)."""

import os
from datetime import date, timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils import timezone

from clearpath.errors import InvalidInput, ServiceError
from clearpath.money.finance.models import (
    ZERO,
    DirectPaymentAgreement,
    PaymentRun,
    RunPayment,
    RunSkip,
)
from clearpath.money.ledger.services import NewEntry, post_many
from clearpath.money.payments.models import ScheduledPayment
from clearpath.platform.audit.services import record_event
from domain import ledger as ledger_rules
from domain.money import format_money

CRASH_ENV = "CLEARPATH_PAYMENT_RUN_CRASH_AFTER_CHUNKS"  # tests: kill the process mid-run
LOCK_CLASS = 4206  # the advisory lock a process holds while it works on a run: (4206, run id)


class RunAlreadyDone(ServiceError):
    """The date has been paid: there is one run per date, and this is it."""

    def __init__(self, run: PaymentRun):
        super().__init__(
            f"Payment run {run.pk} has already paid everything due by "
            f"{run.through:%-d %B %Y}. Choose a later date to pay what has fallen due since",
            field="through",
        )
        self.run = run


@transaction.atomic
def request_payment_run(*, through: date, by) -> PaymentRun:
    """A run paying everything due on or before `through`. There is one run per date: an
    unfinished one (stopped by a crash) is carried on; a finished one is refused (RunAlreadyDone)."""
    if not isinstance(through, date):
        raise InvalidInput([("through", "Enter the date to pay up to")])
    if through > timezone.localdate() + timedelta(days=366):
        raise InvalidInput([("through", "Enter a date no more than a year ahead")])
    existing = PaymentRun.objects.select_for_update().filter(through=through).first()
    if existing is None:
        try:
            with transaction.atomic():
                run = PaymentRun.objects.create(through=through, started_by=by if by else None)
        except IntegrityError:  # someone asked for the same date at the same moment
            existing = PaymentRun.objects.select_for_update().get(through=through)
    if existing is not None:
        if existing.status == PaymentRun.Status.DONE:
            raise RunAlreadyDone(existing)
        return existing
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
        c.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_CLASS, run_id])
        return c.fetchone()[0]


def _release(run_id: int) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_CLASS, run_id])


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
            run.status, run.error = PaymentRun.Status.RUNNING, ""
            run.started_at = run.started_at or timezone.now()
            run.attempts += 1
            run.expected = run.payments.count() + _payable(run.through).count()
            run.save(update_fields=["status", "started_at", "error", "attempts", "expected"])
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
