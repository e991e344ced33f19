"""python manage.py pa_costs --hourly-rate 12.71 --hours-per-week 20 --tax-year 2026-27 [--json]"""

import json

from django.core.management.base import BaseCommand, CommandError

from domain import rulepacks
from domain.money import format_money
from domain.pa_costs import PaInputError, pa_costs
from domain.rulepacks.pa_builders import AGE_BANDS


class Command(BaseCommand):
    help = "Work out what it costs to employ a personal assistant, with the working shown."

    def add_arguments(self, parser):
        parser.add_argument("--hourly-rate", required=True)
        parser.add_argument("--hours-per-week", required=True)
        parser.add_argument(
            "--tax-year",
            choices=rulepacks.pa_employer_years(),
            help="default: the year in use for new work",
        )
        parser.add_argument("--age-band", choices=list(AGE_BANDS), default="aged_21_and_over")
        parser.add_argument("--irregular-hours", action="store_true")
        parser.add_argument("--no-employment-allowance", action="store_true")
        parser.add_argument(
            "--not-pension-age", action="store_true", help="the PA is under 22 or over SPA"
        )
        parser.add_argument("--insurance-per-year", default="0")
        parser.add_argument("--payroll-per-year", default="0")
        parser.add_argument("--sickness-cover-percent", default="0")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, **o):
        try:
            r = pa_costs(
                year=rulepacks.pa_employer(o["tax_year"]),
                hourly_rate=o["hourly_rate"],
                hours_per_week=o["hours_per_week"],
                age_band=o["age_band"],
                irregular_hours=o["irregular_hours"],
                claim_employment_allowance=not o["no_employment_allowance"],
                pension_age_eligible=not o["not_pension_age"],
                insurance_per_year=o["insurance_per_year"],
                payroll_per_year=o["payroll_per_year"],
                sickness_cover_percent=o["sickness_cover_percent"],
            )
        except PaInputError as e:
            raise CommandError(f"--{e.field.replace('_', '-')}: {e.message}") from None
        if o["json"]:
            self.stdout.write(json.dumps(r.as_dict(), default=str, indent=2))
            return
        self.stdout.write(r.working_text())
        self.stdout.write(
            f"\n{format_money(r.weekly_total)} a week; {format_money(r.annual_total)} a year"
        )
        for note in r.notes:
            self.stdout.write(f"Note: {note}")
