"""The personal assistant employer cost calculator form (domain/pa_costs.py does the sums)."""

from decimal import Decimal, InvalidOperation

from django import forms

from clearpath.validators import CleanTextMixin
from domain import rulepacks
from domain.pa_costs import PaInputError, pa_costs
from domain.rulepacks.pa_builders import AGE_BANDS

YES_NO = [("yes", "Yes"), ("no", "No")]
DAYS = [
    ("mon", "Monday"),
    ("tue", "Tuesday"),
    ("wed", "Wednesday"),
    ("thu", "Thursday"),
    ("fri", "Friday"),
    ("sat", "Saturday"),
    ("sun", "Sunday"),
]


def _years():
    return [(y, rulepacks.pa_employer(y).label) for y in rulepacks.pa_employer_years()]


class PaCostsForm(CleanTextMixin, forms.Form):
    tax_year = forms.ChoiceField(
        label="Tax year",
        widget=forms.RadioSelect,
        choices=_years,
        error_messages={"required": "Choose the tax year", "invalid_choice": "Choose a tax year"},
    )
    hourly_rate = forms.CharField(
        label="Hourly rate of pay, in pounds",
        max_length=12,
        error_messages={"required": "Enter the hourly rate of pay"},
    )
    hours_per_week = forms.CharField(
        label="Hours a week",
        help_text="Or fill in the rota below and we add it up",
        max_length=8,
        required=False,
    )
    age_band = forms.ChoiceField(
        label="How old is the personal assistant?",
        widget=forms.RadioSelect,
        choices=list(AGE_BANDS.items()),
        initial="aged_21_and_over",
        error_messages={"required": "Choose the personal assistant's age"},
    )
    irregular_hours = forms.ChoiceField(
        label="Are the hours irregular?",
        help_text="Irregular means the paid hours change from week to week under the contract",
        widget=forms.RadioSelect,
        choices=YES_NO,
        initial="no",
        error_messages={"required": "Say whether the hours are irregular"},
    )
    employment_allowance = forms.ChoiceField(
        label="Will the person claim the Employment Allowance?",
        help_text="Most people who employ a personal assistant can. It pays employer National "
        "Insurance up to a yearly limit",
        widget=forms.RadioSelect,
        choices=YES_NO,
        initial="yes",
        error_messages={"required": "Say whether the Employment Allowance will be claimed"},
    )
    pension_age = forms.ChoiceField(
        label="Is the personal assistant aged 22 or over and under State Pension age?",
        widget=forms.RadioSelect,
        choices=YES_NO,
        initial="yes",
        error_messages={
            "required": "Say whether the personal assistant is aged 22 to State Pension age"
        },
    )
    insurance_per_year = forms.CharField(
        label="Employer's liability insurance, in pounds a year",
        required=False,
        max_length=12,
    )
    payroll_per_year = forms.CharField(
        label="Payroll service, in pounds a year", required=False, max_length=12
    )
    sickness_cover_percent = forms.CharField(
        label="Set aside for sickness cover, as a percentage of pay",
        required=False,
        max_length=6,
    )

    result = None
    rota_hours = None
    rota_days = DAYS

    def rota_in_use(self) -> bool:
        """Show the rota open when it was filled in (or is wrong)."""
        return self.is_bound and any((self.data.get(f"rota_{c}") or "").strip() for c, _ in DAYS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, day in DAYS:
            self.fields[f"rota_{code}"] = forms.CharField(
                label=f"{day}, hours", required=False, max_length=5
            )

    def _rota_total(self, cleaned):
        total, any_given = Decimal(0), False
        for code, day in DAYS:
            raw = (cleaned.get(f"rota_{code}") or "").strip()
            if not raw:
                continue
            any_given = True
            try:
                hours = Decimal(raw)
            except InvalidOperation:
                self.add_error(f"rota_{code}", f"{day}: enter the hours as a number, like 3.5")
                continue
            if not hours.is_finite() or hours < 0 or hours > 24:
                self.add_error(f"rota_{code}", f"{day}: enter from 0 to 24 hours")
                continue
            total += hours
        return total if any_given else None

    def clean(self):
        cleaned = super().clean()
        rota = self._rota_total(cleaned)
        if not (cleaned.get("hours_per_week") or "").strip():
            if rota is None:
                self.add_error("hours_per_week", "Enter the hours a week, or fill in the rota")
            else:
                cleaned["hours_per_week"] = str(rota)
                self.rota_hours = rota
        if self.errors:
            return cleaned
        try:
            self.result = pa_costs(
                year=rulepacks.pa_employer(cleaned["tax_year"]),
                hourly_rate=cleaned["hourly_rate"],
                hours_per_week=cleaned["hours_per_week"],
                age_band=cleaned["age_band"],
                irregular_hours=cleaned["irregular_hours"] == "yes",
                claim_employment_allowance=cleaned["employment_allowance"] == "yes",
                pension_age_eligible=cleaned["pension_age"] == "yes",
                insurance_per_year=cleaned.get("insurance_per_year") or "0",
                payroll_per_year=cleaned.get("payroll_per_year") or "0",
                sickness_cover_percent=cleaned.get("sickness_cover_percent") or "0",
            )
        except PaInputError as e:
            self.add_error(e.field if e.field in self.fields else None, e.message)
        return cleaned

    def hidden_items(self):
        """The inputs, to carry to "add to the plan" unchanged."""
        return [(name, self.data.get(name, "")) for name in self.fields]
