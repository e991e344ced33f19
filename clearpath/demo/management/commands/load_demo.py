"""Load the demo council: teams, one sign-in per role, ~50 people at every stage. Safe to re-run."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from clearpath.demo.council import load_demo_council


class Command(BaseCommand):
    help = "Load the demo council (does nothing if it is already loaded)."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=50)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, people, seed, **options):
        added = load_demo_council(people=people, seed=seed, today=timezone.localdate())
        if added:  # reviews after events and answers ready to confirm, for the review queues
            from clearpath.demo.reviews import add_demo_reviews

            add_demo_reviews(today=timezone.localdate())
        from clearpath.demo.directory import load_demo_directory

        load_demo_directory()
        from clearpath.demo.portal import DEMO_HELPER_EMAIL, DEMO_PERSON_EMAIL, load_demo_portal

        if load_demo_portal(today=timezone.localdate()):
            self.stdout.write(
                f"Portal: sign in at /portal/sign-in as {DEMO_PERSON_EMAIL} or "
                f"{DEMO_HELPER_EMAIL}; links appear at /portal/outbox."
            )
        self.stdout.write(
            f"Demo council ready ({added} people added)."
            if added
            else "Demo council already loaded."
        )
