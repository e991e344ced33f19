"""The RAS lab: reading historical cases, back-testing a model, and comparing two.

Worked by hand with the demonstration model (demo-points@1): none 0, some 2, a lot 4, full 6
points; £9.50 a point; rounded to the pound; cap £600.
"""

from dataclasses import replace
from decimal import Decimal

import pytest

from domain import rulepacks
from domain.ras import calculate_budget
from domain.raslab import (
    MAX_ERRORS_LISTED,
    NOT_RECORDED,
    back_test,
    compare,
    example_csv,
    parse_cases,
)

QS = rulepacks.question_set()
MODEL = rulepacks.ras_model("demo-points@1")
OUTCOMES = [o.code for o in QS.outcomes]
HEADER = ",".join(["case_id", *OUTCOMES, "unpaid_care", "agreed_weekly", "age_band"])


def row(case_id, agreed, care="none", age="", **levels):
    answers = [levels.get(o, "none") for o in OUTCOMES]
    return ",".join([case_id, *answers, care, agreed, age])


# points 6 -> £57; 10 -> £95; 2 -> £19; 4 -> £38
WORKED = "\n".join(
    [
        HEADER,
        row("A", "57.00", age="65-74", hygiene="full"),  # 0%
        row("B", "100.00", age="65-74", hygiene="full", nutrition="a_lot"),  # -5%
        row("C", "25.00", age="18-24", hygiene="some"),  # -24%
        row("D", "30.40", toilet="a_lot"),  # +25%
    ]
)


def parsed(text=WORKED):
    cases, errors = parse_cases(text, QS)
    assert errors == []
    return cases


def test_a_hand_worked_back_test():
    result = back_test(MODEL, QS, parsed())
    assert [c.predicted for c in result.cases] == [Decimal(x) for x in ("57", "95", "19", "38")]
    assert [c.error_pct for c in result.cases] == [Decimal(x) for x in ("0", "-5", "-24", "25")]
    f = result.figures
    assert f.cases == 4
    assert f.median_abs_error_pct == Decimal("14.5")  # median of 0, 5, 24, 25
    assert f.within_10_pct == Decimal("50.0")
    assert f.within_20_pct == Decimal("50.0")
    assert f.under_funded_pct == Decimal("25.0")
    assert f.over_funded_pct == Decimal("25.0")
    assert f.total_predicted == Decimal("209.00")
    assert f.total_agreed == Decimal("212.40")


def test_the_least_squares_price_and_the_error_it_would_give():
    ls = back_test(MODEL, QS, parsed()).least_squares
    # Σ points × agreed = 6×57 + 10×100 + 2×25 + 4×30.40 = 1513.6; Σ points² = 156
    assert ls.applicable and ls.price == Decimal("9.70")
    # at £9.70: £58, £97, £19, £39 -> errors 1.75%, -3%, -24%, 28.3%: median of 3 and 24
    assert ls.figures.median_abs_error_pct == Decimal("13.5")
    assert "£9.70 a week" in ls.sentence and "£9.50" in ls.sentence
    assert "13.5%" in ls.sentence


def test_predictions_are_what_the_real_ras_gives():
    cases = parsed(example_csv(QS))
    for case in back_test(MODEL, QS, cases).cases:
        source = next(c for c in cases if c.line == case.line)
        real = calculate_budget(
            model=MODEL,
            question_set=QS,
            help_levels=dict(zip(OUTCOMES, source.levels, strict=True)),
            unpaid_care=source.unpaid_care,
        )
        assert case.predicted == real.weekly_amount
        assert case.points == real.adjusted_points


def test_unpaid_care_reduces_the_prediction():
    text = "\n".join([HEADER, row("A", "100", care="a_lot", hygiene="full", nutrition="a_lot")])
    (case,) = back_test(MODEL, QS, parsed(text)).cases
    assert case.points == Decimal("7.50")  # 10 less 25%
    assert case.predicted == Decimal("71.00")  # 7.5 × 9.50 = 71.25, to the pound


def test_groups_count_and_measure_each_value():
    groups = back_test(MODEL, QS, parsed()).groups
    ages = {g.value: g for g in groups if g.dimension == "age_band"}
    assert list(ages) == ["18-24", "65-74", NOT_RECORDED]
    assert ages["65-74"].cases == 2
    assert ages["65-74"].median_abs_error_pct == Decimal("2.5")
    assert ages["18-24"].under_funded_pct == Decimal("100.0")
    assert ages[NOT_RECORDED].over_funded_pct == Decimal("100.0")
    assert ages["65-74"].median_error_pct == Decimal("-2.5")
    # columns that were absent make no rows
    assert {g.dimension for g in groups} == {"age_band"}


def test_a_bands_model_has_no_least_squares_price():
    ls = back_test(rulepacks.ras_model("demo-bands@1"), QS, parsed()).least_squares
    assert not ls.applicable and ls.price is None
    assert "does not apply" in ls.sentence


