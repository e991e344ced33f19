"""Personal assistant employer figures for one tax year: kind `pa_employer`, one file a year.

Each table carries its own `source`; every figure is written as a string so no float touches
money. The calculation that uses them is domain/pa_costs.py.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from domain.rulepacks.fields import need
from domain.rulepacks.types import Pack, RulePackError

AGE_BANDS = {
    "aged_21_and_over": "21 or over",
    "aged_18_to_20": "18 to 20",
    "under_18_or_apprentice": "under 18, or an apprentice",
}


@dataclass(frozen=True)
class PaEmployerYear:
    """The figures an employer of a personal assistant needs for one tax year, with sources."""

    ref: str
    tax_year: str  # "2026-27", the pack id
    label: str  # "2026/27"
    starts: date
    ends: date
    minimum_wage: Mapping[str, Decimal] = field(hash=False)
    minimum_wage_source: str
    ni_rate_percent: Decimal
    secondary_threshold_per_year: Decimal
    secondary_threshold_per_week: Decimal
    ni_zero_rate_age_bands: tuple[str, ...]
    ni_zero_rate_upper_per_year: Decimal
    ni_source: str
    employment_allowance_per_year: Decimal
    employment_allowance_source: str
    holiday_weeks: Decimal
    irregular_accrual_percent: Decimal
    holiday_source: str
    pension_trigger_per_year: Decimal
    pension_lower_per_year: Decimal
    pension_upper_per_year: Decimal
    pension_employer_percent: Decimal
    pension_source: str

    @property
    def age_bands(self) -> list[tuple[str, str]]:
        """(code, words) for the ages whose minimum wage this year's figures hold."""
        return [(code, AGE_BANDS[code]) for code in self.minimum_wage]


def pa_employer(pack: Pack, where: str) -> PaEmployerYear:
    d = pack.data

    def table(name: str) -> tuple[Mapping[str, Any], str]:
        return need(d, name, where, Mapping), f"{where} [{name}]"

    ty, tw = table("tax_year")
    mw, mww = table("minimum_wage")
    ni, niw = table("employer_ni")
    ea, eaw = table("employment_allowance")
    hol, holw = table("holiday")
    pen, penw = table("pension")
    rates_table = need(mw, "rates", mww, Mapping)
    rates = {}
    for code in rates_table:
        if code not in AGE_BANDS:
            raise RulePackError(f"{mww}.rates: '{code}' must be one of {', '.join(AGE_BANDS)}")
        rates[code] = need(rates_table, code, f"{mww}.rates", Decimal)
    if "aged_21_and_over" not in rates:
        raise RulePackError(f"{mww}.rates: 'aged_21_and_over' is missing")
    zero_bands = tuple(need(ni, "zero_rate_age_bands", niw, list))
    for code in zero_bands:
        if code not in rates:
            raise RulePackError(f"{niw}: zero-rate age band '{code}' has no minimum wage rate")
    year = PaEmployerYear(
        ref=pack.ref,
        tax_year=pack.id,
        label=need(ty, "label", tw),
        starts=need(ty, "starts", tw, date),
        ends=need(ty, "ends", tw, date),
        minimum_wage=rates,
        minimum_wage_source=need(mw, "source", mww),
        ni_rate_percent=need(ni, "rate_percent", niw, Decimal),
        secondary_threshold_per_year=need(ni, "secondary_threshold_per_year", niw, Decimal),
        secondary_threshold_per_week=need(ni, "secondary_threshold_per_week", niw, Decimal),
        ni_zero_rate_age_bands=zero_bands,
        ni_zero_rate_upper_per_year=need(ni, "zero_rate_upper_threshold_per_year", niw, Decimal),
        ni_source=need(ni, "source", niw),
        employment_allowance_per_year=need(ea, "per_year", eaw, Decimal),
        employment_allowance_source=need(ea, "source", eaw),
        holiday_weeks=need(hol, "weeks_per_year", holw, Decimal),
        irregular_accrual_percent=need(hol, "irregular_hours_accrual_percent", holw, Decimal),
        holiday_source=need(hol, "source", holw),
        pension_trigger_per_year=need(pen, "earnings_trigger_per_year", penw, Decimal),
        pension_lower_per_year=need(pen, "qualifying_earnings_lower_per_year", penw, Decimal),
        pension_upper_per_year=need(pen, "qualifying_earnings_upper_per_year", penw, Decimal),
        pension_employer_percent=need(pen, "employer_percent", penw, Decimal),
        pension_source=need(pen, "source", penw),
    )
    if not year.starts < year.ends:
        raise RulePackError(f"{tw}: 'starts' must be before 'ends'")
    if not year.pension_lower_per_year < year.pension_upper_per_year:
        raise RulePackError(f"{penw}: the qualifying earnings band must run from low to high")
    for name in ("ni_rate_percent", "pension_employer_percent", "irregular_accrual_percent"):
        if getattr(year, name) > 100:
            raise RulePackError(f"{where}: '{name}' is a percentage and must be 100 or less")
    return year


PA_BUILDERS = {"pa_employer": pa_employer}
