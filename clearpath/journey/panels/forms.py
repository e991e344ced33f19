"""Panel forms: schedule a meeting, record who is present, and the decision on an item."""

from django import forms

from clearpath.govuk_forms import GovukDateField
from clearpath.journey.panels.models import AgendaItem
from clearpath.validators import CleanTextMixin


class MeetingForm(forms.Form):
    held_on = GovukDateField(
        label="Date of the meeting",
        error_messages={"required": "Enter the date of the meeting"},
    )


class AttendanceForm(forms.Form):
    row_version = forms.IntegerField(widget=forms.HiddenInput)
    present = forms.MultipleChoiceField(
        label="Who is present?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose who is present"},
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [
            (str(m.pk), m.get_full_name() or m.username) for m in members
        ]


class ItemDecisionForm(CleanTextMixin, forms.Form):
    row_version = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label="What did the panel decide?",
        choices=AgendaItem.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the panel's decision"},
    )
    weekly = forms.CharField(
        label="Weekly amount agreed, in pounds (only if approved with changes)",
        max_length=12,
        required=False,
        error_messages={"max_length": "Enter the weekly amount in pounds, like 350.00"},
    )
    reasons = forms.CharField(
        label="The panel's reasons",
        help_text="These go to the person in the letter telling them the outcome.",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Give the panel's reasons",
            "max_length": "Keep the reasons to 4000 characters or fewer",
        },
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("outcome") == AgendaItem.Outcome.APPROVED_WITH_CHANGES
            and not (data.get("weekly") or "").strip()
        ):
            self.add_error("weekly", "Enter the weekly amount the panel agreed, like 350.00")
        return data
