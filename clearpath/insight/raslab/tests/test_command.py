"""`manage.py ras_lab`: the RAS lab from the command line."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from clearpath.insight.raslab.selectors import model_source
from domain import rulepacks

OUTCOMES = [o.code for o in rulepacks.question_set().outcomes]
HEADER = ",".join([*OUTCOMES, "unpaid_care", "agreed_weekly", "ethnicity"])
GOOD = "\n".join(
    [
        HEADER,
        ",".join(["full", *["none"] * 9, "none", "57.00", "White"]),
        ",".join(["some", *["none"] * 9, "none", "25.00", "Mixed"]),
    ]
)


def run(**options):
    out = StringIO()
    call_command("ras_lab", stdout=out, **options)
    return out.getvalue()


def test_it_writes_results_summary_and_charts(tmp_path):
    cases = tmp_path / "cases.csv"
    cases.write_text(GOOD)
    other = tmp_path / "other.toml"
    other.write_text(model_source("demo-points@1").replace('"9.50"', '"12.50"'))
    said = run(
        model="demo-points@1", cases=str(cases), out=str(tmp_path / "out"), compare=str(other)
    )
    assert "2 cases against demo-points@1: median error 12.0%" in said
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == [
        "error-by-group-b.svg",
        "error-by-group.svg",
        "predicted-vs-agreed-b.svg",
        "predicted-vs-agreed.svg",
        "results.csv",
        "summary.md",
    ]
    rows = (out / "results.csv").read_text().splitlines()
    assert rows[1] == "2,,Not recorded,Not recorded,White,57.00,6.00,57.00,0.0,6.00,75.00,31.6"
    summary = (out / "summary.md").read_text()
    assert "## Side by side" in summary and "| Ethnicity | Mixed | 1 |" in summary
    assert 'role="img"' in (out / "predicted-vs-agreed.svg").read_text()


def test_bad_input_stops_with_clear_errors(db, tmp_path):
    cases = tmp_path / "cases.csv"
    cases.write_text(HEADER + "\n" + ",".join(["lots", *["none"] * 9, "none", "x", ""]))
    with pytest.raises(CommandError) as e:
        run(model="demo-points@1", cases=str(cases), out=str(tmp_path / "out"))
    assert "Line 2, nutrition: 'lots' is not a help level" in str(e.value)
    assert "Line 2, agreed_weekly: 'x' is not an amount of money" in str(e.value)
    assert not (tmp_path / "out").exists()
    with pytest.raises(
        CommandError,
        match="Give a model file, or one of: demo-bands@1, demo-points@1, demo-points@2",
    ):
        run(model="nope@3", cases=str(cases), out=str(tmp_path / "out"))
    with pytest.raises(CommandError, match="Cannot read the cases file"):
        run(model="demo-points@1", cases=str(tmp_path / "missing.csv"), out=str(tmp_path))
