"""Forms for finding and adding people and their representatives (used by the web and the API)."""

import re

from django import forms

from clearpath.govuk_forms import GovukDateField
from clearpath.journey.people.models import psr_choices, representative_kind_choices
from clearpath.validators import CleanTextMixin
from domain.nhs_number import nhs_number_problem, normalise_nhs_number

POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")


class PersonForm(CleanTextMixin, forms.Form):
    first_name = forms.CharField(
        max_length=100,
        error_messages={
            "required": "Enter the person's first name",
            "max_length": "First name must be 100 characters or fewer",
        },
    )
    last_name = forms.CharField(
        max_length=100,
        error_messages={
            "required": "Enter the person's last name",
            "max_length": "Last name must be 100 characters or fewer",
        },
    )
    date_of_birth = GovukDateField(
        label="Date of birth",
        past_only=True,
        help_text="For example, 27 3 1950",
        error_messages={"required": "Enter the person's date of birth"},
    )
    nhs_number = forms.CharField(
        label="NHS number",
        required=False,
        max_length=20,
        help_text="10 digits, for example 943 476 5919. Leave blank if not known.",
    )
    address = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        error_messages={
            "required": "Enter the person's address",
            "max_length": "Address must be 500 characters or fewer",
        },
    )
    postcode = forms.CharField(
        max_length=10,
        error_messages={
            "required": "Enter the postcode",
            "max_length": "Enter a real postcode, like LS1 4AP",
        },
    )
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        max_length=254,
        error_messages={
            "invalid": "Enter an email address in the right format, like name@example.com"
        },
    )
    phone = forms.CharField(label="Phone number (optional)", required=False, max_length=30)
    primary_support_reason = forms.ChoiceField(
        label="Main reason for support",
        widget=forms.RadioSelect,
        choices=psr_choices,
        error_messages={
            "required": "Choose the main reason for support",
            "invalid_choice": "Choose one of the reasons listed",
        },
    )
    has_dementia = forms.BooleanField(
        label="The person has a diagnosis of dementia", required=False
    )
    in_transition = forms.BooleanField(
        label="The person is moving from children's services", required=False
    )

    def clean_nhs_number(self) -> str:
        raw = self.cleaned_data["nhs_number"]
        if not raw.strip():
            return ""
        problem = nhs_number_problem(raw)
        if problem:
            raise forms.ValidationError(problem)
        return normalise_nhs_number(raw)

    def clean_postcode(self) -> str:
        value = re.sub(r"\s+", "", self.cleaned_data["postcode"].upper())
        value = value[:-3] + " " + value[-3:] if len(value) > 3 else value
        if not POSTCODE.match(value):
            raise forms.ValidationError("Enter a real postcode, like LS1 4AP")
        return value


class RepresentativeForm(CleanTextMixin, forms.Form):
    name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={"required": "Enter the representative's name"},
    )
    kind = forms.ChoiceField(
        label="How are they connected to the person?",
        widget=forms.RadioSelect,
        choices=representative_kind_choices,
        error_messages={"required": "Choose how they are connected to the person"},
    )
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the right format, like name@example.com"
        },
    )
    phone = forms.CharField(label="Phone number (optional)", required=False, max_length=30)


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search by name, NHS number or postcode", required=False, max_length=100
    )


def _return_choices(list_name: str):
    def choices():
        from domain import rulepacks

        items = rulepacks.cld_return().lists[list_name]
        return [("", "Not recorded yet"), *((c.code, c.label) for c in items)]

    return choices


class ReturnDetailsForm(forms.Form):
    """The person's details the statutory Client Level Data return needs, asked for once."""

    gender = forms.ChoiceField(label="Gender", required=False, choices=_return_choices("genders"))
    ethnicity = forms.ChoiceField(
        label="Ethnic group",
        required=False,
        choices=_return_choices("ethnicities"),
        help_text="As the person describes themselves. They may choose not to say.",
    )
    accommodation_status = forms.ChoiceField(
        label="Where they live", required=False, choices=_return_choices("accommodation_statuses")
    )
    employment_status = forms.ChoiceField(
        label="Work",
        required=False,
        choices=_return_choices("employment_statuses"),
        help_text="Needed for people aged 18 to 64 whose main reason for support is a learning "
        "disability.",
    )
    row_version = forms.IntegerField(widget=forms.HiddenInput)
