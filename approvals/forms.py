"""Decision forms: approving needs nothing but a click; returning needs the reasons."""

from django import forms

from clearpath.validators import CleanTextMixin


class ApproveForm(CleanTextMixin, forms.Form):
    row_version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": "Keep the note to 2000 characters or fewer"},
    )


class ReturnForm(CleanTextMixin, forms.Form):
    row_version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="What needs to change?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Say what needs to change in the plan",
            "max_length": "Keep this to 2000 characters or fewer",
        },
    )
