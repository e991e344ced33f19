"""The RAS: points per answer × price per point, less unpaid care, rounded, within floor and cap.

The figures are the demonstration model's (demo-points@1), not any council's (RULES.md §7).
"""

from dataclasses import replace
from decimal import Decimal
from types import MappingProxyType

import pytest
import textstat

from domain import rulepacks
from domain.ras import calculate_budget, what_would_change

QS = rulepacks.question_set()
MODEL = rulepacks.ras_model()
ALL_FULL = {o.code: "full" for o in QS.outcomes}
THREE = {"hygiene": "full", "nutrition": "a_lot", "clothing": "some"}  # 6 + 4 + 2 = 12 points


def budget(levels, unpaid="none", model=MODEL):
    return calculate_budget(model=model, question_set=QS, help_levels=levels, unpaid_care=unpaid)


def changes(levels, unpaid="none", model=MODEL):
    return what_would_change(model=model, question_set=QS, help_levels=levels, unpaid_care=unpaid)


@pytest.mark.parametrize(
    "levels, points, weekly",
    [
        ({}, "0", "0.00"),
        ({"hygiene": "some"}, "2", "19.00"),
        ({"hygiene": "a_lot"}, "4", "38.00"),
        ({"hygiene": "full"}, "6", "57.00"),
        (THREE, "12", "114.00"),
        (ALL_FULL, "60", "570.00"),
    ],
)
def test_points_are_added_per_answer_and_priced(levels, points, weekly):
    r = budget(levels)
    assert r.points == Decimal(points) and r.weekly_amount == Decimal(weekly)
    assert r.annual_amount == r.weekly_amount * 52 and not r.capped


@pytest.mark.parametrize(
    "unpaid, adjusted, weekly",
    [("none", "12", "114.00"), ("some", "10.80", "103.00"), ("a_lot", "9.00", "86.00")],
)
def test_unpaid_care_reduces_the_points_by_a_share(unpaid, adjusted, weekly):
    r = budget(THREE, unpaid=unpaid)  # 10.8 × £9.50 = £102.60 → £103; 9 × £9.50 = £85.50 → £86
    assert r.points == Decimal(12) and r.adjusted_points == Decimal(adjusted)
    assert r.weekly_amount == Decimal(weekly)


def test_the_weekly_amount_is_rounded_half_up_to_the_step():
    model = replace(MODEL, price_per_point=Decimal("1.25"))
    assert budget({"hygiene": "some"}, model=model).weekly_amount == Decimal("3.00")  # £2.50 → £3
    assert budget({"hygiene": "full"}, model=model).weekly_amount == Decimal("8.00")  # £7.50 → £8
    pence = replace(model, round_to=Decimal("0.01"))
    assert budget({"hygiene": "some"}, model=pence).weekly_amount == Decimal("2.50")


def test_the_cap_limits_the_weekly_amount_and_says_so():
    model = replace(MODEL, cap_weekly=Decimal("500.00"))
    r = budget(ALL_FULL, model=model)
    assert r.points == Decimal(60) and r.weekly_amount == Decimal("500.00") and r.capped
    assert "The most this can give is £500.00 a week." in r.explanation
    assert "Capped at £500.00 a week" in r.arithmetic


def test_the_floor_lifts_a_small_amount_and_says_so():
    model = replace(MODEL, floor_weekly=Decimal("50.00"))
    r = budget({"hygiene": "some"}, model=model)
    assert r.weekly_amount == Decimal("50.00") and r.capped
    assert "The least this can give is £50.00 a week." in r.explanation


def test_per_outcome_points_override_the_table():
    model = replace(MODEL, outcome_points=MappingProxyType({"hygiene": {"full": Decimal(10)}}))
    assert budget({"hygiene": "full"}, model=model).points == Decimal(10)
    assert budget({"toilet": "full"}, model=model).points == Decimal(6)


@pytest.mark.parametrize("levels", [{}, {"hygiene": ""}, {"hygiene": None}])
def test_missing_answers_count_as_no_help(levels):
    r = budget(levels)
    assert r.weekly_amount == Decimal("0.00")
    assert all(f.answer == "I do not need help" for f in r.factors)


@pytest.mark.parametrize(
    "levels, unpaid",
    [({"hygiene": "loads"}, "none"), ({"flying": "full"}, "none"), ({"hygiene": "full"}, "always")],
)
def test_unknown_answers_are_refused(levels, unpaid):
    with pytest.raises(ValueError):
        budget(levels, unpaid=unpaid)


