"""PA employer costs: cases worked by hand from the figures as published (RULES.md section 4)."""

from decimal import Decimal as D

import pytest

from domain import rulepacks
from domain.pa_costs import PaInputError, pa_costs

Y2526 = rulepacks.pa_employer("2025-26")
Y2627 = rulepacks.pa_employer("2026-27")


@pytest.mark.parametrize(
    "year, nlw", [(Y2526, D("12.21")), (Y2627, D("12.71"))], ids=["2025-26", "2026-27"]
)
def test_the_figures_are_the_published_ones(year, nlw):
    assert year.minimum_wage["aged_21_and_over"] == nlw
    assert (year.ni_rate_percent, year.secondary_threshold_per_year) == (D(15), D(5000))
    assert year.secondary_threshold_per_week == D(96)
    assert year.employment_allowance_per_year == D(10500)
    assert (year.holiday_weeks, year.irregular_accrual_percent) == (D("5.6"), D("12.07"))
    assert year.pension_trigger_per_year == D(10000)
    assert (year.pension_lower_per_year, year.pension_upper_per_year) == (D(6240), D(50270))
    assert year.pension_employer_percent == D(3)


def test_2026_27_younger_workers_rates_and_zero_rate_ni():
    assert Y2627.minimum_wage["aged_18_to_20"] == D("10.85")
    assert Y2627.minimum_wage["under_18_or_apprentice"] == D("8.00")
    assert Y2627.ni_zero_rate_upper_per_year == D(50270)


def test_20_hours_at_the_2026_27_living_wage_regular_hours():
    # £12.71 × 20 = £254.20 a week; × 52 = £13,218.40; holiday cover 5.6 × £254.20 = £1,423.52;
    # earnings £14,641.92; NI 15% × (14,641.92 − 5,000) = £1,446.29, all met by the Employment
    # Allowance; pension 3% × (14,641.92 − 6,240) = £252.06; total £14,893.98 a year; ÷ 52 = £286.42.
    r = pa_costs(year=Y2627, hourly_rate="12.71", hours_per_week="20")
    assert not r.below_minimum and r.warnings == ()
    assert (r.weekly_pay, r.annual_pay, r.holiday_cost) == (
        D("254.20"),
        D("13218.40"),
        D("1423.52"),
    )
    assert r.employer_ni_before_allowance == D("1446.29")
    assert (r.employment_allowance_used, r.employer_ni) == (D("1446.29"), D("0.00"))
    assert r.pension_enrolled and r.employer_pension == D("252.06")
    assert (r.annual_total, r.weekly_total) == (D("14893.98"), D("286.42"))
    assert [s.code for s in r.steps] == ["pay", "holiday", "employer_ni", "pension", "extras"]
    assert "5.6 × £254.20 = £1,423.52" in r.working_text()


def test_full_time_2025_26_without_the_employment_allowance():
    # £12.21 × 37.5 = £457.875 -> £457.88 a week; × 52 = £23,809.76; holiday 5.6 × 457.88 =
    # £2,564.13; earnings £26,373.89; NI 15% × 21,373.89 = £3,206.08 (no allowance claimed);
    # pension 3% × (26,373.89 − 6,240) = £604.02; total £30,183.99; ÷ 52 = £580.46.
    r = pa_costs(
        year=Y2526, hourly_rate="12.21", hours_per_week="37.5", claim_employment_allowance=False
    )
    assert (r.weekly_pay, r.annual_pay, r.holiday_cost) == (
        D("457.88"),
        D("23809.76"),
        D("2564.13"),
    )
    assert r.employer_ni == D("3206.08") and r.employment_allowance_used == 0
    assert r.employer_pension == D("604.02")
    assert (r.annual_total, r.weekly_total) == (D("30183.99"), D("580.46"))
    assert any("Employment Allowance" in n for n in r.notes)


def test_irregular_hours_accrue_12_07_percent_and_extras_are_added():
    # £13 × 10 = £130 a week; × 52 = £6,760; holiday 12.07% × 6,760 = £815.93; earnings £7,575.93:
    # under the £10,000 trigger so no automatic pension (opting in would cost 3% × 1,335.93 =
    # £40.08); NI £386.39 met by the allowance; extras £150 + £120 + 2% × 6,760 (£135.20) =
    # £405.20; total £7,981.13; ÷ 52 = £153.48.
    r = pa_costs(
        year=Y2627,
        hourly_rate="13.00",
        hours_per_week="10",
        irregular_hours=True,
        insurance_per_year="150",
        payroll_per_year="120",
        sickness_cover_percent="2",
    )
    assert r.holiday_cost == D("815.93") and r.annual_earnings == D("7575.93")
    assert r.employer_ni_before_allowance == D("386.39") and r.employer_ni == 0
    assert not r.pension_enrolled and r.employer_pension == 0
    assert any("£40.08" in n for n in r.notes)
    assert r.extras == D("405.20")
    assert (r.annual_total, r.weekly_total) == (D("7981.13"), D("153.48"))


@pytest.mark.parametrize(
    "year, rate, below",
    [
        (Y2627, "12.70", True),
        (Y2627, "12.71", False),
        (Y2526, "12.20", True),
        (Y2526, "12.21", False),
    ],
)
def test_a_rate_below_the_minimum_wage_is_flagged(year, rate, below):
    r = pa_costs(year=year, hourly_rate=rate, hours_per_week="10")
    assert r.below_minimum is below
    assert bool(r.warnings) is below
    if below:
        assert f"£{year.minimum_wage['aged_21_and_over']:.2f}" in r.warnings[0]


def test_a_worker_under_21_pays_no_employer_ni_below_the_upper_threshold():
    # £10.85 × 40 = £434 a week; earnings 22,568 + 5.6 × 434 (2,430.40) = £24,998.40 < £50,270.
    r = pa_costs(
        year=Y2627,
        hourly_rate="10.85",
        hours_per_week="40",
        age_band="aged_18_to_20",
        pension_age_eligible=False,
        claim_employment_allowance=False,
    )
    assert not r.below_minimum
    assert r.annual_earnings == D("24998.40") and r.employer_ni == 0 and r.employer_pension == 0


def test_the_allowance_and_pension_band_are_capped():
    # £60 × 168 = £10,080 a week; × 52 = £524,160; holiday £56,448; earnings £580,608;
    # NI 15% × 575,608 = £86,341.20 less £10,500 = £75,841.20; pension 3% × (50,270 − 6,240) = £1,320.90.
    r = pa_costs(year=Y2627, hourly_rate="60", hours_per_week="168")
    assert r.employer_ni_before_allowance == D("86341.20")
    assert r.employment_allowance_used == D("10500") and r.employer_ni == D("75841.20")
    assert r.employer_pension == D("1320.90")


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"hourly_rate": "0"}, "hourly_rate"),
        ({"hourly_rate": "abc"}, "hourly_rate"),
        ({"hourly_rate": 12.5}, "hourly_rate"),
        ({"hours_per_week": "169"}, "hours_per_week"),
        ({"hours_per_week": "-1"}, "hours_per_week"),
        ({"hours_per_week": "1.234"}, "hours_per_week"),
        ({"sickness_cover_percent": "101"}, "sickness_cover_percent"),
        ({"age_band": "aged_18_to_20", "year": Y2526}, "age_band"),
    ],
)
def test_bad_input_names_the_field(kwargs, field):
    args = {"year": Y2627, "hourly_rate": "12.71", "hours_per_week": "10", **kwargs}
    with pytest.raises(PaInputError) as e:
        pa_costs(**args)
    assert e.value.field == field
