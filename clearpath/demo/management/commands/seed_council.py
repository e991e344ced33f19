"""Generate a large synthetic council for benchmarks: `manage.py seed_council --people N --seed S`.

Deterministic (the same seed, the same people, answers, budgets and dates for a given --today), en_GB
names and postcodes, every stage of the journey, written in bulk. See people/seed/.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from clearpath.demo.seed import seed_council
from clearpath.journey.people.models import Person


class Command(BaseCommand):
    help = "Generate N synthetic people over every stage of the journey, for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=100_000, help="How many (100000)")
        parser.add_argument("--seed", type=int, default=2026, help="The same seed, the same data")
        parser.add_argument(
            "--append",
            action="store_true",
            help="Add to a database that already has people (use a different --seed)",
        )
        parser.add_argument(
            "--batch-size", type=int, default=2000, help="People written per transaction"
        )
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="Date the journeys lead up to, YYYY-MM-DD (default: today)",
        )

    def handle(self, *args, people, seed, append, batch_size, today, **options):
        if people < 1:
            raise CommandError("--people must be 1 or more.")
        if batch_size < 1:
            raise CommandError("--batch-size must be 1 or more.")
        existing = Person.objects.count()
        if existing and not append:
            raise CommandError(
                f"This database already has {existing:,} people. seed_council only fills an "
                "empty council: use a fresh database, or pass --append (with a different --seed) "
                "to add to it."
            )
        today = today or timezone.localdate()
        self.stdout.write(
            f"Seeding {people:,} people (seed {seed}, journeys up to {today:%-d %B %Y})"
            + (f" on top of {existing:,}" if existing else "")
        )
        totals = seed_council(
            people=people,
            seed=seed,
            today=today,
            batch_size=batch_size,
            progress=lambda msg: self.stdout.write(msg),
        )
        stages = ", ".join(f"{s} {n:,}" for s, n in totals["stages"].items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {people:,} people ({totals['rows']:,} rows) in {totals['seconds']:.1f} s"
            )
        )
        self.stdout.write(f"By stage: {stages}")
