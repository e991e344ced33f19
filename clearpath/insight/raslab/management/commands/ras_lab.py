"""Back-test historical cases against a RAS model from the command line (the RAS lab without the
browser): writes results.csv, summary.md and the two charts as SVG to a folder."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clearpath.insight.raslab import charts
from clearpath.insight.raslab.report import results_csv, summary_md
from clearpath.insight.raslab.selectors import model_choices, model_source, parse_model
from domain import rulepacks
from domain.raslab import back_test, parse_cases
from domain.raslab import compare as side_by_side


def _read(path: Path, what: str) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise CommandError(f"Cannot read the {what} {path}: {e}") from None


def _model(value: str):
    """A model from a rule-pack file path, or from a version like demo-points@1."""
    path = Path(value)
    try:
        if path.is_file():
            return parse_model(_read(path, "model file"), path.name)
        return parse_model(model_source(value), value)
    except rulepacks.RulePackError as e:
        known = ", ".join(ref for ref, _ in model_choices())
        raise CommandError(f"{e}. Give a model file, or one of: {known}") from None


class Command(BaseCommand):
    help = "Back-test a CSV of historical cases against a RAS model; write results to a folder."

    def add_arguments(self, parser):
        parser.add_argument(
            "--model", required=True, help="A model file, or a version like demo-points@1"
        )
        parser.add_argument("--cases", required=True, type=Path, help="The CSV of historical cases")
        parser.add_argument("--out", required=True, type=Path, help="The folder for the results")
        parser.add_argument("--compare", help="A second model file or version, side by side")

    def handle(self, *args, model, cases, out, compare=None, **options):
        cases, out = Path(cases), Path(out)  # call_command passes them as given
        models = [_model(model)] + ([_model(compare)] if compare else [])
        question_set = rulepacks.question_set()
        parsed, errors = parse_cases(_read(cases, "cases file"), question_set)
        if errors:
            raise CommandError(
                f"{cases} was refused; nothing was written:\n" + "\n".join(map(str, errors))
            )
        try:
            a, *rest = [back_test(m, question_set, parsed) for m in models]
        except ValueError as e:
            raise CommandError(f"The model cannot be used with these questions: {e}") from None
        b = rest[0] if rest else None
        out.mkdir(parents=True, exist_ok=True)
        (out / "results.csv").write_text(results_csv(a, b), encoding="utf-8")
        (out / "summary.md").write_text(
            summary_md(a, b, side_by_side(a, b) if b else (), cases.name), encoding="utf-8"
        )
        written = ["results.csv", "summary.md"]
        for suffix, result in (("", a), ("-b", b)):
            if result is None:
                continue
            scatter = charts.scatter(result)
            (out / f"predicted-vs-agreed{suffix}.svg").write_text(scatter.svg, encoding="utf-8")
            written.append(f"predicted-vs-agreed{suffix}.svg")
            by_group = charts.errors_by_group(result)
            if by_group:
                (out / f"error-by-group{suffix}.svg").write_text(by_group.svg, encoding="utf-8")
                written.append(f"error-by-group{suffix}.svg")
        f = a.figures
        self.stdout.write(
            f"{f.cases:,} cases against {a.model_ref}: median error {f.median_abs_error_pct}%, "
            f"{f.within_10_pct}% within ±10%, {f.within_20_pct}% within ±20%."
        )
        self.stdout.write(a.least_squares.sentence)
        self.stdout.write(f"Written to {out}: {', '.join(written)}")
