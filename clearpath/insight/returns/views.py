"""The statutory returns pages (administrators): check and produce the Client Level Data return."""

from functools import wraps

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from clearpath.errors import ServiceError
from clearpath.insight.returns import services
from clearpath.insight.returns.forms import PeriodForm
from clearpath.insight.returns.models import ReturnRun
from clearpath.journey.people.models import Person
from clearpath.platform.audit.services import record_bulk_view
from clearpath.web import apply_service_error, staff_required
from domain import cld, rulepacks

FAILURES_SHOWN = 100


def administrators_only(view):
    @staff_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not getattr(request.user, "is_administrator", False):
            return render(request, "errors/403.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


@administrators_only
def cld_start(request):
    today = timezone.localdate()
    latest = cld.latest_quarter_end(today, rulepacks.cld_return())
    form = PeriodForm(request.POST or None, initial={"period_end": latest})
    if request.method == "POST" and form.is_valid():
        try:
            run, _ = services.produce_cld_extract(
                by=request.user, period_end=form.cleaned_data["period_end"], today=today
            )
        except ServiceError as e:
            apply_service_error(form, e)
        else:
            return redirect("returns:cld-run", run_id=run.pk)
    return render(
        request,
        "returns/cld_start.html",
        {
            "form": form,
            "runs": ReturnRun.objects.select_related("run_by")[:8],
            "spec": rulepacks.cld_return(),
        },
    )


@administrators_only
def cld_run(request, run_id: int):
    run = get_object_or_404(ReturnRun, pk=run_id)
    extract = services.extract_for(run)
    _audit(request, run, extract, "the statutory return's check page")
    spec = rulepacks.cld_return()
    return render(
        request,
        "returns/cld_run.html",
        {
            "run": run,
            "extract": extract,
            "by_field": extract.failures_by_field(),
            "failures": extract.failures[:FAILURES_SHOWN],
            "names": _names(extract.failures[:FAILURES_SHOWN]),
            "ascof": cld.ascof_3d(extract.rows, run.period_end, spec),
            "event_counts": _event_counts(extract),
            "spec": spec,
        },
    )


def _names(failures) -> dict[str, str]:
    """The names of the people in the failures shown, in one query."""
    ids = {int(f.person[2:]) for f in failures}
    return {
        f"CP{pk:07d}": f"{first} {last}"
        for pk, first, last in Person.objects.filter(pk__in=ids).values_list(
            "pk", "first_name", "last_name"
        )
    }


def _event_counts(extract: cld.Extract) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for row in extract.rows:
        counts[row["Event_Type"]] = counts.get(row["Event_Type"], 0) + 1
    return sorted(counts.items())


def _audit(request, run, extract: cld.Extract, what: str) -> None:
    people = len({row.get("LA_Person_Unique_Identifier") for row in extract.rows})
    record_bulk_view(actor=request.user, action="returns.viewed", what=what, people=people, obj=run)


def _csv(text: str, name: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@administrators_only
def cld_file(request, run_id: int):
    run = get_object_or_404(ReturnRun, pk=run_id)
    extract = services.extract_for(run)
    _audit(request, run, extract, "the statutory return file")
    return _csv(services.return_csv(extract), f"cld-{run.period_end}.csv")


@administrators_only
def cld_failures(request, run_id: int):
    run = get_object_or_404(ReturnRun, pk=run_id)
    extract = services.extract_for(run)
    _audit(request, run, extract, "the statutory return's failures")
    return _csv(services.failures_csv(extract), f"cld-{run.period_end}-failures.csv")
