"""Load the demo council: teams, one sign-in per role, ~50 people at every stage. Safe to re-run."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from people.demo import load_demo_council


class Command(BaseCommand):
    help = "Load the demo council (does nothing if it is already loaded)."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=50)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, people, seed, **options):
        added = load_demo_council(people=people, seed=seed, today=timezone.localdate())
        from directory.demo import load_demo_directory

        load_demo_directory()
        self.stdout.write(
            f"Demo council ready ({added} people added)."
            if added
            else "Demo council already loaded."
        )
