"""Ledger invariants on the database, for any sequence of money movements (hypothesis):
per person, per agreement and per team the postings sum to zero, every entry balances, and each
agreement's account balance equals paid in + contributions + refunds − spending − recoveries."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clearpath.money.finance.tests.conftest import dp_agreement
from clearpath.money.ledger.models import LedgerEntry, LedgerLine
from clearpath.money.ledger.services import entry_for, position, post, total
from clearpath.platform.accounts.services import add_team
from domain.ledger import Kind

pence = st.integers(min_value=1, max_value=500_000).map(lambda p: Decimal(p) / 100)
MOVES = [Kind.PAYMENT, Kind.CONTRIBUTION, Kind.SPEND, Kind.REFUND, Kind.RECOVERY, Kind.COMMITMENT]


@pytest.fixture
def agreements(practitioner, outsider):
    south = outsider.team
    return (
        [
            dp_agreement(by=practitioner, first_name="Ann"),
            dp_agreement(by=practitioner, first_name="Bob"),
            dp_agreement(by=outsider, first_name="Cat"),  # in another team
        ],
        add_team(name="North team"),
        south,
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(moves=st.lists(st.tuples(st.integers(0, 2), st.sampled_from(MOVES), pence), max_size=12))
def test_invariants_hold_per_person_agreement_and_team(agreements, practitioner, moves):
    people, north, south = agreements
    for who, kind, amount in moves:
        budget = people[who].personal_budget
        post(
            entry_for(
                budget,
                kind=kind,
                key=f"t-{LedgerEntry.objects.count()}",
                effective_on=date(2026, 11, 2),
                description=str(kind),
                parts=((amount, None),),
            ),
            by=practitioner,
        )
    lines = LedgerLine.objects.all()
    assert total(lines) == 0
    for a in people:
        assert total(lines.filter(entry__person=a.person)) == 0
        assert total(lines.filter(personal_budget=a.personal_budget)) == 0
        by_kind = {
            k: total(
                LedgerLine.objects.filter(
                    entry__personal_budget=a.personal_budget, entry__kind=k, amount__gt=0
                )
            )
            for k in Kind
        }
        pos = position(a.personal_budget)
        assert pos.balance == (
            by_kind[Kind.PAYMENT]
            + by_kind[Kind.CONTRIBUTION]
            + by_kind[Kind.REFUND]
            - by_kind[Kind.SPEND]
            - by_kind[Kind.RECOVERY]
        )
    for team in (north, south):
        assert total(lines.filter(entry__team=team)) == 0
    per_entry = defaultdict(Decimal)
    for entry_id, amount in lines.values_list("entry_id", "amount"):
        per_entry[entry_id] += amount
    assert set(per_entry.values()) <= {Decimal(0)}  # every entry balances
