"""Property-based checks of the ledger's rules: every entry balances, balances are sums."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.ledger import (
    Account,
    Kind,
    LedgerError,
    apportion,
    balances,
    check_balanced,
    postings,
)

pence = st.integers(min_value=1, max_value=10_000_000).map(lambda p: Decimal(p) / 100)
parts = st.lists(st.tuples(pence, st.one_of(st.none(), st.integers(1, 5))), min_size=1, max_size=6)


@given(kind=st.sampled_from(list(Kind)), parts=parts)
def test_every_entry_balances_and_moves_exactly_its_amounts(kind, parts):
    out = postings(kind, parts)
    check_balanced(out)
    assert sum(p.amount for p in out) == 0
    total = sum(a for a, _ in parts)
    assert sum(p.amount for p in out if p.amount > 0) == total
    assert all(p.amount == p.amount.quantize(Decimal("0.01")) for p in out)


@given(ops=st.lists(st.tuples(st.sampled_from(list(Kind)), pence), max_size=40))
def test_the_account_balance_is_paid_in_plus_contributions_and_refunds_less_spending(ops):
    all_postings = [p for kind, amount in ops for p in postings(kind, [(amount, None)])]
    acc = balances(all_postings)
    total = {k: sum((a for kk, a in ops if kk == k), Decimal(0)) for k in Kind}
    expected = (
        total[Kind.PAYMENT]
        + total[Kind.CONTRIBUTION]
        + total[Kind.REFUND]
        - total[Kind.SPEND]
        - total[Kind.RECOVERY]
    )
    assert acc.get(Account.DP_ACCOUNT, 0) == expected
    assert acc.get(Account.ALLOCATED, 0) == total[Kind.COMMITMENT] - total[Kind.RELEASE]
    assert sum(acc.values(), Decimal(0)) == 0  # the books balance whatever happened


@given(total=pence, weights=st.lists(st.integers(0, 10_000).map(Decimal), min_size=1, max_size=8))
def test_apportioning_always_adds_back_up_to_the_penny(total, weights):
    split = apportion(total, weights)
    assert sum(split) == total and len(split) == len(weights)
    assert all(s >= 0 and s == s.quantize(Decimal("0.01")) for s in split)


@pytest.mark.parametrize("amount", [Decimal("1.005"), Decimal("-1"), Decimal("0"), 1.5])
def test_bad_amounts_are_refused(amount):
    with pytest.raises(LedgerError):
        postings(Kind.PAYMENT, [(amount, None)])
