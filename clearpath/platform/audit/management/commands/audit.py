"""Check the audit trail, and set up the database role the app connects as.

audit verify                 check every row's hash chain; names the first row that does not fit
audit grant-app-role ROLE    give ROLE (PostgreSQL) what the app needs and no more: it owns nothing,
                             may only add rows to the audit trail and ledger (run after migrate)
"""

from django.core.management.base import BaseCommand, CommandError

from clearpath.platform.audit.app_role import grant_app_role
from clearpath.platform.audit.chain import first_break


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain, or set up the app's database role."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "grant-app-role"])
        parser.add_argument("role", nargs="?", help="the database role, for grant-app-role")
        parser.add_argument("--create", action="store_true", help="create the role if missing")

    def handle(self, *args, action, role, create, **options):
        if action == "verify":
            self._verify()
        else:
            if not role:
                raise CommandError("`audit grant-app-role` needs the ROLE the app connects as")
            try:
                statements = grant_app_role(role, create=create)
            except ValueError as e:
                raise CommandError(str(e)) from None
            self.stdout.write(f"{role}: {len(statements)} statements run; it owns nothing.")

    def _verify(self):
        broken, reason, checked = first_break()
        if reason:
            where = f"Row {broken}" if broken is not None else "The chain"
            raise CommandError(
                f"The audit trail is broken after {checked:,} rows. {where}: {reason}."
            )
        self.stdout.write(f"The audit trail is whole: {checked:,} rows checked.")
