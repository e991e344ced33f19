"""State changes for the RAS lab: a back-test is run and kept, with an audit row."""

from dataclasses import dataclass

from django.db import transaction

from clearpath.errors import InvalidInput, ServiceError
from clearpath.insight.raslab.models import LabRun
from clearpath.insight.raslab.selectors import RunResults, parse_model, remember
from clearpath.platform.audit.services import record_event
from domain import rulepacks
from domain.raslab import CaseError, back_test, parse_cases
from domain.raslab import compare as side_by_side


class CasesRefused(ServiceError):
    """The cases file was refused whole; `errors` lists each problem with its line and column."""

    def __init__(self, errors: list[CaseError]):
        count = sum(1 for e in errors if not e.message.startswith("and "))
        super().__init__(
            f"The file of cases has {'a problem' if count == 1 else 'problems'}. "
            "Nothing was saved. Fix the lines listed and upload it again.",
            field="cases",
        )
        self.errors = errors


@dataclass(frozen=True)
class ModelText:
    """A model version to back-test: its rule-pack text, and whether it was uploaded."""

    text: str
    name: str
    uploaded: bool = False


def _figures_json(result) -> dict:
    f = result.figures
    return {
        "model_ref": result.model_ref,
        "cases": f.cases,
        "median_abs_error_pct": str(f.median_abs_error_pct),
        "within_10_pct": str(f.within_10_pct),
        "within_20_pct": str(f.within_20_pct),
        "under_funded_pct": str(f.under_funded_pct),
        "over_funded_pct": str(f.over_funded_pct),
        "least_squares_price": str(result.least_squares.price or ""),
        "least_squares": result.least_squares.sentence,
    }


@transaction.atomic
def run_lab(
    *,
    by,
    cases_text: str,
    file_name: str,
    model: ModelText,
    compare: ModelText | None = None,
) -> LabRun:
    """Back-test historical cases against a model version (and a second, to compare) and keep
    the run. Administrators only. A bad file or model is refused and nothing is kept."""
    if not getattr(by, "is_administrator", False):
        raise ServiceError("Only administrators can use the RAS lab")
    models, problems = [], []
    for source, field in ((model, "model"), (compare, "compare")):
        if source is None:
            continue
        try:
            models.append(parse_model(source.text, source.name))
        except rulepacks.RulePackError as e:
            problems.append((f"{field}_file" if source.uploaded else field, str(e)))
    if problems:
        raise InvalidInput(problems)
    question_set = rulepacks.question_set()
    cases, errors = parse_cases(cases_text, question_set)
    if errors:
        raise CasesRefused(errors)
    try:
        results = [back_test(m, question_set, cases) for m in models]
    except ValueError as e:
        raise ServiceError(f"The model cannot be used with these questions: {e}") from None
    comparison = side_by_side(*results) if compare else ()
    run = LabRun.objects.create(
        created_by=by,
        file_name=file_name[:255],
        case_count=len(cases),
        question_set_ref=question_set.ref,
        model_ref=models[0].ref,
        model_uploaded=model.uploaded,
        model_toml=model.text,
        compare_ref=models[1].ref if compare else "",
        compare_uploaded=bool(compare and compare.uploaded),
        compare_toml=compare.text if compare else "",
        cases_csv=cases_text,
        summary={"results": [_figures_json(r) for r in results]},
    )
    versus = f" and {run.compare_ref}" if compare else ""
    record_event(
        actor=by,
        action="raslab.run",
        obj=run,
        summary=f"Back-tested {len(cases):,} cases against {run.model_ref}{versus}",
        changes={"file_name": run.file_name, **run.summary},
    )
    remember(run, RunResults(results[0], results[1] if compare else None, comparison))
    return run
