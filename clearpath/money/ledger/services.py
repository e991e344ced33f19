"""Posting to the ledger. Every entry is balanced (domain.ledger) and keyed, so posting the same
movement twice returns the first entry instead of a second one (idempotency)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum

from clearpath.money.ledger.models import LedgerEntry, LedgerLine
from domain import ledger as rules
from domain.money import to_money


@dataclass(frozen=True)
class NewEntry:
    kind: str
    key: str
    personal_budget_id: int
    person_id: int
    team_id: int | None
    effective_on: date
    description: str
    parts: tuple  # ((amount, plan_line_id | None), ...)


def entry_for(personal_budget, **kw) -> NewEntry:
    """A NewEntry for this budget (its person and the person's team)."""
    return NewEntry(
        personal_budget_id=personal_budget.pk,
        person_id=personal_budget.person_id,
        team_id=personal_budget.person.team_id,
        **kw,
    )


def _build(new: NewEntry, by) -> tuple[LedgerEntry, list[LedgerLine]]:
    postings = rules.postings(new.kind, new.parts)
    entry = LedgerEntry(
        kind=rules.Kind(new.kind).value,
        key=new.key,
        person_id=new.person_id,
        personal_budget_id=new.personal_budget_id,
        team_id=new.team_id,
        effective_on=new.effective_on,
        description=new.description[:300],
        created_by=by if getattr(by, "pk", None) else None,
    )
    lines = [
        LedgerLine(
            account=p.account.value,
            amount=p.amount,
            plan_line_id=p.plan_line,
            personal_budget_id=new.personal_budget_id,
        )
        for p in postings
    ]
    return entry, lines


def post(new: NewEntry, *, by) -> LedgerEntry:
    """Post one balanced entry; if an entry with this key exists already, return that one."""
    existing = LedgerEntry.objects.filter(key=new.key).first()
    if existing:
        return existing
    entry, lines = _build(new, by)
    try:
        with transaction.atomic():
            entry.save()
            for line in lines:
                line.entry = entry
            LedgerLine.objects.bulk_create(lines)
    except IntegrityError:
        return LedgerEntry.objects.get(key=new.key)
    return entry


def post_many(entries: list[NewEntry], *, by) -> list[LedgerEntry]:
    """Post many entries at once (payment runs, statement imports). Keys must be new: a repeated
    key fails the whole batch (the caller's transaction), never posts twice."""
    built = [_build(new, by) for new in entries]
    made = LedgerEntry.objects.bulk_create([e for e, _ in built])
    lines = []
    for entry, entry_lines in zip(made, (ls for _, ls in built), strict=True):
        for line in entry_lines:
            line.entry_id = entry.pk
            lines.append(line)
    LedgerLine.objects.bulk_create(lines, batch_size=2000)
    return made


def _pence(value) -> Decimal:
    """A database sum to the penny (SQLite sums decimals in floating point: round it back)."""
    return to_money(value or 0)


def total(lines) -> Decimal:
    """The sum of a queryset of ledger lines, to the penny."""
    return _pence(lines.aggregate(t=Sum("amount"))["t"])


def account_balances(**where) -> dict[str, Decimal]:
    """Sum of postings per account for the lines matching `where` (e.g. personal_budget=b)."""
    rows = LedgerLine.objects.filter(**where).values("account").annotate(total=Sum("amount"))
    return {r["account"]: _pence(r["total"]) for r in rows.order_by()}


def kind_totals(**where) -> dict[str, Decimal]:
    """Total debited per kind of entry (the size of each kind of movement)."""
    rows = (
        LedgerLine.objects.filter(amount__gt=0, **where)
        .values("entry__kind")
        .annotate(total=Sum("amount"))
    )
    return {r["entry__kind"]: _pence(r["total"]) for r in rows.order_by()}


def position(personal_budget) -> rules.Position:
    """Allocated, paid in, spent, recovered and the account balance for one agreement."""
    return rules.position(
        account_balances(personal_budget=personal_budget),
        kind_totals(personal_budget=personal_budget),
    )
