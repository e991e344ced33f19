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


class ApproveChangesForm(CleanTextMixin, forms.Form):
    """Approve at a different weekly amount: the amount and why it changed are both needed."""

    row_version = forms.IntegerField(widget=forms.HiddenInput)
    weekly = forms.CharField(
        label="Weekly amount you approve, in pounds",
        max_length=12,
        error_messages={
            "required": "Enter the weekly amount you approve, like 350.00",
            "max_length": "Enter the weekly amount in pounds, like 350.00",
        },
    )
    change_reasons = forms.CharField(
        label="Why has the amount changed?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Say why the amount has changed",
            "max_length": "Keep this to 2000 characters or fewer",
        },
    )

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {"weekly": d["weekly"].strip().lstrip("£"), "reasons": d["change_reasons"]}


class ReferForm(CleanTextMixin, forms.Form):
    """Refer the plan onwards, with the reason."""

    row_version = forms.IntegerField(widget=forms.HiddenInput)
    to = forms.ChoiceField(
        label="Who should decide instead?",
        choices=[("manager", "A team manager"), ("panel", "The panel")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who should decide instead"},
    )
    refer_reason = forms.CharField(
        label="Why are you referring the plan?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Say why you are referring the plan",
            "max_length": "Keep this to 2000 characters or fewer",
        },
    )

    def __init__(self, *args, route: str = "practitioner", **kwargs):
        super().__init__(*args, **kwargs)
        if route != "practitioner":
            self.fields["to"].choices = [("panel", "The panel")]

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {"to": d["to"], "reason": d["refer_reason"]}
