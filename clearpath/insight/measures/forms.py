from datetime import timedelta

from django import forms

from clearpath.govuk_forms import GovukDateField
from clearpath.platform.accounts.models import Team

LONGEST = timedelta(days=3 * 366)


class PeriodForm(forms.Form):
    """Which period and team the dashboard shows. Blank means the last 12 months, every team."""

    start = GovukDateField(label="From", required=False, help_text="For example, 1 4 2026")
    end = GovukDateField(label="To", required=False, help_text="For example, 31 3 2027")
    team = forms.TypedChoiceField(label="Team", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["team"].choices = [("", "Every team"), *Team.objects.values_list("pk", "name")]

    def clean(self):
        data = super().clean()
        end = data.get("end") or self.today
        start = data.get("start") or end - timedelta(days=364)
        if "start" in self.errors or "end" in self.errors:
            return data
        if start > end:
            self.add_error("start", "The start of the period must be on or before its end")
        elif end - start > LONGEST:
            self.add_error("start", "Choose a period of 3 years or less")
        data.update(start=start, end=end)
        return data
