"""Create an API token for a member of staff; the secret is shown once and only its hash is kept."""

from django.core.management.base import BaseCommand, CommandError

from clearpath.platform.accounts.models import StaffMember
from clearpath.platform.accounts.services import create_api_token


class Command(BaseCommand):
    help = "Create an API token for a member of staff (prints the secret once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="API client", help="What the token is for")

    def handle(self, *args, username, name, **options):
        try:
            staff = StaffMember.objects.get(username=username)
        except StaffMember.DoesNotExist:
            raise CommandError(f"There is no member of staff called {username!r}") from None
        secret = create_api_token(staff=staff, name=name, by=None)
        self.stdout.write(secret)
