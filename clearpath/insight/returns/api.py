"""The Client Level Data return over the API: the same checks as the administrator's page."""

from datetime import date

from django.http import Http404
from django.utils import timezone
from ninja import Query, Router
from pydantic import BaseModel

from clearpath.insight.returns.services import build_extract
from clearpath.platform.api.schemas import ErrorOut
from domain import cld, rulepacks

router = Router(tags=["Statutory returns"])
ERRORS = {code: ErrorOut for code in (400, 401, 403, 404, 422)}
FAILURES_LISTED = 1000


class PeriodIn(BaseModel):
    period_end: date


class FailureOut(BaseModel):
    person: str
    event_type: str
    event_reference: str
    field: str
    reason: str


class FailureCountOut(BaseModel):
    field: str
    reason: str
    rows: int


class MeasureOut(BaseModel):
    code: str
    name: str
    numerator: int
    denominator: int
    percent: str | None
    definition: str


class CldCheckOut(BaseModel):
    spec: str
    period_start: date
    period_end: date
    rows: int
    people: int
    failing_rows: int
    failures_by_field: list[FailureCountOut]
    failures: list[FailureOut]
    failures_listed: int
    ascof_3d: list[MeasureOut]


@router.get("/returns/client-level-data", response={200: CldCheckOut, **ERRORS})
def check_cld(request, q: Query[PeriodIn]):
    """Check the return for the quarter ending `period_end`: every row that would fail a mandatory
    rule and why, and ASCOF 3D from the same rows. Administrators only. Download the file itself
    from the Returns page or with `manage.py cld_export`."""
    if not getattr(request.auth, "is_administrator", False):
        raise Http404
    extract = build_extract(q.period_end, timezone.localdate())
    spec = rulepacks.cld_return()
    shown = extract.failures[:FAILURES_LISTED]
    return {
        "spec": spec.ref,
        "period_start": extract.period_start,
        "period_end": extract.period_end,
        "rows": len(extract.rows),
        "people": extract.people,
        "failing_rows": extract.failing_rows,
        "failures_by_field": [
            {"field": f, "reason": r, "rows": n} for f, r, n in extract.failures_by_field()
        ],
        "failures": [f.__dict__ for f in shown],
        "failures_listed": len(shown),
        "ascof_3d": [
            {
                "code": m.code,
                "name": m.name,
                "numerator": m.numerator,
                "denominator": m.denominator,
                "percent": None if m.percent is None else str(m.percent),
                "definition": m.definition,
            }
            for m in cld.ascof_3d(extract.rows, extract.period_end, spec).measures
        ],
    }
