"""Run API input through the same Django forms as the web pages, so both refuse the same things.

Each app's api.py passes its own form: `run_form(PersonForm, data)`."""

from clearpath.errors import InvalidInput


def date_fields(name: str, value) -> dict:
    """A date as the day, month and year fields of the GOV.UK date input the web form reads."""
    return {f"{name}-day": value.day, f"{name}-month": value.month, f"{name}-year": value.year}


def run_form(form_class, data: dict) -> dict:
    """The form's cleaned data, or InvalidInput (422) with each field's first message."""
    form = form_class(data)
    if not form.is_valid():
        raise InvalidInput(
            [(name if name != "__all__" else "body", errs[0]) for name, errs in form.errors.items()]
        )
    return form.cleaned_data
