"""Payment runs on the job queue: queued from the page or the API, paid by the worker.

A run is queued in the same transaction that created it (the queue is a table in the same
database), so a run and its job are committed together or not at all. While a worker pays a run
it holds the run's advisory lock; a run marked running whose lock nobody holds has lost its worker
(killed, restarted, the machine gone) and is queued again, which carries on where it stopped.
"""

from django.db import connection, transaction
from django.utils import timezone

from clearpath.money.finance.models import PaymentRun
from clearpath.money.finance.payment_runs import LOCK_CLASS
from clearpath.money.finance.tasks import payment_run_job
from clearpath.platform.audit.services import record_event

UNFINISHED = (PaymentRun.Status.QUEUED, PaymentRun.Status.RUNNING, PaymentRun.Status.FAILED)


def queue_payment_run(run: PaymentRun, *, by=None, why: str = "") -> PaymentRun:
    """Put the run on the queue for a worker (the test settings run it there and then)."""
    with transaction.atomic():
        run = PaymentRun.objects.select_for_update().get(pk=run.pk)
        if run.status == PaymentRun.Status.DONE:
            return run
        waiting = run.job_id and run.status != PaymentRun.Status.FAILED and not stalled(run)
        if waiting and not why:
            return run  # already on the queue, or being paid now: asking again changes nothing
        if why:
            run.status, run.note = PaymentRun.Status.QUEUED, why[:300]
            run.save(update_fields=["status", "note"])
            record_event(
                actor=by,
                action="payment_run.queued_again",
                obj=run,
                summary=f"Payment run {run.pk} queued again: {why}"[:300],
            )
        job = payment_run_job.enqueue(run.pk)
        PaymentRun.objects.filter(pk=run.pk).update(job_id=str(job.id)[:64])
    run.refresh_from_db()
    return run


def _held_runs() -> set[int]:
    """Runs a live database session is working on now (their advisory lock is held)."""
    if connection.vendor != "postgresql":
        return set()
    with connection.cursor() as c:
        c.execute(
            "SELECT objid FROM pg_locks WHERE locktype = 'advisory' AND classid = %s AND granted",
            [LOCK_CLASS],
        )
        return {row[0] for row in c.fetchall()}


def stalled(run: PaymentRun) -> bool:
    """Marked running, but no process is working on it: its worker stopped part-way.

    Told only on PostgreSQL (the lock table); the SQLite demo has one worker, which carries on
    any such run when it starts."""
    return (
        run.status == PaymentRun.Status.RUNNING
        and connection.vendor == "postgresql"
        and run.pk not in _held_runs()
    )


def recover_stalled_runs(*, starting_worker: bool = False) -> list[PaymentRun]:
    """Queue again every run whose worker stopped part-way. The worker command calls this as it
    starts; on SQLite (one worker) every run still marked running is one it left behind."""
    held = _held_runs()
    running = PaymentRun.objects.filter(status=PaymentRun.Status.RUNNING)
    lost = [
        r
        for r in running
        if (connection.vendor == "postgresql" and r.pk not in held)
        or (connection.vendor != "postgresql" and starting_worker)
    ]
    now = timezone.localtime()
    return [
        queue_payment_run(
            r,
            why=f"the worker stopped part-way through; carried on at {now:%H:%M on %-d %B %Y}",
        )
        for r in lost
    ]


def progress(run: PaymentRun) -> dict:
    """How far the run has got: payments made so far of those it has to make."""
    made = run.payments.count()
    expected = max(run.expected, made)
    return {
        "made": made,
        "expected": expected,
        "percent": int(made * 100 / expected) if expected else 0,
        "stalled": stalled(run),
    }


def worker_started() -> str:
    """What `manage.py worker` reports as it starts: the runs it carried on."""
    runs = recover_stalled_runs(starting_worker=True)
    return ", ".join(f"payment run {r.pk} queued again" for r in runs)
