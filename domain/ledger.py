"""Double-entry postings for personal budget money: pure rules, no database.

Every movement of money is one balanced entry: its postings sum to zero (a debit is a positive
amount, a credit a negative one). Balances are only ever sums of postings. The accounts are kept
per person, per agreement (the personal budget) and per team by the entry that carries them.

  commitment    Dr allocated        Cr council_funds      the budget committed for a period
  payment       Dr dp_account       Cr council_bank       a direct payment paid into the account
  contribution  Dr dp_account       Cr person_funds       the person's own contribution paid in
  spend         Dr spent            Cr dp_account         spending shown on the account statement
  refund        Dr dp_account       Cr spent              money back from a provider
  recovery      Dr council_bank     Cr dp_account         a surplus the council takes back
  release       Dr council_funds    Cr allocated          a commitment reduced (budget down)
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from domain.money import PENNY


class Kind(StrEnum):
    COMMITMENT = "commitment"
    PAYMENT = "payment"
    CONTRIBUTION = "contribution"
    SPEND = "spend"
    REFUND = "refund"
    RECOVERY = "recovery"
    RELEASE = "release"


class Account(StrEnum):
    ALLOCATED = "allocated"
    COUNCIL_FUNDS = "council_funds"
    DP_ACCOUNT = "dp_account"
    COUNCIL_BANK = "council_bank"
    PERSON_FUNDS = "person_funds"
    SPENT = "spent"


# kind -> (debited account, credited account)
RULES: dict[Kind, tuple[Account, Account]] = {
    Kind.COMMITMENT: (Account.ALLOCATED, Account.COUNCIL_FUNDS),
    Kind.PAYMENT: (Account.DP_ACCOUNT, Account.COUNCIL_BANK),
    Kind.CONTRIBUTION: (Account.DP_ACCOUNT, Account.PERSON_FUNDS),
    Kind.SPEND: (Account.SPENT, Account.DP_ACCOUNT),
    Kind.REFUND: (Account.DP_ACCOUNT, Account.SPENT),
    Kind.RECOVERY: (Account.COUNCIL_BANK, Account.DP_ACCOUNT),
    Kind.RELEASE: (Account.COUNCIL_FUNDS, Account.ALLOCATED),
}


class LedgerError(ValueError):
    """An entry that would break the ledger's rules (unbalanced, wrong sign, sub-penny)."""


@dataclass(frozen=True)
class Posting:
    account: Account
    amount: Decimal  # debit > 0, credit < 0
    plan_line: int | None = None


def check_amount(amount: Decimal) -> Decimal:
    """A positive amount of pounds with no more than two decimal places, or LedgerError."""
    if not isinstance(amount, Decimal):
        raise LedgerError(f"Money must be a Decimal, not {type(amount).__name__}")
    if not amount.is_finite() or amount != amount.quantize(PENNY):
        raise LedgerError(f"{amount} has more than two decimal places")
    if amount <= 0:
        raise LedgerError(f"{amount} is not a positive amount")
    return amount


def postings(kind: Kind | str, parts: Iterable[tuple[Decimal, int | None]]) -> tuple[Posting, ...]:
    """The balanced postings for one entry: `parts` are (amount, plan line or None).

    Each part is debited to (or credited from) the kind's plan-line side; the other side is one
    posting for the total, so the entry sums to zero by construction."""
    kind = Kind(kind)
    debit, credit = RULES[kind]
    parts = [(check_amount(a), line) for a, line in parts]
    if not parts:
        raise LedgerError("An entry needs at least one amount")
    total = sum((a for a, _ in parts), Decimal("0.00"))
    lines_on_debit = kind in (Kind.SPEND, Kind.COMMITMENT)
    if lines_on_debit:
        out = [Posting(debit, a, line) for a, line in parts] + [Posting(credit, -total)]
    elif kind in (Kind.REFUND, Kind.RELEASE):
        out = [Posting(debit, total)] + [Posting(credit, -a, line) for a, line in parts]
    else:
        out = [Posting(debit, total), Posting(credit, -total)]
    check_balanced(out)
    return tuple(out)


def check_balanced(items: Iterable[Posting]) -> None:
    """Debits equal credits, or LedgerError."""
    total = sum((p.amount for p in items), Decimal("0"))
    if total != 0:
        raise LedgerError(f"Entry does not balance: debits and credits differ by {total}")


def balances(items: Iterable[Posting]) -> dict[Account, Decimal]:
    """The balance of every account: the sum of its postings (debit positive)."""
    out: dict[Account, Decimal] = defaultdict(lambda: Decimal("0.00"))
    for p in items:
        out[p.account] += p.amount
    return dict(out)


@dataclass(frozen=True)
class Position:
    """Where a person's direct payment stands, from account balances (all in pounds)."""

    allocated: Decimal
    paid_in: Decimal
    contributions: Decimal
    spent: Decimal
    recovered: Decimal
    balance: Decimal


def position(totals: dict[str, Decimal], by_kind: dict[str, Decimal]) -> Position:
    """Position from account balances (`totals`) and the total of each kind of entry (`by_kind`)."""
    zero = Decimal("0.00")
    return Position(
        allocated=totals.get(Account.ALLOCATED, zero),
        paid_in=by_kind.get(Kind.PAYMENT, zero),
        contributions=by_kind.get(Kind.CONTRIBUTION, zero),
        spent=totals.get(Account.SPENT, zero),
        recovered=by_kind.get(Kind.RECOVERY, zero),
        balance=totals.get(Account.DP_ACCOUNT, zero),
    )


def apportion(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """Split `total` across `weights` to the penny, exactly (largest remainder): the parts always
    add back up to `total`. All weights zero (or none) puts everything in the first part."""
    if not weights:
        return []
    pennies = int((total / PENNY).to_integral_value())
    weight_sum = sum(weights, Decimal(0))
    if weight_sum <= 0:
        return [total] + [Decimal("0.00")] * (len(weights) - 1)
    raw = [Decimal(pennies) * w / weight_sum for w in weights]
    floors = [int(r) for r in raw]
    left = pennies - sum(floors)
    order = sorted(range(len(raw)), key=lambda i: (raw[i] - floors[i], -i), reverse=True)
    for i in order[:left]:
        floors[i] += 1
    return [(Decimal(f) * PENNY).quantize(PENNY) for f in floors]
