"""Reading for the RAS lab: the model versions to choose from, and a run's results."""

from dataclasses import dataclass
from functools import lru_cache

from domain import rulepacks
from domain.raslab import ComparisonRow, LabResult, back_test, compare, parse_cases


def model_choices() -> list[tuple[str, str]]:
    """(ref, label) for every RAS model version that can be back-tested: the bundled rule packs
    under domain/rulepacks/ras_model/ (database-loaded versions can be added here)."""
    choices = []
    for path in sorted((rulepacks.HERE / "ras_model").glob("*.toml")):
        try:
            pack = rulepacks.validate_file(path)
        except rulepacks.RulePackError:
            continue  # a broken file is reported by the rule-pack checks, not offered here
        demo = " (demonstration figures)" if pack.demo else ""
        choices.append((pack.ref, f"{pack.title}, version {pack.version}{demo}"))
    return choices


def model_source(ref: str) -> str:
    """The rule-pack text of a model version in `model_choices`; RulePackError if there is none."""
    if ref not in dict(model_choices()):
        raise rulepacks.RulePackError(f"There is no RAS model {ref} to choose")
    pack_id, version = rulepacks.parse_ref(ref)
    return (rulepacks.HERE / "ras_model" / f"{pack_id}-v{version}.toml").read_text(encoding="utf-8")


def parse_model(text: str, name: str):
    """A RAS model from rule-pack text; RulePackError naming what is wrong."""
    pack, built = rulepacks.parse_text(text, name)
    if pack.kind != "ras_model":
        raise rulepacks.RulePackError(f"{name}: is a {pack.kind} rule pack, not a RAS model")
    return built


@dataclass(frozen=True)
class RunResults:
    """A run's back-test of its first model, of the second when there is one, and the two side
    by side."""

    a: LabResult
    b: LabResult | None
    comparison: tuple[ComparisonRow, ...]


@lru_cache(maxsize=4)
def _results(run_id: int, cases_csv: str, qs_ref: str, model_toml: str, compare_toml: str):
    question_set = rulepacks.question_set(qs_ref)
    cases, errors = parse_cases(cases_csv, question_set)
    if errors:
        raise ValueError(f"The stored cases of run {run_id} no longer read cleanly: {errors[0]}")
    a = back_test(parse_model(model_toml, "model"), question_set, cases)
    b = (
        back_test(parse_model(compare_toml, "compare"), question_set, cases)
        if compare_toml
        else None
    )
    return RunResults(a, b, compare(a, b) if b else ())


def run_results(run) -> RunResults:
    """The results of a stored run, worked out again from its cases and model texts (runs never
    change, so the last few are kept in memory)."""
    return _results(run.pk, run.cases_csv, run.question_set_ref, run.model_toml, run.compare_toml)
