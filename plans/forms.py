"""The support plan form: outcomes in the person's words and costed lines, with a running total."""

from decimal import Decimal, InvalidOperation

from django import forms

from clearpath.validators import CleanTextMixin
from domain import rulepacks
from domain.money import FREQUENCY_LABELS, Frequency, weekly_cost

BLANK_LINES = 3
BLANK_OUTCOMES = 2


def _choices(name):
    return lambda: [(c.code, c.label) for c in getattr(rulepacks.codes(), name)]


class PlanForm(CleanTextMixin, forms.Form):
    row_version = forms.IntegerField(widget=forms.HiddenInput)
    led_by = forms.ChoiceField(
        label="Who led the planning?",
        widget=forms.RadioSelect,
        choices=_choices("plan_led_by"),
        error_messages={"required": "Choose who led the planning"},
    )
    what_matters = forms.CharField(
        label="What matters to me",
        help_text="In the person's own words",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Keep this to 4000 characters or fewer"},
    )
    deployment = forms.ChoiceField(
        label="How will the money be managed?",
        widget=forms.RadioSelect,
        choices=_choices("deployments"),
        error_messages={"required": "Choose how the money will be managed"},
    )

    def __init__(self, *args, outcome_count: int, line_count: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcome_count, self.line_count = outcome_count, line_count
        for i in range(1, outcome_count + 1):
            self.fields[f"outcome-{i}"] = forms.CharField(
                label=f"Outcome {i}",
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"max_length": "Keep each outcome to 1000 characters or fewer"},
            )
        for i in range(1, line_count + 1):
            self.fields[f"lines-{i}-description"] = forms.CharField(
                label="What is the support?",
                required=False,
                max_length=200,
                error_messages={
                    "max_length": f"Line {i}: keep the description to 200 characters or fewer"
                },
            )
            self.fields[f"lines-{i}-unit_cost"] = forms.CharField(
                label="Cost each time, in pounds", required=False, max_length=12
            )
            self.fields[f"lines-{i}-quantity"] = forms.CharField(
                label="How many each time (for example, hours)", required=False, max_length=8
            )
            self.fields[f"lines-{i}-frequency"] = forms.ChoiceField(
                label="How often",
                required=False,
                choices=[(f.value, FREQUENCY_LABELS[f].capitalize()) for f in Frequency],
            )

    @staticmethod
    def initial_from(plan) -> tuple[dict, int, int]:
        outcomes, lines = list(plan.outcomes.all()), list(plan.lines.all())
        initial = {
            "row_version": plan.row_version,
            "led_by": plan.led_by,
            "what_matters": plan.what_matters,
            "deployment": plan.deployment,
        }
        for i, o in enumerate(outcomes, start=1):
            initial[f"outcome-{i}"] = o.text
        for i, line in enumerate(lines, start=1):
            initial.update(
                {
                    f"lines-{i}-description": line.description,
                    f"lines-{i}-unit_cost": line.unit_cost,
                    f"lines-{i}-quantity": line.quantity.normalize(),
                    f"lines-{i}-frequency": line.frequency,
                }
            )
        return initial, len(outcomes) + BLANK_OUTCOMES, len(lines) + BLANK_LINES

    def _number(self, i: int, name: str, label: str, places: int) -> Decimal | None:
        raw = (
            (self.cleaned_data.get(f"lines-{i}-{name}") or "")
            .strip()
            .replace("£", "")
            .replace(",", "")
        )
        if not raw:
            self.add_error(f"lines-{i}-{name}", f"Line {i}: enter the {label}")
            return None
        try:
            value = Decimal(raw)
        except InvalidOperation:
            self.add_error(
                f"lines-{i}-{name}", f"Line {i}: the {label} must be a number, like 12.50"
            )
            return None
        if not value.is_finite() or value <= 0 or value >= Decimal("1000000"):
            self.add_error(
                f"lines-{i}-{name}",
                f"Line {i}: the {label} must be more than 0 and less than 1,000,000",
            )
            return None
        if -value.as_tuple().exponent > places:
            self.add_error(
                f"lines-{i}-{name}",
                f"Line {i}: the {label} can have at most {places} decimal places",
            )
            return None
        return value

    def clean(self):
        cleaned = super().clean()
        self.lines, self.outcomes = [], []
        for i in range(1, self.outcome_count + 1):
            text = (cleaned.get(f"outcome-{i}") or "").strip()
            if text:
                self.outcomes.append(text)
        for i in range(1, self.line_count + 1):
            desc = (cleaned.get(f"lines-{i}-description") or "").strip()
            has_numbers = any(
                (cleaned.get(f"lines-{i}-{n}") or "").strip() for n in ("unit_cost", "quantity")
            )
            if not desc and not has_numbers:
                continue
            if not desc:
                self.add_error(f"lines-{i}-description", f"Line {i}: say what the support is")
            cost = self._number(i, "unit_cost", "cost", 2)
            qty = self._number(i, "quantity", "amount", 2)
            freq = cleaned.get(f"lines-{i}-frequency") or Frequency.WEEKLY.value
            if desc and cost is not None and qty is not None:
                self.lines.append(
                    {
                        "description": desc,
                        "unit_cost": cost,
                        "quantity": qty,
                        "frequency": freq,
                        "weekly_cost": weekly_cost(unit_cost=cost, quantity=qty, frequency=freq),
                    }
                )
        return cleaned

    def running_total(self) -> Decimal:
        return sum((line["weekly_cost"] for line in getattr(self, "lines", [])), Decimal("0.00"))
