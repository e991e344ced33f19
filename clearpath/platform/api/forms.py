"""Run API input through the same Django forms as the web pages, so both refuse the same things."""

from decimal import Decimal

from clearpath.errors import InvalidInput
from clearpath.journey.contacts.forms import ContactForm
from clearpath.journey.people.forms import PersonForm, RepresentativeForm
from domain.money import format_money, weekly_cost

# The most a plan may cost a week: keeps every amount worked out from it (yearly budget, payments)
# inside the 12-digit money columns, where 1,000,000 x 1,000,000 a line would overflow them.
MAX_PLAN_WEEKLY = Decimal("1000000.00")


def _date_fields(name: str, value) -> dict:
    return {f"{name}-day": value.day, f"{name}-month": value.month, f"{name}-year": value.year}


def _run(form_class, data: dict) -> dict:
    form = form_class(data)
    if not form.is_valid():
        raise InvalidInput(
            [(name if name != "__all__" else "body", errs[0]) for name, errs in form.errors.items()]
        )
    return form.cleaned_data


def person_form_errors(payload) -> dict:
    data = payload.model_dump()
    data.update(_date_fields("date_of_birth", data.pop("date_of_birth")))
    for flag in ("has_dementia", "in_transition"):
        if not data[flag]:
            data.pop(flag)
    return _run(PersonForm, data)


def representative_form_errors(payload) -> dict:
    return _run(RepresentativeForm, payload.model_dump())


def contact_form_errors(payload) -> dict:
    data = payload.model_dump()
    data.update(_date_fields("received_on", data.pop("received_on")))
    return _run(ContactForm, data)


def plan_total_errors(payload) -> None:
    """Refuse (422) costed lines whose weekly total is more than any plan could cost."""
    total = sum(
        (
            weekly_cost(unit_cost=line.unit_cost, quantity=line.quantity, frequency=line.frequency)
            for line in payload.lines
        ),
        Decimal("0.00"),
    )
    if total >= MAX_PLAN_WEEKLY:
        raise InvalidInput(
            [("lines", f"The plan must cost less than {format_money(MAX_PLAN_WEEKLY)} a week")]
        )
