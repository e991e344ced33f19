"""The charts: SVG with a description and the same figures as a table; uploaded text escaped."""

from decimal import Decimal

from clearpath.insight.raslab import charts
from domain import rulepacks
from domain.raslab import back_test, parse_cases

QS = rulepacks.question_set()
OUTCOMES = [o.code for o in QS.outcomes]
HEADER = ",".join([*OUTCOMES, "unpaid_care", "agreed_weekly", "ethnicity"])


def result(rows):
    cases, errors = parse_cases("\n".join([HEADER, *rows]), QS)
    assert errors == []
    return back_test(rulepacks.ras_model("demo-points@1"), QS, cases)


def line(first, agreed, ethnicity=""):
    return ",".join([first, *["none"] * 9, "none", agreed, ethnicity])


def test_the_scatter_has_a_dot_per_case_a_label_and_a_table():
    chart = charts.scatter(result([line("full", "57.00"), line("some", "25.00")]))
    assert chart.svg.count("<circle") == 2
    assert 'role="img"' in chart.svg and "aria-label=" in chart.svg
    assert "2 cases" in chart.label
    assert chart.rows == (
        ("£20.00 to £40.00", "1", "£19.00", "-24.0%"),
        ("£40.00 to £60.00", "1", "£57.00", "0.0%"),
    )


def test_a_big_scatter_shows_a_sample_and_says_so():
    chart = charts.scatter(result([line("full", f"{50 + i % 20}.00") for i in range(5000)]))
    assert chart.svg.count("<circle") == 1667
    assert "5,000 cases (1 case in every 3 is drawn)" in chart.label
    assert sum(int(r[1].replace(",", "")) for r in chart.rows) == 5000  # the table has them all


def test_group_bars_escape_what_was_uploaded():
    chart = charts.errors_by_group(
        result([line("full", "57.00", "<script>alert(1)</script>"), line("some", "25.00", "A")])
    )
    assert "<script>" not in chart.svg and "&lt;script&gt;" in chart.svg
    assert ("Ethnicity", "A", "1", "24.0%", "100.0%", "0.0%") in chart.rows
    assert chart.svg.count("<rect") == 2


def test_no_group_columns_means_no_group_chart():
    r = result([",".join(["full", *["none"] * 9, "none", "57.00", ""])])
    assert charts.errors_by_group(r) is None
    assert r.figures.median_abs_error_pct == Decimal("0.0")
