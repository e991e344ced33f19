"""The RAS: points per answer × price per point, less unpaid care, rounded, within floor and cap."""

from dataclasses import replace
from decimal import Decimal

import pytest
import textstat

from domain import rulepacks
from domain.ras import calculate_budget, what_would_change

QS = rulepacks.question_set()
MODEL = rulepacks.ras_model()


def budget(levels, unpaid="none", model=MODEL):
    return calculate_budget(model=model, question_set=QS, help_levels=levels, unpaid_care=unpaid)


def test_points_are_added_per_answer_and_priced():
    r = budget({"hygiene": "full", "nutrition": "a_lot", "clothing": "some"})
    assert r.points == Decimal(12) and r.weekly_amount == Decimal("114.00")  # 12 × £9.50
    assert r.annual_amount == Decimal("5928.00")
    assert "Your answers about washing and personal hygiene added 6 points." in r.explanation


def test_unpaid_care_reduces_the_points_by_a_share():
    r = budget({"hygiene": "full", "nutrition": "a_lot", "clothing": "some"}, unpaid="some")
    assert r.adjusted_points == Decimal("10.80") and r.weekly_amount == Decimal(
        "103.00"
    )  # £102.60 rounded
    assert any("take off 10% of the points" in line for line in r.explanation)


def test_the_cap_limits_the_weekly_amount_and_says_so():
    model = replace(MODEL, cap_weekly=Decimal("500.00"))
    r = budget({o.code: "full" for o in QS.outcomes}, model=model)
    assert r.points == Decimal(60) and r.weekly_amount == Decimal("500.00") and r.capped
    assert any("The most this model gives" in line for line in r.explanation)


def test_the_floor_lifts_a_small_amount():
    model = replace(MODEL, floor_weekly=Decimal("50.00"))
    r = budget({"hygiene": "some"}, model=model)
    assert r.weekly_amount == Decimal("50.00") and r.capped


def test_per_outcome_points_override_the_table():
    model = replace(MODEL, outcome_points={"hygiene": {"full": Decimal(10)}})
    assert budget({"hygiene": "full"}, model=model).points == Decimal(10)


def test_missing_answers_count_as_no_help():
    assert budget({}).weekly_amount == Decimal("0.00")


def test_unknown_answers_are_refused():
    with pytest.raises(ValueError):
        budget({"hygiene": "loads"})
    with pytest.raises(ValueError):
        budget({"hygiene": "full"}, unpaid="always")


def test_the_arithmetic_shows_every_step():
    r = budget({"hygiene": "full", "nutrition": "a_lot", "clothing": "some"}, unpaid="some")
    assert r.arithmetic[1].startswith("Less 10% for unpaid care") and "£102.60" in r.arithmetic[2]


def test_what_would_change_names_the_answers_that_move_the_budget():
    changes = what_would_change(
        model=MODEL, question_set=QS, help_levels={"hygiene": "some"}, unpaid_care="none"
    )
    assert any(
        c.startswith("Washing and personal hygiene") and "go up by £19.00" in c for c in changes
    )
    assert any("go down by £19.00" in c for c in changes)


@pytest.mark.parametrize(
    "levels, unpaid",
    [
        ({"hygiene": "full", "nutrition": "a_lot", "clothing": "some"}, "some"),
        ({o.code: "full" for o in QS.outcomes}, "a_lot"),
        ({"community": "some", "relationships": "some"}, "none"),
    ],
)
def test_the_persons_explanation_is_easy_to_read(levels, unpaid):
    text = " ".join(budget(levels, unpaid).explanation)
    assert textstat.flesch_reading_ease(text) >= 60, text


def test_the_demo_model_says_it_is_a_demo():
    assert MODEL.demo and "DEMONSTRATION" in MODEL.source and budget({}).demo
