"""Reading for the RAS lab: the model versions to choose from, and a run's results."""

from collections import OrderedDict
from dataclasses import dataclass

from clearpath.platform.rules.services import active, catalogue, text_of
from domain import rulepacks
from domain.raslab import ComparisonRow, LabResult, back_test, compare, parse_cases


def model_choices() -> list[tuple[str, str]]:
    """(ref, label) for every RAS model version that can be back-tested: those shipped with
    Clearpath and those the council has loaded, the one in use for new work marked."""
    in_use = active()["ras_model"]
    choices = []
    for k in catalogue():
        if k.kind != "ras_model":
            continue
        notes = [
            n
            for n, on in (("in use now", k.ref == in_use), ("demonstration figures", k.demo))
            if on
        ]
        label = f"{k.title}, version {k.version}" + (f" ({', '.join(notes)})" if notes else "")
        choices.append((k.ref, label))
    return choices


def model_source(ref: str) -> str:
    """The rule-pack text of a RAS model version shipped or loaded; RulePackError if there is none."""
    pack_id, version = rulepacks.parse_ref(ref)
    text = text_of("ras_model", pack_id, version)
    if text is None:
        raise rulepacks.RulePackError(f"There is no RAS model {ref} to choose")
    return text


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


_KEEP = 4  # runs never change, so the last few results are kept in memory
_recent: OrderedDict[tuple, RunResults] = OrderedDict()


def _key(run) -> tuple:
    return (run.pk, run.question_set_ref, run.cases_csv, run.model_toml, run.compare_toml)


def remember(run, results: RunResults) -> None:
    """Keep the results just worked out for a new run, so its page opens at once."""
    _recent[_key(run)] = results
    _recent.move_to_end(_key(run))
    while len(_recent) > _KEEP:
        _recent.popitem(last=False)


def run_results(run) -> RunResults:
    """The results of a stored run, worked out again from its cases and model texts."""
    key = _key(run)
    if key in _recent:
        _recent.move_to_end(key)
        return _recent[key]
    question_set = rulepacks.question_set(run.question_set_ref)
    cases, errors = parse_cases(run.cases_csv, question_set)
    if errors:
        raise ValueError(f"The stored cases of run {run.pk} no longer read cleanly: {errors[0]}")
    a = back_test(parse_model(run.model_toml, "model"), question_set, cases)
    b = (
        back_test(parse_model(run.compare_toml, "compare"), question_set, cases)
        if run.compare_toml
        else None
    )
    results = RunResults(a, b, compare(a, b) if b else ())
    remember(run, results)
    return results
