"""Check a restored database (scripts/restore_drill.sh runs this against the drill's copy): print
how many people, plans, personal budgets and ledger entries and lines it holds, then check the
ledger's own rules still hold — every entry's lines sum to zero, every entry has a debit and a
credit, and each line is on its entry's personal budget. Exits non-zero if any does not."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, F, Q, Sum

from clearpath.journey.budgets.models import PersonalBudget
from clearpath.journey.people.models import Person
from clearpath.journey.plans.models import SupportPlan
from clearpath.money.ledger.models import LedgerEntry, LedgerLine

SHOWN = 10  # entry ids named in a failure, at most


class Command(BaseCommand):
    help = "Print counts from this database and check the ledger balances (exit 1 if not)."

    def handle(self, *args, **options):
        counts = {
            "people": Person.objects.count(),
            "plans": SupportPlan.objects.count(),
            "personal budgets": PersonalBudget.objects.count(),
            "ledger entries": LedgerEntry.objects.count(),
            "ledger lines": LedgerLine.objects.count(),
        }
        for name, n in counts.items():
            self.stdout.write(f"{name}: {n}")

        entries = LedgerEntry.objects.order_by().annotate(
            total=Sum("lines__amount"),
            debits=Count("lines", filter=Q(lines__amount__gt=0)),
            credits=Count("lines", filter=Q(lines__amount__lt=0)),
        )
        unbalanced = list(
            entries.filter(Q(total__isnull=True) | ~Q(total=0)).values_list("pk", flat=True)
        )
        one_sided = list(entries.filter(Q(debits=0) | Q(credits=0)).values_list("pk", flat=True))
        astray = list(
            LedgerLine.objects.exclude(personal_budget_id=F("entry__personal_budget_id"))
            .order_by("entry_id")
            .values_list("entry_id", flat=True)
            .distinct()
        )
        problems = [
            (unbalanced, "do not sum to zero"),
            (one_sided, "lack a debit or a credit"),
            (astray, "have lines on another personal budget"),
        ]
        found = [
            f"{len(ids)} ledger entries {what} (ids {', '.join(map(str, sorted(ids)[:SHOWN]))})"
            for ids, what in problems
            if ids
        ]
        if found:
            raise CommandError("The ledger does not balance: " + "; ".join(found))
        self.stdout.write(
            f"ledger: balanced ({counts['ledger entries']} entries, every one sums to zero)"
        )
