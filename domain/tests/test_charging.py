"""The weekly contribution (SI 2014/2672; RULES.md section 5), from the charging rule packs."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain import rulepacks
from domain.charging import ChargingError, tariff_income, weekly_contribution

NOW = rulepacks.charging()  # 2026/27: MIG amounts not in the pack
Y2023 = rulepacks.charging("england-2023-24@1")
D = Decimal


def test_the_figures_come_from_the_sources():
    assert (NOW.capital_lower, NOW.capital_upper, NOW.tariff_step) == (
        D("14250"),
        D("23250"),
        D("250"),
    )
    assert dict(NOW.mig) == {}  # not found for 2026/27: council-entered, never invented
    assert Y2023.mig["single_25_to_pc_age"] == D("103.65") and Y2023.mig["single_pc_age"] == D(
        "214.35"
    )
    assert "SI 2023/277" in Y2023.source and "RULES.md" in NOW.source


@pytest.mark.parametrize(
    "capital,tariff",
    [("14250", "0"), ("14250.01", "1"), ("14500", "1"), ("14500.01", "2"), ("23250", "36")],
)
def test_tariff_income_is_a_pound_for_every_250_or_part(capital, tariff):
    assert tariff_income(D(capital), NOW) == D(tariff)


def c(rules=Y2023, **kw):
    args = dict(
        rules=rules,
        weekly_gross=D("300.00"),
        capital=D("0"),
        weekly_income=D("250.00"),
        mig_band="single_pc_age",
        mig_amount=None,
        dre=D("0"),
    )
    return weekly_contribution(**{**args, **kw})


def test_income_above_the_mig_less_dre_is_the_contribution_explained():
    result = c(dre=D("10.00"), capital=D("15000"))  # 250 + 3 - 214.35 - 10
    assert result.weekly_contribution == D("28.65")
    assert "So you pay £28.65 a week towards your care." in result.explanation


def test_above_the_upper_limit_the_person_pays_the_full_cost():
    result = c(capital=D("23250.01"))
    assert result.full_cost and result.weekly_contribution == D("300.00")


def test_a_missing_mig_must_be_entered_by_the_council():
    with pytest.raises(ChargingError) as missing:
        c(rules=NOW)
    assert missing.value.field == "mig_amount"
    assert c(rules=NOW, mig_amount=D("230.00")).weekly_contribution == D("20.00")


@given(
    income=st.integers(0, 200_000).map(lambda p: D(p) / 100),
    capital=st.integers(0, 3_000_000).map(lambda p: D(p) / 100),
    dre=st.integers(0, 10_000).map(lambda p: D(p) / 100),
)
def test_the_contribution_is_never_negative_nor_above_the_cost_of_care(income, capital, dre):
    result = c(weekly_income=income, capital=capital, dre=dre)
    assert D("0") <= result.weekly_contribution <= D("300.00")
