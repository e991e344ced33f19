import pytest

from tests.builders import approved


@pytest.fixture
def in_place(practitioner):
    """A person with an approved plan (£94.50 a week as a direct payment from 2 November 2026)."""
    return approved(by=practitioner).person


@pytest.fixture
def first_review(in_place):
    return in_place.reviews.get(kind="first")


QUIET = {
    "changed": False,
    "needs_met": "yes",
    "money_ok": True,
    "own_words": "I get my bath every other day now.",
    "anything_else": "",
}
