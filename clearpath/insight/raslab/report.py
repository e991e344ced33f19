"""A back-test written out: the per-case results as CSV, and a summary in Markdown."""

from decimal import ROUND_HALF_UP, Decimal

from clearpath.exports import csv_text
from domain.money import format_money
from domain.raslab import GROUPS, ComparisonRow, LabResult

TENTH = Decimal("0.1")


def signed_pct(value: Decimal) -> str:
    """'+2.9%', '-3.8%' or '0.0%': an error to one decimal place, with its direction."""
    rounded = value.quantize(TENTH, ROUND_HALF_UP)
    return f"{rounded:+}%" if rounded else "0.0%"


def results_csv(a: LabResult, b: LabResult | None = None) -> str:
    """One row per case: what was agreed, and each model's points, prediction and error."""
    head = ["line", "case_id", *GROUPS, "agreed_weekly", "points", "predicted_weekly", "error_pct"]
    if b:
        head += ["points_b", "predicted_weekly_b", "error_pct_b"]
    rows = [head]
    others = b.cases if b else [None] * len(a.cases)
    for case, other in zip(a.cases, others, strict=True):
        row = [
            case.line,
            case.case_id,
            *case.groups,
            case.agreed,
            case.points,
            case.predicted,
            case.error_pct.quantize(TENTH),
        ]
        if other:
            row += [other.points, other.predicted, other.error_pct.quantize(TENTH)]
        rows.append(row)
    return csv_text(rows)


def figure_rows(result: LabResult) -> list[tuple[str, str]]:
    """The headline figures in words, for a summary list."""
    f = result.figures
    return [
        ("Cases", f"{f.cases:,}"),
        ("Median error", f"{f.median_abs_error_pct}% (half the cases are within this)"),
        ("Within ±10% of agreed", f"{f.within_10_pct}% of cases"),
        ("Within ±20% of agreed", f"{f.within_20_pct}% of cases"),
        ("Under-funded by more than 10%", f"{f.under_funded_pct}% of cases"),
        ("Over-funded by more than 10%", f"{f.over_funded_pct}% of cases"),
        ("Total predicted", f"{format_money(f.total_predicted)} a week"),
        ("Total agreed", f"{format_money(f.total_agreed)} a week"),
    ]


def summary_md(
    a: LabResult, b: LabResult | None, comparison: tuple[ComparisonRow, ...], cases_name: str
) -> str:
    """The figures, the best-fit price, the groups and any comparison, as Markdown."""
    lines = [f"# RAS lab: {cases_name} against {a.model_ref}", ""]
    for result in (a, b) if b else (a,):
        lines += [f"## {result.model_ref}", ""]
        if result.demo:
            lines += ["This model uses demonstration figures, not a council's.", ""]
        lines += [f"- {k}: {v}" for k, v in figure_rows(result)]
        lines += ["", result.least_squares.sentence, ""]
        if result.groups:
            lines += [
                "| Group | Value | Cases | Median error | Under-funded | Over-funded |",
                "|---|---|---:|---:|---:|---:|",
            ]
            lines += [
                f"| {g.heading} | {g.value.replace('|', '/')} | {g.cases:,} | "
                f"{g.median_abs_error_pct}% | {g.under_funded_pct}% | {g.over_funded_pct}% |"
                for g in result.groups
            ]
            lines.append("")
    if b:
        lines += [
            "## Side by side",
            "",
            f"| Measure | {a.model_ref} | {b.model_ref} |",
            "|---|---:|---:|",
        ]
        lines += [f"| {r.measure} | {r.a} | {r.b} |" for r in comparison]
        lines.append("")
    return "\n".join(lines)