def test_a_model_without_points_for_a_help_level_is_refused():
    model = replace(MODEL, points=MappingProxyType({"none": Decimal(0), "some": Decimal(2)}))
    with pytest.raises(ValueError, match="no points for the help level"):
        budget({"hygiene": "some"}, model=model)


def test_the_explanation_gives_each_factor_then_the_sum_in_words():
    r = budget(THREE, unpaid="some")
    assert r.explanation == (
        "Your answers about eating and drinking added 4 points.",
        "Your answers about washing and personal hygiene added 6 points.",
        "Your answers about getting dressed added 2 points.",
        "Your other answers added no points.",
        "That makes 12 points in all.",
        "Family or friends help you without being paid (some help, some of the time). "
        "So we take off 10% of the points. That leaves 10.8 points.",
        "Each point is worth £9.50 a week. So 10.8 points come to £102.60 a week.",
        "We round this to the nearest pound, which gives £103.00.",
        "So your budget is £103.00 a week to start with.",
        "It can go up or down as you plan your support.",
        "The figures used here are only an example.",
    )
    assert [f.points for f in r.factors[:4]] == [Decimal(4), Decimal(6), Decimal(0), Decimal(2)]
    assert (
        r.factors[1].sentence == "Your answers about washing and personal hygiene added 6 points."
    )


def test_no_points_at_all_is_said_once():
    assert budget({}).explanation[0] == "Your answers added no points."


def test_the_arithmetic_shows_every_step():
    assert budget(THREE, unpaid="some").arithmetic == (
        "Points: 4 + 6 + 2 = 12",
        "12 − 10% unpaid care (1.2) = 10.8",
        "10.8 × £9.50 = £102.60",
        "Rounded half up to the nearest £1.00: £103.00",
        "£103.00 a week × 52 = £5,356.00 a year",
    )


def test_what_would_change_names_the_answers_that_move_the_budget():
    found = changes({"hygiene": "some"})
    assert (
        "Washing and personal hygiene: if the answer were “I need a lot of help”, "
        "the budget would go up by £19.00 a week." in found
    )
    assert (
        "Washing and personal hygiene: if the answer were “I do not need help”, "
        "the budget would go down by £19.00 a week." in found
    )
    assert len(found) == 11  # hygiene up and down; every other outcome only up


def test_what_would_change_leaves_out_changes_that_move_nothing():
    assert not any("go up" in line for line in changes(ALL_FULL))  # already the top level
    capped = replace(MODEL, cap_weekly=Decimal("500.00"))
    assert changes(ALL_FULL, model=capped) == ()  # 56 points is still above the cap


@pytest.mark.parametrize(
    "levels, unpaid",
    [
        (THREE, "some"),
        (ALL_FULL, "a_lot"),
        ({"community": "some", "relationships": "some"}, "none"),
        ({}, "none"),
    ],
)
def test_the_persons_explanation_is_easy_to_read(levels, unpaid):
    text = " ".join(budget(levels, unpaid).explanation)
    assert textstat.flesch_reading_ease(text) >= 60, text


def test_the_demo_model_says_it_is_a_demo():
    assert MODEL.demo and "DEMONSTRATION" in MODEL.source and budget({}).demo
    assert budget({}).model_ref == "demo-points@1"
    real = replace(MODEL, demo=False)
    assert "The figures used here are only an example." not in budget({}, model=real).explanation


STEPPED = rulepacks.ras_model("demo-points@2")  # £10 a point to 30, £8.50 above, rounded up
BANDS = rulepacks.ras_model("demo-bands@1")


@pytest.mark.parametrize(
    "levels, unpaid, weekly",
    [
        (THREE, "none", "120.00"),  # 12 × £10
        ({o: "full" for o in list(ALL_FULL)[:5]}, "none", "300.00"),  # 30 × £10, exactly the step
        (ALL_FULL, "none", "555.00"),  # 30 × £10 + 30 × £8.50 = £555
        (ALL_FULL, "some", "504.00"),  # 54: £300 + 24 × £8.50 = £504
        (THREE, "some", "108.00"),  # 10.8 × £10 = £108
    ],
)
def test_stepped_prices_charge_each_point_at_its_step(levels, unpaid, weekly):
    assert budget(levels, unpaid, model=STEPPED).weekly_amount == Decimal(weekly)


