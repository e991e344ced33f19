"""Generate a large synthetic council for benchmarks (deterministic: the same seed, the same data)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from people.demo import DEMO_PASSWORD
from people.models import Person
from people.seed import seed_council


class Command(BaseCommand):
    help = "Generate N synthetic people (en_GB names and postcodes) spread over every stage."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=10000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch", type=int, default=2000)
        parser.add_argument(
            "--append", action="store_true", help="Add to a database that already has people"
        )

    def handle(self, *args, people, seed, batch, append, **options):
        if people < 1:
            raise CommandError("--people must be 1 or more")
        if Person.objects.exists() and not append:
            raise CommandError(
                "This database already has people. Use a fresh database, or --append."
            )
        started = time.monotonic()
        totals = seed_council(
            people=people,
            seed=seed,
            today=timezone.localdate(),
            batch=batch,
            password=DEMO_PASSWORD,
            log=self.stdout.write,
        )
        self.stdout.write(
            f"Done in {time.monotonic() - started:.1f} s: "
            + ", ".join(f"{k} {v}" for k, v in totals.items())
        )
