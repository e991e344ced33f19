"""Form for recording a contact."""

from django import forms

from clearpath.govuk_forms import GovukDateField
from clearpath.validators import CleanTextMixin
from domain import rulepacks


def route_choices():
    return [(c.code, c.label) for c in rulepacks.codes().routes_of_access]


class ContactForm(CleanTextMixin, forms.Form):
    received_on = GovukDateField(
        label="Date of contact",
        past_only=True,
        help_text="For example, 3 11 2026",
        error_messages={"required": "Enter the date of the contact"},
    )
    route_of_access = forms.ChoiceField(
        label="How did the request reach us?",
        widget=forms.RadioSelect,
        choices=route_choices,
        error_messages={
            "required": "Choose how the request reached us",
            "invalid_choice": "Choose one of the routes listed",
        },
    )
    summary = forms.CharField(
        label="What was asked for?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={
            "required": "Say what was asked for",
            "max_length": "Keep this to 2000 characters or fewer",
        },
    )
