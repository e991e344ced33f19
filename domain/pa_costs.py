"""What it costs to employ a personal assistant (PA) for a tax year, with the working shown.

Pure: the tax year's figures (domain/rulepacks/pa_employer/<year>-v<n>.toml, each with its source)
are passed in. Everything is worked out over a 52-week year, each step rounded to the penny:

1. Pay: hourly rate × hours a week × 52. The rate is checked against the minimum wage for the
   worker's age in that tax year; a rate below it is flagged, never silently accepted.
2. Holiday: 5.6 weeks of paid leave. With regular hours the PA is paid while on leave and someone
   must cover the same hours, so the extra cost is 5.6 weeks' pay. With irregular hours holiday
   accrues at 12.07% of hours worked, so the extra cost is 12.07% of the pay.
3. Employer National Insurance on the year's earnings (pay + holiday) above the secondary
   threshold (0% up to the upper threshold for workers under 21), less the Employment Allowance
   if the person claims it (PA employers can: HMRC NIM06520).
4. Workplace pension: when earnings are over the auto-enrolment trigger and the worker is aged
   22 to State Pension age, the employer pays its minimum share of qualifying earnings.
5. Extras the person or council enters: employer's liability insurance, a payroll service, and a
   percentage of pay set aside for sickness cover.

Earnings are worked out as if all the pay went to one PA; if a different person covers holidays,
their National Insurance and pension may be a little lower, never higher.
"""

from dataclasses import asdict, dataclass, field
from decimal import Decimal

from domain.money import WEEKS_PER_YEAR, format_money, to_money
from domain.rulepacks.pa_builders import AGE_BANDS, PaEmployerYear

HUNDRED = Decimal(100)
MAX_HOURS_PER_WEEK = Decimal(168)
MAX_HOURLY_RATE = Decimal(1000)


