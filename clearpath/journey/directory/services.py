"""Keeping the local directory and costing a plan line from an entry."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Q, QuerySet

from clearpath.errors import ServiceError
from clearpath.journey.directory.models import Entry
from clearpath.platform.audit.services import record_event
from domain import rulepacks
from domain.money import annual_from_weekly, weekly_cost

# A directory unit -> (plan-line frequency, what "how many" counts) when costing a line.
UNIT_QUANTITY = {
    "hour": "hours",
    "session": "sessions",
    "day": "days",
    "week": "weeks",
    "month": "months",
    "year": "years",
}


def search(
    *,
    text: str = "",
    need: str = "",
    area: str = "",
    max_price: Decimal | None = None,
    kind: str = "",
    accepting_only: bool = False,
) -> QuerySet[Entry]:
    """Active entries matching every filter given (one query, whatever the data)."""
    entries = Entry.objects.filter(active=True)
    for word in text.split()[:8]:
        entries = entries.filter(
            Q(name__icontains=word) | Q(offer__icontains=word) | Q(area__icontains=word)
        )
    if need:
        entries = entries.filter(
            Q(needs=need)
            | Q(needs__startswith=f"{need},")
            | Q(needs__endswith=f",{need}")
            | Q(needs__contains=f",{need},")
        )
    if area:
        entries = entries.filter(Q(area__iexact=area) | Q(area__iexact="All areas"))
    if max_price is not None:
        entries = entries.filter(Q(price__lte=max_price) | Q(unit="free"))
    if kind:
        entries = entries.filter(kind=kind)
    if accepting_only:
        entries = entries.filter(accepting_new_people=True)
    return entries


def areas() -> list[str]:
    return sorted(
        set(Entry.objects.filter(active=True).values_list("area", flat=True)) - {"All areas"}
    )


@transaction.atomic
def save_entry(*, by, entry: Entry | None = None, **fields) -> Entry:
    """Add or change a directory entry (council staff)."""
    known = {o.code for o in rulepacks.question_set().outcomes}
    needs = [n for n in fields.get("needs", []) if n]
    if any(n not in known for n in needs):
        raise ServiceError("Choose needs from the list", field="needs")
    fields["needs"] = ",".join(needs)
    created = entry is None
    if entry is None:
        entry = Entry(**fields)
    else:
        entry = Entry.objects.select_for_update().get(pk=entry.pk)
        for k, v in fields.items():
            setattr(entry, k, v)
        entry.row_version += 1
    entry.save()
    record_event(
        actor=by,
        action="directory.entry_added" if created else "directory.entry_changed",
        obj=entry,
        summary=f"{'Added' if created else 'Changed'} directory entry {entry.name}",
        changes={k: v for k, v in fields.items() if k != "offer"},
    )
    return entry


def cost_of(entry: Entry, *, quantity: Decimal, frequency: str) -> tuple[Decimal, Decimal]:
    """(weekly, annual) cost of `quantity` units of this entry at `frequency`."""
    if entry.price is None:
        raise ServiceError("This entry has no price: ask them, then enter the line yourself.")
    unit_price = Decimal(0) if entry.unit == Entry.Unit.FREE else entry.price
    weekly = weekly_cost(unit_cost=unit_price, quantity=quantity, frequency=frequency)
    return weekly, annual_from_weekly(weekly)


def add_entry_to_plan(*, plan, entry: Entry, quantity: Decimal, frequency: str, by, actor_name=""):
    """Add a costed line to the plan from a directory entry: its price × quantity × frequency."""
    from clearpath.journey.plans.services import add_plan_line

    if quantity <= 0 or quantity > 1000:
        raise ServiceError("Enter how many, more than 0 and up to 1000", field="quantity")
    weekly, annual = cost_of(entry, quantity=quantity, frequency=frequency)
    unit_price = Decimal(0) if entry.unit == Entry.Unit.FREE else entry.price
    return add_plan_line(
        plan=plan,
        by=by,
        description=f"{entry.name}"[:200],
        unit_cost=unit_price,
        quantity=quantity,
        frequency=frequency,
        source=f"directory:{entry.pk}",
        working=(
            f"From the local directory: {entry.name}, {entry.price_words}. "
            f"{quantity.normalize():f} {UNIT_QUANTITY.get(entry.unit, 'units')} "
            f"{dict(frequency_choices())[frequency]}: £{weekly:,.2f} a week, £{annual:,.2f} a year."
        ),
        actor_name=actor_name,
    )


def frequency_choices():
    from domain.money import FREQUENCY_LABELS, Frequency

    return [(f.value, FREQUENCY_LABELS[f]) for f in Frequency]
