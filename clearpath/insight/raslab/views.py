"""The RAS lab pages: upload historical cases, see how a model's budgets compare. Administrators
only."""

from functools import wraps

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from clearpath.errors import ServiceError
from clearpath.insight.raslab import charts, services
from clearpath.insight.raslab.forms import UPLOAD, LabForm
from clearpath.insight.raslab.models import LabRun
from clearpath.insight.raslab.report import figure_rows, results_csv, signed_pct
from clearpath.insight.raslab.selectors import model_source, run_results
from clearpath.web import apply_service_error, staff_required
from domain import rulepacks
from domain.raslab import columns, example_csv

CASES_SHOWN = 200


def administrators_only(view):
    """Signed-in administrators only; anyone else is told they cannot see the page (403)."""

    @staff_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not getattr(request.user, "is_administrator", False):
            return render(request, "errors/403.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def _source(form, choice: str, file_field: str) -> services.ModelText | None:
    ref = form.cleaned_data.get(choice)
    if not ref:
        return None
    if ref == UPLOAD:
        name, text = form.cleaned_data[file_field]
        return services.ModelText(text=text, name=name, uploaded=True)
    return services.ModelText(text=model_source(ref), name=ref)


@administrators_only
def lab(request):
    if request.method == "POST":
        form = LabForm(request.POST, request.FILES)
    else:  # "Back-test this version" on a rule-pack page arrives with ?model=ref&compare=ref
        form = LabForm(initial={k: request.GET.get(k, "") for k in ("model", "compare")})
    case_errors = []
    if request.method == "POST" and form.is_valid():
        name, text = form.cleaned_data["cases"]
        try:
            run = services.run_lab(
                by=request.user,
                cases_text=text,
                file_name=name,
                model=_source(form, "model", "model_file"),
                compare=_source(form, "compare", "compare_file"),
            )
        except services.CasesRefused as e:
            case_errors = e.errors
            apply_service_error(form, e)
        except ServiceError as e:
            apply_service_error(form, e)
        else:
            return redirect("raslab:run-detail", run_id=run.pk)
    question_set = rulepacks.question_set()
    required, optional = columns(question_set)
    return render(
        request,
        "raslab/lab.html",
        {
            "lab_form": form,
            "case_errors": case_errors,
            "runs": LabRun.objects.select_related("created_by")[:10],
            "required": required,
            "optional": optional,
            "help_levels": question_set.help_levels,
            "care_levels": question_set.unpaid_care_levels,
        },
    )


@administrators_only
def example(request):
    response = HttpResponse(example_csv(rulepacks.question_set()), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="ras-lab-example.csv"'
    return response


@administrators_only
def run_detail(request, run_id: int):
    run = get_object_or_404(LabRun.objects.select_related("created_by"), pk=run_id)
    results = run_results(run)
    models = [r for r in (results.a, results.b) if r]
    return render(
        request,
        "raslab/run.html",
        {
            "run": run,
            "results": results,
            "models": [
                {
                    "result": r,
                    "figures": figure_rows(r),
                    "scatter": charts.scatter(r),
                    "by_group": charts.errors_by_group(r),
                }
                for r in models
            ],
            "cases": results.a.cases[:CASES_SHOWN],
            "others": results.b.cases[:CASES_SHOWN] if results.b else None,
            "more": max(0, len(results.a.cases) - CASES_SHOWN),
            "signed_pct": signed_pct,
        },
    )


@administrators_only
def run_csv(request, run_id: int):
    run = get_object_or_404(LabRun, pk=run_id)
    results = run_results(run)
    response = HttpResponse(results_csv(results.a, results.b), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="ras-lab-{run.pk}-results.csv"'
    return response