class PaInputError(ValueError):
    """An input the calculation cannot use; `field` names it."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


@dataclass(frozen=True)
class Step:
    """One line of the working: what it is, its cost a year, how it was worked out, and why."""

    code: str
    label: str
    per_year: Decimal
    working: str
    source: str = ""


@dataclass(frozen=True)
class PaCosts:
    tax_year: str
    tax_year_label: str
    ref: str
    hourly_rate: Decimal
    hours_per_week: Decimal
    age_band: str
    irregular_hours: bool
    minimum_hourly_rate: Decimal
    below_minimum: bool
    weekly_pay: Decimal
    annual_pay: Decimal
    holiday_cost: Decimal
    annual_earnings: Decimal
    employer_ni_before_allowance: Decimal
    employment_allowance_used: Decimal
    employer_ni: Decimal
    pension_enrolled: bool
    employer_pension: Decimal
    extras: Decimal
    annual_total: Decimal
    weekly_total: Decimal
    steps: tuple[Step, ...] = field(default=())
    warnings: tuple[str, ...] = field(default=())
    notes: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict:
        return asdict(self)

    def working_text(self) -> str:
        """The working as plain text, one step a line (stored with a plan line)."""
        lines = [f"Personal assistant costs for {self.tax_year_label} ({self.ref})"]
        lines += [f"{s.label}: {format_money(s.per_year)} a year. {s.working}" for s in self.steps]
        lines.append(
            f"Total: {format_money(self.annual_total)} a year, "
            f"{format_money(self.weekly_total)} a week (the year's total ÷ 52)."
        )
        lines += [f"Warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def _pct(amount: Decimal, percent: Decimal) -> Decimal:
    return to_money(amount * percent / HUNDRED)


def _n(value: Decimal) -> str:
    """12.50 -> '12.5', 20.00 -> '20': numbers in the working as people write them."""
    text = f"{value.normalize():f}"
    return text


def _check(name: str, value, upper: Decimal, words: str) -> Decimal:
    if isinstance(value, float | bool) or not isinstance(value, Decimal | int | str):
        raise PaInputError(name, f"Enter the {words} as a number")
    try:
        number = Decimal(str(value).strip().replace("£", "").replace(",", ""))
    except ArithmeticError:
        raise PaInputError(name, f"Enter the {words} as a number, like 12.50") from None
    if not number.is_finite() or number < 0:
        raise PaInputError(name, f"The {words} must be 0 or more")
    if number > upper:
        raise PaInputError(name, f"The {words} must be {_n(upper)} or less")
    if -number.as_tuple().exponent > 2:
        raise PaInputError(name, f"The {words} can have at most 2 decimal places")
    return number


def pa_costs(
    *,
    year: PaEmployerYear,
    hourly_rate,
    hours_per_week,
    age_band: str = "aged_21_and_over",
    irregular_hours: bool = False,
    claim_employment_allowance: bool = True,
    pension_age_eligible: bool = True,
    insurance_per_year=Decimal(0),
    payroll_per_year=Decimal(0),
    sickness_cover_percent=Decimal(0),
) -> PaCosts:
    """The employer's cost of a PA for `year`, a year and a week, with every step's working."""
    rate = _check("hourly_rate", hourly_rate, MAX_HOURLY_RATE, "hourly rate")
    if rate <= 0:
        raise PaInputError("hourly_rate", "The hourly rate must be more than 0")
    hours = _check("hours_per_week", hours_per_week, MAX_HOURS_PER_WEEK, "hours a week")
    if hours <= 0:
        raise PaInputError("hours_per_week", "The hours a week must be more than 0")
    insurance = _check("insurance_per_year", insurance_per_year, Decimal(100000), "insurance cost")
    payroll = _check("payroll_per_year", payroll_per_year, Decimal(100000), "payroll cost")
    sickness = _check("sickness_cover_percent", sickness_cover_percent, HUNDRED, "percentage")
    if age_band not in year.minimum_wage:
        known = ", ".join(AGE_BANDS[a] for a in year.minimum_wage)
        raise PaInputError(
            "age_band", f"The {year.label} figures hold the minimum wage for ages {known} only"
        )

    steps: list[Step] = []
    warnings: list[str] = []
    notes: list[str] = []
    minimum = year.minimum_wage[age_band]
    below = rate < minimum
    if below:
        warnings.append(
            f"£{rate:.2f} an hour is below the legal minimum of £{minimum:.2f} an hour for a "
            f"worker aged {AGE_BANDS[age_band]} in {year.label}. The PA must be paid at least "
            f"£{minimum:.2f} an hour."
        )

    # 1. Pay
    weekly_pay = to_money(rate * hours)
    annual_pay = to_money(weekly_pay * WEEKS_PER_YEAR)
    steps.append(
        Step(
            "pay",
            "Pay",
            annual_pay,
            f"£{rate:.2f} an hour × {_n(hours)} hours = {format_money(weekly_pay)} a week; "
            f"× 52 weeks = {format_money(annual_pay)}. Minimum wage for age "
            f"{AGE_BANDS[age_band]} in {year.label}: £{minimum:.2f} an hour"
            f"{' - this rate is BELOW it' if below else ''}.",
            year.minimum_wage_source,
        )
    )

    # 2. Holiday
    if irregular_hours:
        holiday = _pct(annual_pay, year.irregular_accrual_percent)
        working = (
            f"Irregular hours: holiday builds up at {_n(year.irregular_accrual_percent)}% of "
            f"hours worked, so {_n(year.irregular_accrual_percent)}% × "
            f"{format_money(annual_pay)} = {format_money(holiday)}."
        )
    else:
        holiday = to_money(weekly_pay * year.holiday_weeks)
        working = (
            f"{_n(year.holiday_weeks)} weeks of paid leave a year; someone covers the same hours "
            f"while the PA is away: {_n(year.holiday_weeks)} × {format_money(weekly_pay)} = "
            f"{format_money(holiday)}."
        )
    steps.append(Step("holiday", "Holiday pay and cover", holiday, working, year.holiday_source))
    earnings = annual_pay + holiday

    # 3. Employer National Insurance
    if age_band in year.ni_zero_rate_age_bands:
        ni_from = year.ni_zero_rate_upper_per_year
        ni_words = f"0% for a worker aged {AGE_BANDS[age_band]} up to {format_money(ni_from)}"
    else:
        ni_from = year.secondary_threshold_per_year
        ni_words = f"secondary threshold {format_money(ni_from)} a year"
    ni_before = _pct(max(earnings - ni_from, Decimal(0)), year.ni_rate_percent)
    ea_used = min(ni_before, year.employment_allowance_per_year)
    if not claim_employment_allowance:
        ea_used = Decimal("0.00")
    employer_ni = ni_before - ea_used
    working = (
        f"Earnings {format_money(earnings)} (pay + holiday); {ni_words}; "
        f"{_n(year.ni_rate_percent)}% × {format_money(max(earnings - ni_from, Decimal(0)))} "
        f"= {format_money(ni_before)}."
    )
    if claim_employment_allowance:
        working += (
            f" Employment Allowance (up to {format_money(year.employment_allowance_per_year)} "
            f"a year, which PA employers can claim) pays {format_money(ea_used)} of it, "
            f"leaving {format_money(employer_ni)}."
        )
    else:
        working += " Employment Allowance not claimed."
        if ni_before:
            notes.append(
                "Most people who employ a PA can claim the Employment Allowance, which would "
                f"cover up to {format_money(year.employment_allowance_per_year)} of employer "
                "National Insurance a year."
            )
    source = year.ni_source + " " + year.employment_allowance_source
    steps.append(Step("employer_ni", "Employer National Insurance", employer_ni, working, source))

    # 4. Workplace pension
    enrolled = pension_age_eligible and earnings > year.pension_trigger_per_year
    if enrolled:
        qualifying = min(earnings, year.pension_upper_per_year) - year.pension_lower_per_year
        pension = _pct(qualifying, year.pension_employer_percent)
        working = (
            f"Earnings {format_money(earnings)} are over the "
            f"{format_money(year.pension_trigger_per_year)} trigger, so the PA is enrolled. "
            f"Qualifying earnings {format_money(qualifying)} (earnings between "
            f"{format_money(year.pension_lower_per_year)} and "
            f"{format_money(year.pension_upper_per_year)}) × "
            f"{_n(year.pension_employer_percent)}% = {format_money(pension)}."
        )
    else:
        pension = Decimal("0.00")
        why = (
            "the PA is not aged 22 to State Pension age"
            if not pension_age_eligible
            else f"earnings {format_money(earnings)} are not over the "
            f"{format_money(year.pension_trigger_per_year)} trigger"
        )
        working = f"No automatic enrolment: {why}."
        if earnings > year.pension_lower_per_year:
            would = _pct(
                min(earnings, year.pension_upper_per_year) - year.pension_lower_per_year,
                year.pension_employer_percent,
            )
            notes.append(
                "The PA can still ask to join a workplace pension; the employer would then pay "
                f"{format_money(would)} a year."
            )
    steps.append(Step("pension", "Workplace pension", pension, working, year.pension_source))

    # 5. Extras
    sickness_cost = _pct(annual_pay, sickness)
    extras = to_money(insurance) + to_money(payroll) + sickness_cost
    steps.append(
        Step(
            "extras",
            "Insurance, payroll and sickness cover",
            extras,
            f"Employer's liability insurance {format_money(insurance)} + payroll service "
            f"{format_money(payroll)} + sickness cover {_n(sickness)}% of pay "
            f"({format_money(sickness_cost)}) = {format_money(extras)}.",
            "Entered for this person or set by the council: not legal figures.",
        )
    )
    if not insurance:
        notes.append(
            "A person who employs a PA normally needs employer's liability insurance: add its cost."
        )
    annual_total = annual_pay + holiday + employer_ni + pension + extras
    return PaCosts(
        tax_year=year.tax_year,
        tax_year_label=year.label,
        ref=year.ref,
        hourly_rate=rate,
        hours_per_week=hours,
        age_band=age_band,
        irregular_hours=irregular_hours,
        minimum_hourly_rate=minimum,
        below_minimum=below,
        weekly_pay=weekly_pay,
        annual_pay=annual_pay,
        holiday_cost=holiday,
        annual_earnings=earnings,
        employer_ni_before_allowance=ni_before,
        employment_allowance_used=ea_used,
        employer_ni=employer_ni,
        pension_enrolled=enrolled,
        employer_pension=pension,
        extras=extras,
        annual_total=annual_total,
        weekly_total=to_money(annual_total / WEEKS_PER_YEAR),
        steps=tuple(steps),
        warnings=tuple(warnings),
        notes=tuple(notes),
    )
