"""The support plan form: outcomes in the person's words and costed lines, with a running total."""

from decimal import Decimal, InvalidOperation

from django import forms

from clearpath.validators import CleanTextMixin
from domain import rulepacks
from domain.money import FREQUENCY_LABELS, Frequency, weekly_cost

BLANK_LINES = 3
BLANK_OUTCOMES = 2
BLANK_RISKS = 1


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

    money_notes = forms.CharField(
        label="How the money will be managed, in more detail",
        help_text="For example, who will manage the account, or which parts a provider holds",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Keep this to 2000 characters or fewer"},
    )
    contingency = forms.CharField(
        label="If things go wrong",
        help_text="What happens if support does not turn up, or the person's needs change "
        "suddenly: who to call and what to do",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Keep the contingency plan to 4000 characters or fewer"},
    )

    def __init__(self, *args, outcome_count: int, line_count: int, risk_count: int = 1, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcome_count, self.line_count, self.risk_count = outcome_count, line_count, risk_count
        for i in range(1, risk_count + 1):
            self.fields[f"risks-{i}-risk"] = forms.CharField(
                label="A risk the person chooses to take",
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"max_length": f"Risk {i}: keep this to 1000 characters or fewer"},
            )
            self.fields[f"risks-{i}-how_managed"] = forms.CharField(
                label="How it will be managed",
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"max_length": f"Risk {i}: keep this to 1000 characters or fewer"},
            )
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
            self.fields[f"lines-{i}-source"] = forms.CharField(
                required=False, max_length=60, widget=forms.HiddenInput
            )
            self.fields[f"lines-{i}-working"] = forms.CharField(
                required=False, max_length=4000, widget=forms.HiddenInput
            )
            self.fields[f"lines-{i}-frequency"] = forms.ChoiceField(
                label="How often",
                required=False,
                choices=[(f.value, FREQUENCY_LABELS[f].capitalize()) for f in Frequency],
            )

    @staticmethod
    def initial_from(plan) -> tuple[dict, int, int, int]:
        outcomes, lines = list(plan.outcomes.all()), list(plan.lines.all())
        risks = list(plan.risks.all())
        initial = {
            "row_version": plan.row_version,
            "led_by": plan.led_by,
            "what_matters": plan.what_matters,
            "deployment": plan.deployment,
            "money_notes": plan.money_notes,
            "contingency": plan.contingency,
        }
        for i, r in enumerate(risks, start=1):
            initial[f"risks-{i}-risk"] = r.risk
            initial[f"risks-{i}-how_managed"] = r.how_managed
        for i, o in enumerate(outcomes, start=1):
            initial[f"outcome-{i}"] = o.text
        for i, line in enumerate(lines, start=1):
            initial.update(
                {
                    f"lines-{i}-description": line.description,
                    f"lines-{i}-unit_cost": line.unit_cost,
                    f"lines-{i}-quantity": line.quantity.normalize(),
                    f"lines-{i}-frequency": line.frequency,
                    f"lines-{i}-source": line.source,
                    f"lines-{i}-working": line.working,
                }
            )
        return (
            initial,
            len(outcomes) + BLANK_OUTCOMES,
            len(lines) + BLANK_LINES,
            len(risks) + BLANK_RISKS,
        )

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
        self.lines, self.outcomes, self.risks = [], [], []
        for i in range(1, self.risk_count + 1):
            risk = (cleaned.get(f"risks-{i}-risk") or "").strip()
            how = (cleaned.get(f"risks-{i}-how_managed") or "").strip()
            if risk and not how:
                self.add_error(f"risks-{i}-how_managed", f"Risk {i}: say how it will be managed")
            elif how and not risk:
                self.add_error(f"risks-{i}-risk", f"Risk {i}: say what the risk is")
            elif risk:
                self.risks.append({"risk": risk, "how_managed": how})
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
                        "source": cleaned.get(f"lines-{i}-source") or "",
                        "working": cleaned.get(f"lines-{i}-working") or "",
                    }
                )
        return cleaned

    def running_total(self) -> Decimal:
        return sum((line["weekly_cost"] for line in getattr(self, "lines", [])), Decimal("0.00"))
