"""Producing the Client Level Data return: check the quarter, build the extract, keep a record."""

from collections import OrderedDict
from datetime import date

from django.conf import settings
from django.db import transaction

from clearpath.errors import ServiceError
from clearpath.exports import csv_text
from clearpath.insight.returns.models import ReturnRun
from clearpath.insight.returns.selectors import events_between, people_facts
from clearpath.platform.audit.services import record_event
from domain import cld, rulepacks

_recent: OrderedDict[int, cld.Extract] = OrderedDict()  # the last few extracts, by run id
KEEP = 4


def build_extract(period_end: date, today: date) -> cld.Extract:
    """The extract for the quarter ending `period_end` (read-only; refuses a bad quarter)."""
    spec = rulepacks.cld_return()
    problem = cld.period_problem(period_end, today, spec)
    if problem:
        raise ServiceError(problem, field="period_end")
    return _build(period_end)


def _build(period_end: date) -> cld.Extract:
    spec = rulepacks.cld_return()
    start = cld.period_start(period_end, spec.window_months)
    events = events_between(start, period_end)
    people = people_facts({e.person for e in events})
    return cld.build(
        spec=spec,
        la_code=settings.COUNCIL_LA_CODE,
        period_end=period_end,
        people=people,
        events=events,
    )


@transaction.atomic
def produce_cld_extract(*, by, period_end: date, today: date) -> tuple[ReturnRun, cld.Extract]:
    """Build the return for a quarter and record that it was produced (administrators only)."""
    if not getattr(by, "is_administrator", False):
        raise ServiceError("Only administrators can produce the statutory return")
    extract = build_extract(period_end, today)
    run = ReturnRun.objects.create(
        period_start=extract.period_start,
        period_end=period_end,
        spec_ref=rulepacks.cld_return().ref,
        rows=len(extract.rows),
        people=extract.people,
        failing_rows=extract.failing_rows,
        failures=len(extract.failures),
        run_by=by if getattr(by, "pk", None) else None,
    )
    record_event(
        actor=by,
        action="returns.cld_produced",
        obj=run,
        summary=f"Produced the Client Level Data return for the quarter ending {period_end}",
        changes={"rows": run.rows, "failing_rows": run.failing_rows},
    )
    _recent[run.pk] = extract
    while len(_recent) > KEEP:
        _recent.popitem(last=False)
    return run, extract


def extract_for(run: ReturnRun) -> cld.Extract:
    """The run's extract: kept in memory just after it is made, else built again for its quarter."""
    if run.pk not in _recent:
        _recent[run.pk] = _build(run.period_end)  # its quarter was checked when it was made
        while len(_recent) > KEEP:
            _recent.popitem(last=False)
    return _recent[run.pk]


def return_csv(extract: cld.Extract) -> str:
    """The return file: Release 1 column names in the first row, one row per event."""
    return csv_text(
        [extract.columns, *([row.get(c, "") for c in extract.columns] for row in extract.rows)]
    )


def failures_csv(extract: cld.Extract) -> str:
    """Every row that would fail a mandatory rule, and why."""
    head = ["LA_Person_Unique_Identifier", "Event_Type", "Event_Reference", "Field", "Reason"]
    return csv_text(
        [
            head,
            *(
                [f.person, f.event_type, f.event_reference, f.field, f.reason]
                for f in extract.failures
            ),
        ]
    )
