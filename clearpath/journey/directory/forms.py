"""Searching the local directory and using an entry to cost a plan line."""

from decimal import Decimal, InvalidOperation

from django import forms

from clearpath.journey.directory import services
from clearpath.journey.directory.models import Entry
from clearpath.journey.directory.services import frequency_choices
from clearpath.validators import CleanTextMixin
from domain import rulepacks


def _needs():
    return [("", "Any need")] + [(o.code, o.heading) for o in rulepacks.question_set().outcomes]


class SearchForm(CleanTextMixin, forms.Form):
    q = forms.CharField(label="Search for", required=False, max_length=100)
    need = forms.ChoiceField(label="Help with", required=False, choices=_needs)
    area = forms.ChoiceField(label="Area", required=False, choices=[])
    kind = forms.ChoiceField(
        label="Type", required=False, choices=[("", "Any type")] + list(Entry.Kind.choices)
    )
    max_price = forms.CharField(label="Highest price, in pounds", required=False, max_length=10)
    accepting = forms.BooleanField(label="Only those taking on new people", required=False)

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", "Any area")] + [(a, a) for a in areas]

    def clean_max_price(self):
        raw = (self.cleaned_data.get("max_price") or "").replace("£", "").replace(",", "").strip()
        if not raw:
            return None
        try:
            value = Decimal(raw)
        except InvalidOperation:
            raise forms.ValidationError("Enter the highest price as a number, like 20") from None
        if not value.is_finite() or value < 0 or value > 100000:
            raise forms.ValidationError("Enter a highest price from 0 to 100,000")
        return value


class UseEntryForm(forms.Form):
    quantity = forms.CharField(
        label="How many each time",
        max_length=8,
        error_messages={"required": "Enter how many each time"},
    )
    frequency = forms.ChoiceField(
        label="How often",
        choices=frequency_choices,
        initial="weekly",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how often"},
    )

    def clean_quantity(self):
        raw = (self.cleaned_data.get("quantity") or "").strip()
        try:
            value = Decimal(raw)
        except InvalidOperation:
            raise forms.ValidationError("Enter how many as a number, like 3") from None
        if not value.is_finite() or value <= 0 or value > 1000:
            raise forms.ValidationError("Enter how many, more than 0 and up to 1000")
        if -value.as_tuple().exponent > 2:
            raise forms.ValidationError("How many can have at most 2 decimal places")
        return value


PAGE_SIZE = 50


def run_search(data):
    """The bound search form and the entries it finds (at most PAGE_SIZE)."""
    form = SearchForm(data, areas=services.areas())
    entries = []
    if form.is_valid():
        d = form.cleaned_data
        entries = list(
            services.search(
                text=d["q"],
                need=d["need"],
                area=d["area"],
                max_price=d["max_price"],
                kind=d["kind"],
                accepting_only=d["accepting"],
            )[:PAGE_SIZE]
        )
    return form, entries
