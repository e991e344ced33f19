"""A plan in the person's own format: the document as it is, and a short summary."""

from decimal import Decimal, InvalidOperation

from django import forms

from clearpath.validators import CleanTextMixin
from domain import rulepacks

MAIN_LINES = 5


def _choices(name):
    return lambda: [(c.code, c.label) for c in getattr(rulepacks.codes(), name)]


def _money(raw: str, what: str) -> Decimal:
    raw = (raw or "").strip().replace("£", "").replace(",", "")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise forms.ValidationError(f"Enter {what} as an amount, like 250.00") from None
    if not value.is_finite() or value <= 0 or value >= Decimal("1000000"):
        raise forms.ValidationError(f"Enter {what} of more than £0 and less than £1,000,000")
    if -value.as_tuple().exponent > 2:
        raise forms.ValidationError(f"Enter {what} in pounds and pence, like 250.00")
    return value


class OwnPlanForm(CleanTextMixin, forms.Form):
    document = forms.FileField(
        label="The plan document",
        help_text="A PDF, Word (.docx), OpenDocument (.odt), JPEG or PNG file, smaller than "
        "10 MB. A photo of a handwritten plan is fine",
        required=False,
    )
    led_by = forms.ChoiceField(
        label="Who wrote the plan?",
        widget=forms.RadioSelect,
        choices=_choices("plan_led_by"),
        error_messages={"required": "Choose who wrote the plan"},
    )
    weekly_total = forms.CharField(
        label="Total cost a week, in pounds",
        max_length=12,
        error_messages={"required": "Enter the plan's total cost a week"},
    )
    outcomes = forms.CharField(
        label="What the person wants to achieve",
        help_text="One on each line, as they are written in the plan",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write at least one thing the person wants to achieve"},
    )
    deployment = forms.ChoiceField(
        label="How will the money be managed?",
        widget=forms.RadioSelect,
        choices=_choices("deployments"),
        error_messages={"required": "Choose how the money will be managed"},
    )

    def __init__(self, *args, max_bytes: int = 10 * 1024 * 1024, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].help_text = self.fields["document"].help_text.replace(
            "10 MB", f"{max_bytes // (1024 * 1024)} MB"
        )
        for i in range(1, MAIN_LINES + 1):
            self.fields[f"main-{i}-description"] = forms.CharField(
                label=f"Main cost {i}: what it is", required=False, max_length=200
            )
            self.fields[f"main-{i}-weekly_cost"] = forms.CharField(
                label=f"Main cost {i}: a week, in pounds", required=False, max_length=12
            )

    def clean_weekly_total(self):
        return _money(self.cleaned_data.get("weekly_total"), "the total a week")

    def clean(self):
        cleaned = super().clean()
        self.main_lines = []
        for i in range(1, MAIN_LINES + 1):
            d = (cleaned.get(f"main-{i}-description") or "").strip()
            c = (cleaned.get(f"main-{i}-weekly_cost") or "").strip()
            if not d and not c:
                continue
            if not d:
                self.add_error(f"main-{i}-description", f"Main cost {i}: say what it is")
                continue
            try:
                self.main_lines.append(
                    {"description": d, "weekly_cost": _money(c, f"main cost {i} a week")}
                )
            except forms.ValidationError as e:
                self.add_error(f"main-{i}-weekly_cost", e)
        self.outcome_list = [
            o.strip() for o in (cleaned.get("outcomes") or "").splitlines() if o.strip()
        ]
        return cleaned

    @staticmethod
    def initial_from(plan) -> dict:
        initial = {
            "led_by": plan.led_by,
            "deployment": plan.deployment,
            "weekly_total": plan.weekly_total if plan.weekly_total else "",
            "outcomes": "\n".join(o.text for o in plan.outcomes.all()),
        }
        for i, line in enumerate(
            [x for x in plan.lines.all() if x.description != OTHER][:MAIN_LINES], start=1
        ):
            initial[f"main-{i}-description"] = line.description
            initial[f"main-{i}-weekly_cost"] = line.weekly_cost
        return initial


OTHER = "Other support described in the plan document"
