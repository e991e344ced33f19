"""Measure the measures: the bureaucracy dashboard, a team's page and the Client Level Data export
on a generated council. It reports; it never fails.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/clearpath_bench python benchmarks/measures.py

Uses the database as it is (seed it first with `manage.py seed_council --people 100000`, as for
`make bench`). Times, --repeat times each: the dashboard for the last 12 months for every team and
for one team (`measures.selectors.dashboard`), the team page (`team_view`), the dashboard page
through the Django test client (with its SQL query count), and the CLD extract for the latest
quarter end with the file written (`returns.services.build_extract` + `return_csv`). Writes the
median and slowest to benchmarks/results/<date>-<db>-measures.md with the machine.
"""

import argparse
import os
import platform
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clearpath.settings")


import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from clearpath.insight.measures.selectors import Period, dashboard, team_view  # noqa: E402
from clearpath.insight.returns.services import build_extract, return_csv  # noqa: E402
from clearpath.journey.people.models import Person  # noqa: E402
from clearpath.platform.accounts.models import StaffMember, Team  # noqa: E402
from domain import cld, rulepacks  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"


def timed(fn, repeat: int) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", default=str(RESULTS))
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False  # as in production: no query log kept
    settings.MEASURES_CACHE_SECONDS = 0  # count afresh, except where said
    today = timezone.localdate()
    people = Person.objects.count()
    team = Team.objects.order_by("pk").first()
    year = Period(today - timedelta(days=364), today)
    rows = []

    median, worst, d = timed(lambda: dashboard(year), args.repeat)
    rows.append(("Dashboard, every team, 12 months", median, worst, f"{d.decisions:,} decisions"))
    median, worst, d = timed(lambda: dashboard(Period(year.start, year.end, team.pk)), args.repeat)
    rows.append((f"Dashboard, {team.name}, 12 months", median, worst, f"{d.decisions:,} decisions"))
    median, worst, _ = timed(lambda: team_view(team, today), args.repeat)
    rows.append((f"Team page data, {team.name}", median, worst, ""))

    client = Client()
    client.force_login(StaffMember.objects.filter(role="team_manager").order_by("pk").first())
    assert client.get("/measures/").status_code == 200
    median, worst, _ = timed(lambda: client.get("/measures/"), args.repeat)
    rows.append(("Dashboard page (whole request, counted afresh)", median, worst, ""))
    settings.MEASURES_CACHE_SECONDS = 600
    client.get("/measures/")
    median, worst, _ = timed(lambda: client.get("/measures/"), args.repeat)
    rows.append(("Dashboard page (figures kept for 10 minutes)", median, worst, ""))

    quarter = cld.latest_quarter_end(today, rulepacks.cld_return())

    def export():
        extract = build_extract(quarter, today)
        return extract, len(return_csv(extract))

    median, worst, (extract, size) = timed(export, args.repeat)
    rows.append(
        (
            f"CLD extract and file, quarter ending {quarter}",
            median,
            worst,
            f"{len(extract.rows):,} rows, {extract.people:,} people, "
            f"{extract.failing_rows:,} failing rows, {size / 1e6:.1f} MB",
        )
    )

    vendor = connection.vendor
    with connection.cursor() as cur:
        cur.execute("select version()" if vendor == "postgresql" else "select sqlite_version()")
        db_version = cur.fetchone()[0].split(",")[0]
    lines = [
        f"# Measures and the CLD export: {people:,} people ({vendor})",
        "",
        f"Run {today} with `python benchmarks/measures.py --repeat {args.repeat}`.",
        "",
        f"- Machine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}, Django {django.get_version()}, {db_version}",
        f"- Load average when run: {', '.join(f'{x:.2f}' for x in os.getloadavg())}",
        "",
        "| What | Median (s) | Slowest (s) | Notes |",
        "|---|---:|---:|---|",
        *[
            f"| {what} | {median:.2f} | {worst:.2f} | {notes} |"
            for what, median, worst, notes in rows
        ],
        "",
    ]
    out = Path(args.out) / f"{today}-{vendor}-{people}-measures.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    print(f"Wrote {out}")


if __name__ == "__main__":
    main()
