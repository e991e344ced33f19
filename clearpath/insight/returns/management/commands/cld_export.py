"""python manage.py cld_export --period-end 2026-09-30 --out cld.csv [--failures failures.csv]

Checks every record first and prints what would fail a mandatory rule, then writes the return."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from clearpath.errors import ServiceError
from clearpath.insight.returns.services import build_extract, failures_csv, return_csv


class Command(BaseCommand):
    help = "Write the Client Level Data return (Release 1 layout) for the rolling 12 months ending on a quarter end."

    def add_arguments(self, parser):
        parser.add_argument("--period-end", required=True, help="A quarter end, like 2026-09-30")
        parser.add_argument("--out", required=True, help="Where to write the return (CSV)")
        parser.add_argument("--failures", help="Also write every failing row and why (CSV)")

    def handle(self, *args, **opts):
        try:
            period_end = date.fromisoformat(opts["period_end"])
        except ValueError:
            raise CommandError(
                f"--period-end must be a date like 2026-09-30, not {opts['period_end']!r}"
            ) from None
        try:
            extract = build_extract(period_end, timezone.localdate())
        except ServiceError as e:
            raise CommandError(e.message) from None
        self.stdout.write(
            f"Client Level Data return, {extract.period_start} to {extract.period_end}: "
            f"{len(extract.rows)} rows for {extract.people} people."
        )
        if extract.failures:
            self.stdout.write(
                f"{extract.failing_rows} rows would fail a mandatory rule ({len(extract.failures)} problems):"
            )
            for field, reason, count in extract.failures_by_field():
                self.stdout.write(f"  {count:>7}  {field}: {reason}")
        else:
            self.stdout.write("Every row passes the mandatory rules.")
        Path(opts["out"]).write_text(return_csv(extract), encoding="utf-8")
        self.stdout.write(f"Wrote {opts['out']}")
        if opts["failures"]:
            Path(opts["failures"]).write_text(failures_csv(extract), encoding="utf-8")
            self.stdout.write(f"Wrote {opts['failures']}")
