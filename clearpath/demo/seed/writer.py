"""Writing generated batches in bulk, and the seed_council entry point."""

import time as clock
from collections.abc import Callable
from datetime import date

from django.db import connection, transaction

from clearpath.demo.council import (
    STAGES,
)
from clearpath.demo.seed.generator import CouncilGenerator
from clearpath.demo.seed.journey import (
    ALL_MODELS,
    Batch,
    ensure_council_staff,
    historical_timestamps,
)
from clearpath.journey.people.models import Person
from clearpath.money.payments.models import ScheduledPayment
from clearpath.platform.audit.chain import bulk_write_chained
from clearpath.platform.audit.models import AuditEvent
from clearpath.platform.audit.services import _jsonable

WRITE_BATCH = 1000  # rows per INSERT


def write_batch(batch: Batch) -> int:
    """Write a batch's rows in dependency order; returns how many rows were written."""
    written = 0
    for model in ALL_MODELS:
        if model is ScheduledPayment:
            batch.rows[model] = [
                ScheduledPayment(
                    schedule=schedule,
                    due_on=due,
                    amount=schedule.amount_per_period,
                    idempotency_key=f"pb{budget.pk}-{due.isoformat()}",
                )
                for schedule, budget, dates in batch.payments
                for due in dates
            ]
        elif model is AuditEvent:
            batch.rows[model] = [
                AuditEvent(
                    at=when,
                    kind=AuditEvent.Kind.CHANGE,
                    actor=actor,
                    action=action,
                    summary=summary[:300],
                    object_type=obj._meta.label_lower,
                    object_id=str(obj.pk),
                    person=person,
                    changes=_jsonable(changes or {}),
                )
                for when, actor, action, obj, person, summary, changes in batch.events
            ]
        rows = batch.rows[model]
        if model is AuditEvent:
            bulk_write_chained(rows, batch_size=WRITE_BATCH)
        else:
            model.objects.bulk_create(rows, batch_size=WRITE_BATCH)
        written += len(rows)
    return written


def seed_council(
    *,
    people: int,
    seed: int,
    today: date,
    batch_size: int = 2000,
    progress: Callable[[str], None] = lambda _msg: None,
) -> dict:
    """Generate `people` people over every stage, with staff and teams. Returns counts and timings."""
    started = clock.perf_counter()
    localities, panel = ensure_council_staff()
    used = Person.objects.exclude(nhs_number="").values_list("nhs_number", flat=True)
    gen = CouncilGenerator(
        seed=seed, today=today, localities=localities, panel=panel, used_nhs_numbers=used
    )
    stages = gen.stages(people)
    rows = 0
    with historical_timestamps(ALL_MODELS):
        for start in range(0, people, batch_size):
            batch = Batch()
            for stage in stages[start : start + batch_size]:
                gen.person(batch, stage)
            with transaction.atomic():
                rows += write_batch(batch)
            done = min(start + batch_size, people)
            progress(
                f"  {done:>9,} / {people:,} people, {rows:,} rows "
                f"({clock.perf_counter() - started:.1f} s)"
            )
    if connection.vendor == "postgresql":
        progress("  ANALYZE (fresh planner statistics)")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {
        "people": people,
        "rows": rows,
        "stages": {s: stages.count(s) for s in STAGES},
        "seconds": clock.perf_counter() - started,
    }
