"""The ledger can only grow: the model, the queryset and the database all refuse changes."""

from decimal import Decimal

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from clearpath.money.finance.tests.conftest import dp_agreement
from clearpath.money.ledger.models import AppendOnlyError, LedgerEntry, LedgerLine
from clearpath.money.ledger.services import entry_for, post
from domain.ledger import Kind, LedgerError


@pytest.fixture
def entry(practitioner):
    agreement = dp_agreement(by=practitioner)
    return LedgerEntry.objects.get(personal_budget=agreement.personal_budget, kind="commitment")


def test_the_commitment_is_a_balanced_entry_over_the_plan_lines(entry):
    lines = list(entry.lines.all())
    assert sum(line.amount for line in lines) == 0
    # 13 four-weekly payments of £378.00 (94.50 a week) committed on the plan line
    assert [line.amount for line in lines if line.amount > 0] == [Decimal("4914.00")]
    assert all(line.plan_line_id for line in lines if line.account == "allocated")


def test_a_saved_entry_cannot_be_changed_or_deleted_through_the_model(entry):
    entry.description = "rewritten"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        LedgerLine.objects.filter(entry=entry).update(amount=Decimal("1.00"))
    with pytest.raises(AppendOnlyError):
        LedgerEntry.objects.filter(pk=entry.pk).delete()


def test_the_database_refuses_to_rewrite_history_even_in_raw_sql(entry):
    """UPDATE is refused by a trigger on PostgreSQL and SQLite; DELETE on PostgreSQL (SQLite's
    test runner empties tables with DELETE, so there only the model and queryset refuse it)."""
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as c:
        c.execute("UPDATE ledger_ledgerline SET amount = 0 WHERE entry_id = %s", [entry.pk])
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as c:
            c.execute("DELETE FROM ledger_ledgerline WHERE entry_id = %s", [entry.pk])
    assert sum(line.amount for line in entry.lines.all()) == 0
    assert entry.lines.count() == 2


def test_posting_the_same_key_twice_returns_the_first_entry(entry, practitioner):
    budget = entry.personal_budget
    new = entry_for(
        budget,
        kind=Kind.RECOVERY,
        key="rec-1",
        effective_on=entry.effective_on,
        description="Surplus",
        parts=((Decimal("10.00"), None),),
    )
    first = post(new, by=practitioner)
    again = post(new, by=practitioner)
    assert first.pk == again.pk
    assert LedgerEntry.objects.filter(key="rec-1").count() == 1


@pytest.mark.parametrize("amount", [Decimal("0.001"), Decimal("-5.00"), Decimal("0")])
def test_sub_penny_negative_and_zero_amounts_are_refused(entry, practitioner, amount):
    with pytest.raises(LedgerError):
        post(
            entry_for(
                entry.personal_budget,
                kind=Kind.SPEND,
                key="bad",
                effective_on=entry.effective_on,
                description="x",
                parts=((amount, None),),
            ),
            by=practitioner,
        )
    assert not LedgerEntry.objects.filter(key="bad").exists()


def test_an_entry_key_is_unique_in_the_database(entry):
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(
            kind="payment",
            key=entry.key,
            person_id=entry.person_id,
            personal_budget_id=entry.personal_budget_id,
            effective_on=entry.effective_on,
            description="again",
        )
