"""Money is Decimal pence, never float; conversions round once, to the penny."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.money import (
    annual_from_weekly,
    format_money,
    four_weekly_from_weekly,
    to_money,
    weekly_cost,
)


@pytest.mark.parametrize(
    "raw, pence", [("12.345", "12.35"), ("12.344", "12.34"), (5, "5.00"), ("£1,234.5", "1234.50")]
)
def test_to_money_rounds_half_up_to_the_penny(raw, pence):
    assert to_money(raw) == Decimal(pence)


def test_floats_are_refused():
    with pytest.raises(TypeError):
        to_money(12.5)


@pytest.mark.parametrize("raw", ["abc", "NaN", "Infinity", ""])
def test_non_numbers_are_refused(raw):
    with pytest.raises(ValueError):
        to_money(raw)


@pytest.mark.parametrize(
    "frequency, weekly",
    [
        ("weekly", "135.00"),
        ("fortnightly", "67.50"),
        ("four_weekly", "33.75"),
        ("monthly", "31.15"),
        ("annually", "2.60"),
    ],
)
def test_weekly_cost_converts_each_frequency(frequency, weekly):
    assert weekly_cost(
        unit_cost=Decimal("13.50"), quantity=Decimal("10"), frequency=frequency
    ) == Decimal(weekly)


def test_an_unknown_frequency_is_refused():
    with pytest.raises(ValueError):
        weekly_cost(unit_cost=Decimal(1), quantity=Decimal(1), frequency="hourly")


def test_annual_and_four_weekly_amounts():
    assert annual_from_weekly(Decimal("94.50")) == Decimal("4914.00")
    assert four_weekly_from_weekly(Decimal("94.50")) == Decimal("378.00")


def test_money_is_formatted_for_people():
    assert format_money(Decimal("1234.5")) == "£1,234.50"
    assert format_money(Decimal("-5")) == "-£5.00"
    assert format_money(None) == ""


@given(
    cost=st.decimals(
        min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False
    ),
    qty=st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False),
    frequency=st.sampled_from(["weekly", "fortnightly", "four_weekly", "monthly", "annually"]),
)
def test_weekly_cost_is_always_decimal_pence(cost, qty, frequency):
    result = weekly_cost(unit_cost=cost, quantity=qty, frequency=frequency)
    assert isinstance(result, Decimal) and result.as_tuple().exponent == -2 and result >= 0
