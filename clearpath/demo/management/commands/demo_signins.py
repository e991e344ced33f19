"""Print the demo sign-ins (used by `make run`)."""

from django.core.management.base import BaseCommand

from clearpath.demo.council import DEMO_PASSWORD, DEMO_STAFF
from clearpath.demo.management.commands.demo_code import demo_key


class Command(BaseCommand):
    help = "Print the demo council's sign-ins."

    def handle(self, *args, **options):
        self.stdout.write("\nClearpath demo council: http://127.0.0.1:8000\n")
        self.stdout.write(f"Every demo sign-in uses the password: {DEMO_PASSWORD}")
        self.stdout.write(
            "and a two-factor code: add this key to an authenticator app (the same for every "
            f"demo sign-in),\n  {demo_key()}\nor run `.venv/bin/python manage.py demo_code` "
            "(with DEBUG=1) for the current code.\n"
        )
        for username, first, last, role, _team, limit in DEMO_STAFF:
            self.stdout.write(
                f"  {username:<14} {first} {last}, {role.label.lower()} (weekly limit £{limit})"
            )
        self.stdout.write("")
