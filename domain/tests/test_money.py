"""Money is Decimal pence, never float; conversions round once, half up, to the penny."""

import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.money import (
    FREQUENCY_LABELS,
    Frequency,
    annual_from_weekly,
    format_money,
    four_weekly_from_weekly,
    to_money,
    weekly_cost,
)


@pytest.mark.parametrize(
    "raw, pence",
    [
        ("12.345", "12.35"),
        ("12.344", "12.34"),
        ("0.005", "0.01"),
        ("-0.005", "-0.01"),
        (5, "5.00"),
        (Decimal("2.5"), "2.50"),
        ("£1,234.5", "1234.50"),
        (" 7 ", "7.00"),
    ],
)
def test_to_money_rounds_half_up_to_the_penny(raw, pence):
    result = to_money(raw)
    assert result == Decimal(pence) and result.as_tuple().exponent == -2


@pytest.mark.parametrize("raw", [12.5, 0.1, True])
def test_floats_and_bools_are_refused(raw):
    with pytest.raises(TypeError):
        to_money(raw)


@pytest.mark.parametrize("raw", ["abc", "NaN", "Infinity", "-inf", "", "1.2.3", Decimal("NaN")])
def test_non_numbers_are_refused(raw):
    with pytest.raises(ValueError):
        to_money(raw)


@pytest.mark.parametrize(
    "frequency, weekly",
    [
        ("weekly", "135.00"),
        ("fortnightly", "67.50"),
        ("four_weekly", "33.75"),
        ("monthly", "31.15"),  # 135 × 12 / 52 = 31.1538…
        ("annually", "2.60"),  # 135 / 52 = 2.5961…
    ],
)
def test_weekly_cost_converts_each_frequency(frequency, weekly):
    cost = weekly_cost(unit_cost=Decimal("13.50"), quantity=Decimal("10"), frequency=frequency)
    assert cost == Decimal(weekly)


def test_weekly_cost_rounds_once_at_the_end_and_half_up():
    # £0.26 a year is exactly 0.5p a week: rounding 1/52 first would give 0.4999…p and £0.00
    assert weekly_cost(unit_cost=Decimal("0.26"), quantity=Decimal(1), frequency="annually") == (
        Decimal("0.01")
    )
    # 3 × £0.335 = £1.005 a week: one rounding at the end gives £1.01
    assert weekly_cost(unit_cost=Decimal("0.335"), quantity=Decimal(3), frequency="weekly") == (
        Decimal("1.01")
    )


def test_an_unknown_frequency_is_refused():
    with pytest.raises(ValueError):
        weekly_cost(unit_cost=Decimal(1), quantity=Decimal(1), frequency="hourly")


def test_a_float_cost_is_refused():
    with pytest.raises(TypeError):
        weekly_cost(unit_cost=13.5, quantity=Decimal(1), frequency="weekly")


def test_every_frequency_has_a_label():
    assert FREQUENCY_LABELS == {
        "weekly": "every week",
        "fortnightly": "every 2 weeks",
        "four_weekly": "every 4 weeks",
        "monthly": "every month",
        "annually": "every year",
    }
    assert set(FREQUENCY_LABELS) == set(Frequency)


def test_annual_and_four_weekly_amounts():
    assert annual_from_weekly(Decimal("94.50")) == Decimal("4914.00")
    assert four_weekly_from_weekly(Decimal("94.50")) == Decimal("378.00")


@pytest.mark.parametrize(
    "value, text",
    [
        (Decimal("1234.5"), "£1,234.50"),
        (Decimal("1234567.891"), "£1,234,567.89"),
        (Decimal("0"), "£0.00"),
        (7, "£7.00"),
        ("12.5", "£12.50"),
        (Decimal("-5"), "-£5.00"),
        (None, ""),
        ("", ""),
    ],
)
def test_money_is_formatted_for_people(value, text):
    assert format_money(value) == text


_amounts = st.decimals(min_value=0, max_value=100000, places=4, allow_nan=False)


@given(cost=_amounts, qty=_amounts, frequency=st.sampled_from(list(Frequency)))
def test_weekly_cost_is_always_decimal_pence_rounded_once(cost, qty, frequency):
    result = weekly_cost(unit_cost=cost, quantity=qty, frequency=frequency)
    assert isinstance(result, Decimal) and not isinstance(result, float)
    assert result.as_tuple().exponent == -2 and result >= 0
    times, per = {
        "weekly": (1, 1),
        "fortnightly": (1, 2),
        "four_weekly": (1, 4),
        "monthly": (12, 52),
        "annually": (1, 52),
    }[frequency]
    exact_pence = Fraction(cost) * Fraction(qty) * times / per * 100  # exact, never rounded
    half_up = math.floor(exact_pence + Fraction(1, 2))
    assert result == Decimal(half_up) / 100
