"""python manage.py payment_run --through YYYY-MM-DD [--export FILE] [--chunk-size N]

Pays every scheduled direct payment due on or before the date, exactly once, and writes the
finance export (docs/money.md). Run it again after a crash: it carries on where it stopped.
It pays in this process, not on the job queue (the finance pages and API use the queue).
A date already paid is refused: there is one run per date."""

import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from clearpath.errors import ServiceError
from clearpath.exports import csv_lines
from clearpath.money.finance.services import (
    export_rows,
    process_payment_run,
    request_payment_run,
    run_totals,
)
from domain.money import format_money


class Command(BaseCommand):
    help = "Pay the direct payments due up to a date, exactly once, and write the finance export."

    def add_arguments(self, parser):
        parser.add_argument("--through", required=True, help="Pay what is due up to this date")
        parser.add_argument("--export", help="Write the finance export CSV here ('-' for stdout)")
        parser.add_argument("--chunk-size", type=int, default=500)

    def handle(self, *args, through, export=None, chunk_size=500, **options):
        try:
            day = date.fromisoformat(through)
        except ValueError:
            raise CommandError(
                f"--through must be a date like 2026-12-01, not {through!r}"
            ) from None
        try:
            run = request_payment_run(through=day, by=None)
            run = process_payment_run(run.pk, chunk_size=max(1, chunk_size))
        except ServiceError as e:
            raise CommandError(e.message) from None
        totals = run_totals(run)
        self.stdout.write(
            f"Payment run {run.pk} to {day.isoformat()}: {totals['paid']} payments, "
            f"{format_money(totals['total'])}."
        )
        for skip in run.skips.select_related("person"):
            self.stdout.write(
                f"SKIPPED {skip.person.full_name} (person {skip.person_id}): {skip.reason} - "
                f"{skip.payments} payment(s), {format_money(skip.amount)}"
            )
        if export:
            out = sys.stdout if export == "-" else open(export, "w", newline="", encoding="utf-8")
            try:
                out.writelines(csv_lines(export_rows(run)))
            finally:
                if out is not sys.stdout:
                    out.close()
