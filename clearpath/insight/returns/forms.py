from django import forms

from clearpath.govuk_forms import GovukDateField


class PeriodForm(forms.Form):
    period_end = GovukDateField(
        label="Quarter ending",
        help_text="The last day of a quarter: 31 March, 30 June, 30 September or 31 December. "
        "For example, 30 9 2026",
        error_messages={"required": "Enter the last day of the quarter"},
    )
