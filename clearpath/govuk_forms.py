"""Turn Django form fields into GOV.UK Frontend macro parameters, so every form renders one way.

`field(form["name"])` gives the parameters for govukInput/Textarea/Radios/Checkboxes/DateInput, with
the label, hint, current value (what the user typed, even when it was wrong) and error message.
"""

import datetime as dt
from typing import Any

from django import forms


class DateInput(forms.MultiWidget):
    """GOV.UK date input: three boxes named <name>-day, <name>-month, <name>-year."""

    def __init__(self):
        super().__init__(widgets=[forms.TextInput, forms.TextInput, forms.TextInput])
        self.widgets_names = ["-day", "-month", "-year"]

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [str(value.day), str(value.month), str(value.year)]
        return ["", "", ""]


class GovukDateField(forms.Field):
    """A date typed as day, month and year, with messages that say which part is wrong."""

    widget = DateInput

    def __init__(self, *, past_only: bool = False, **kwargs):
        self.past_only = past_only
        super().__init__(**kwargs)

    def to_python(self, value):
        day, month, year = [str(v or "").strip() for v in (value or ["", "", ""])]
        name = (self.label or "the date").lower()
        if not (day or month or year):
            return None
        missing = [p for p, v in (("day", day), ("month", month), ("year", year)) if not v]
        if missing:
            raise forms.ValidationError(f"{self.label} must include a {' and '.join(missing)}")
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise forms.ValidationError(f"{self.label} must be a real date, in numbers")
        if len(year) != 4:
            raise forms.ValidationError("Year must include 4 numbers")
        try:
            value = dt.date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(f"{self.label} must be a real date") from None
        if self.past_only and value > dt.date.today():
            raise forms.ValidationError(f"{self.label} must be today or in the past")
        if value.year < 1900:
            raise forms.ValidationError(f"Check {name}: the year must be after 1900")
        return value


def _value(bf) -> Any:
    value = bf.value()
    return "" if value is None else value


def field(bf, **overrides) -> dict:
    """Parameters for the GOV.UK macro that renders this bound field."""
    widget = bf.field.widget
    params: dict[str, Any] = {"id": bf.auto_id, "name": bf.html_name}
    label = {"text": bf.label}
    if bf.help_text:
        params["hint"] = {"text": bf.help_text}
    if bf.errors:
        params["errorMessage"] = {"text": bf.errors[0]}
    if isinstance(widget, DateInput):
        parts = _value(bf)
        if isinstance(parts, dt.date) or not parts:
            parts = widget.decompress(parts)
        params.update(
            namePrefix=bf.html_name,
            fieldset={"legend": label},
            items=[
                {
                    "name": "day",
                    "label": "Day",
                    "value": parts[0],
                    "classes": "govuk-input--width-2",
                },
                {
                    "name": "month",
                    "label": "Month",
                    "value": parts[1],
                    "classes": "govuk-input--width-2",
                },
                {
                    "name": "year",
                    "label": "Year",
                    "value": parts[2],
                    "classes": "govuk-input--width-4",
                },
            ],
        )
        if bf.errors:
            for item in params["items"]:
                item["classes"] += " govuk-input--error"
    elif isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        current = _value(bf)
        chosen = {str(v) for v in current} if isinstance(current, (list, tuple)) else {str(current)}
        params.pop("id")
        params.update(
            idPrefix=bf.auto_id,
            fieldset={"legend": label},
            items=[
                {"value": v, "text": str(t), "checked": str(v) in chosen}
                for v, t in bf.field.choices
                if v != ""
            ],
        )
    elif isinstance(widget, forms.Select):
        current = str(_value(bf))
        params.update(
            label=label,
            items=[
                {"value": v, "text": str(t), "selected": str(v) == current}
                for v, t in bf.field.choices
            ],
        )
    else:
        params.update(label=label, value=_value(bf))
        if isinstance(widget, forms.Textarea):
            params["rows"] = widget.attrs.get("rows", 4)
    return _merge(params, overrides)


def _merge(params: dict, overrides: dict) -> dict:
    """Overrides win, but nested tables merge: fieldset={"legend": {"classes": ...}} keeps the
    legend's text."""
    merged = dict(params)
    for key, extra in overrides.items():
        if isinstance(extra, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], extra)
        else:
            merged[key] = extra
    return merged


def error_summary_items(form) -> list[dict]:
    """One link per error, pointing at the field to fix (GOV.UK error summary)."""
    items = []
    for error in form.non_field_errors():
        items.append({"text": error, "href": "#main-content"})
    for bf in form:
        if bf.errors:
            target = bf.auto_id
            if isinstance(bf.field.widget, DateInput):
                target += "-day"
            items.append({"text": bf.errors[0], "href": f"#{target}"})
    return items