def test_stepped_prices_are_explained_step_by_step():
    r = budget(ALL_FULL, model=STEPPED)
    assert "The first 30 points are worth £10.00 each a week." in r.explanation
    assert "Points above 30 are worth £8.50 each." in r.explanation
    assert "So 60 points come to £555.00 a week." in r.explanation
    assert "30 × £10.00 + 30 × £8.50 = £300.00 + £255.00 = £555.00" in r.arithmetic


def test_rounding_up_and_down_go_the_way_the_model_says():
    model = replace(STEPPED, price_per_point=Decimal("1.25"), price_steps=())
    up = budget({"hygiene": "some"}, model=replace(model, round_to=Decimal("5")))
    down = budget({"hygiene": "some"}, model=replace(model, round_to=Decimal("5"), rounding="down"))
    assert up.weekly_amount == Decimal("5.00") and down.weekly_amount == Decimal("0.00")
    assert "We round this up to the next £5.00, which gives £5.00." in up.explanation
    assert "Rounded down to the nearest £5.00: £0.00" in down.arithmetic


@pytest.mark.parametrize(
    "levels, unpaid, weekly, band",
    [
        ({}, "none", "0.00", "from 0 to under 1 points"),
        ({"hygiene": "some"}, "none", "60.00", "from 1 to under 11"),
        (THREE, "none", "150.00", "from 11 to under 21"),
        (THREE, "a_lot", "60.00", "from 1 to under 11"),  # 12 less 25% = 9 points
        (ALL_FULL, "none", "550.00", "of 51 points or more"),
    ],
)
def test_a_banded_model_gives_the_amount_of_the_band_the_points_fall_in(
    levels, unpaid, weekly, band
):
    r = budget(levels, unpaid, model=BANDS)
    assert r.weekly_amount == Decimal(weekly)
    assert any(band in line for line in r.explanation), r.explanation
    assert textstat.flesch_reading_ease(" ".join(r.explanation)) >= 60


def test_a_banded_model_says_which_answers_would_move_it_to_another_band():
    lines = changes(THREE, model=BANDS)  # 12 points: one level less on clothing gives 10 → £60
    assert any(line.endswith("would go down by £90.00 a week.") for line in lines), lines
    assert not any("go up" in line for line in lines), "one level more stays in the 11–20 band"


def test_needs_outside_the_ras_are_explained_and_flagged():
    r = calculate_budget(
        model=MODEL, question_set=QS, help_levels=THREE, unpaid_care="none", outside_ras=True
    )
    assert r.outside_ras and r.weekly_amount == Decimal("114.00")
    assert any("cannot be worked out with points" in line for line in r.explanation)
    assert r.arithmetic[-1].startswith("Outside the RAS")


def test_the_final_budget_is_explained_against_the_first_figure():
    from domain.explain import final_budget_explanation

    words = final_budget_explanation(
        weekly=Decimal("130.00"),
        annual=Decimal("6760.00"),
        indicative_weekly=Decimal("114.00"),
        lines=[
            ("Personal assistant, 8 hours", Decimal("100.00")),
            ("Day centre", Decimal("30.00")),
        ],
        deployment="Direct payment",
    )
    assert words[0] == "Your personal budget is £130.00 a week (£6,760.00 a year)."
    assert "Day centre: £30.00 a week." in words
    assert any(
        w.startswith("That is £16.00 a week more than the first figure of £114.00") for w in words
    )
    assert words[-1] == "It is paid as a direct payment."
    assert textstat.flesch_reading_ease(" ".join(words)) >= 60


@pytest.mark.parametrize("ref", ["demo-points@1", "demo-points@2", "demo-bands@1"])
def test_each_model_is_described_in_plain_words_with_a_worked_example(ref):
    from domain.ras import in_words

    words = in_words(rulepacks.ras_model(ref), QS)
    assert words.outcome_count == 10 and words.points[-1] == (
        "I cannot do this at all without help",
        "6",
    )
    text = " ".join((*words.money, *words.limits, *words.example.explanation))
    assert textstat.flesch_reading_ease(text) >= 60, text
    if ref == "demo-points@2":
        assert words.money == (
            "The first 30 points are worth £10.00 each a week.",
            "Points above 30 are worth £8.50 each.",
        )
    if ref == "demo-bands@1":
        assert words.bands[0] == ("0 to under 1", "£0.00") and words.bands[-1] == (
            "51 or more",
            "£550.00",
        )