def test_compare_puts_two_models_side_by_side():
    cheaper = replace(MODEL, ref="cheaper@1", price_per_point=Decimal("9.70"))
    a, b = back_test(MODEL, QS, parsed()), back_test(cheaper, QS, parsed())
    rows = {r.measure: r for r in compare(a, b)}
    median = rows["Median error (half the cases are within it)"]
    assert (median.a, median.b, median.better) == ("14.5%", "13.5%", "b")
    assert rows["Cases"].better == ""


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", ["Line 1: the file is empty"]),
        (HEADER, ["Line 2: there are no cases after the header"]),
        (
            HEADER.replace(",age_band", ",shoe_size"),
            ["Line 1: unknown column shoe_size. The columns are"],
        ),
        (
            HEADER.replace("hygiene,", "").replace(",agreed_weekly", ""),
            ["Line 1: missing columns hygiene, agreed_weekly"],
        ),
        (HEADER + ",age_band", ["Line 1, age_band: this column appears more than once"]),
    ],
)
def test_bad_headers_are_refused(text, expected):
    cases, errors = parse_cases(text, QS)
    assert cases == []
    assert len(errors) == len(expected)
    for error, start in zip(errors, expected, strict=True):
        assert str(error).startswith(start)


def test_every_bad_value_is_listed_with_its_line_and_column():
    text = "\n".join(
        [
            HEADER,
            row("A", "57.00", hygiene="full"),
            row("B", "12.x", hygiene="lots"),
            "",
            row("C", "-4", care="sometimes"),
            row("D", "10.001"),
            "E,none",
        ]
    )
    cases, errors = parse_cases(text, QS)
    assert cases == []  # refused whole, though line 2 was fine
    assert [str(e) for e in errors] == [
        "Line 3, hygiene: 'lots' is not a help level (use none, some, a_lot or full)",
        "Line 3, agreed_weekly: '12.x' is not an amount of money",
        "Line 5, unpaid_care: 'sometimes' is not an unpaid care level (use none, some or a_lot)",
        "Line 5, agreed_weekly: '-4' must be more than £0.00",
        "Line 6, agreed_weekly: '10.001' has more than 2 decimal places",
        "Line 7: has 2 values but the header has 14 columns",
    ]
    _, errors = parse_cases("\n".join([HEADER, row("B", "12.x")]), QS)
    assert [str(e) for e in errors] == ["Line 2, agreed_weekly: '12.x' is not an amount of money"]
    _, errors = parse_cases("\n".join([HEADER, row("B", "0")]), QS)
    assert [str(e) for e in errors] == ["Line 2, agreed_weekly: '0' must be more than £0.00"]


def test_many_errors_are_counted_not_all_listed():
    text = "\n".join([HEADER] + [row(str(i), "nope") for i in range(MAX_ERRORS_LISTED + 25)])
    _, errors = parse_cases(text, QS)
    assert len(errors) == MAX_ERRORS_LISTED + 1
    assert errors[-1].message == "and 25 more errors"


def test_values_are_forgiving_about_case_spaces_blanks_and_pound_signs():
    text = "\n".join(
        [
            "\ufeff" + HEADER.upper(),
            row("A", '"£1,057.00"', care=" Some ", hygiene=" FULL ", nutrition=""),
        ]
    )
    (case,) = parsed(text)
    assert case.agreed == Decimal("1057.00")
    assert case.unpaid_care == "some"
    assert case.levels[OUTCOMES.index("hygiene")] == "full"
    assert case.levels[OUTCOMES.index("nutrition")] == "none"  # blank counts as no help
    assert case.groups == (NOT_RECORDED, NOT_RECORDED, NOT_RECORDED)


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr("domain.raslab.cases.MAX_ROWS", 2)  # parse_cases reads it there
    text = "\n".join([HEADER] + [row(str(i), "10") for i in range(3)])
    _, errors = parse_cases(text, QS)
    assert [str(e) for e in errors] == ["Line 4: the file has more than 2 cases; split it"]


def test_the_example_file_reads_cleanly():
    cases = parsed(example_csv(QS))
    assert len(cases) == 3


def test_errors_are_to_a_hundredth_and_exactly_10_percent_is_within():
    text = "\n".join(
        [
            HEADER,
            row("A", "190.00", hygiene="full", nutrition="full", toilet="full"),  # £171: -10%
            row("B", "30.00", hygiene="some"),  # £19: -36.666...%
        ]
    )
    result = back_test(MODEL, QS, parsed(text))
    assert [c.error_pct for c in result.cases] == [Decimal("-10.00"), Decimal("-36.67")]
    assert result.figures.within_10_pct == Decimal("50.0")
    assert result.figures.under_funded_pct == Decimal("50.0")
    assert result.figures.median_abs_error_pct == Decimal("23.3")  # (10 + 36.67) / 2 = 23.335


def test_a_model_without_points_for_a_help_level_is_refused():
    partial = replace(MODEL, points={k: v for k, v in MODEL.points.items() if k != "full"})
    with pytest.raises(ValueError, match="has no points for the help level 'full'"):
        back_test(partial, QS, parsed())
