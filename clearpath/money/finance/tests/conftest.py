"""Direct payment people for the money tests, made through the real services."""

import pytest

from clearpath.money.finance.services import set_up_agreement
from tests.builders import approved


def dp_agreement(*, by, bank=True, weekly="94.50", **person):
    person.setdefault("nhs_number", "")
    decision = approved(by=by, weekly=weekly, **person)
    budget = decision.personal_budget
    details = (
        {"account_name": "M OKAFOR DP", "sort_code": "30-94-57", "account_number": "12345678"}
        if bank
        else {}
    )
    return set_up_agreement(personal_budget=budget, by=by, **details)


@pytest.fixture
def make_agreement(practitioner):
    def make(**kw):
        return dp_agreement(by=practitioner, **kw)

    return make
