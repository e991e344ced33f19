"""Measure Clearpath's busiest pages on a generated large council. It reports; it never fails.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/clearpath_bench make bench
    python benchmarks/run.py --people 100000 --requests 30

On the database in DATABASE_URL (SQLite by default; PostgreSQL recommended), it migrates, seeds a
council of --people with `manage.py seed_council` if there is nobody there yet (timing it), then
requests each page --requests times through the Django test client, signed in as a practitioner and
as a team manager, and writes the median and 90th percentile times and the SQL queries per page to
benchmarks/results/<date>-<db>-<people>.md. See benchmarks/README.md.
"""

import argparse
import os
import platform
import re
import statistics
import sys
import time
from collections import Counter
from datetime import date
from itertools import zip_longest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clearpath.settings")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from clearpath.journey.people.models import Person  # noqa: E402
from clearpath.platform.accounts.models import StaffMember  # noqa: E402

SLOW_MS = 300  # a page slower than this (median) is called out
RESULTS = ROOT / "benchmarks" / "results"


# --- The machine ---------------------------------------------------------------------------------


def _meminfo_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def db_label() -> str:
    return {"postgresql": "postgresql", "sqlite": "sqlite"}.get(
        connection.vendor, connection.vendor
    )


def db_version() -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
        if connection.vendor == "sqlite":
            cursor.execute("select sqlite_version()")
            return f"SQLite {cursor.fetchone()[0]}"
    return connection.vendor


def machine() -> list[tuple[str, str]]:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [
        ("CPUs (nproc)", str(cpus)),
        ("CPU", _cpu_model()),
        ("RAM", _meminfo_gib()),
        ("OS", platform.platform()),
        ("Python", platform.python_version()),
        ("Django", django.get_version()),
        ("Database", db_version()),
        ("Database on", "the same machine" if _local_db() else "another host"),
    ]


def _local_db() -> bool:
    host = settings.DATABASES["default"].get("HOST") or ""
    return host in ("", "localhost", "127.0.0.1", "::1")


# --- Measuring -----------------------------------------------------------------------------------


def quantile90(values: list[float]) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def measure(client: Client, urls: list[str], *, requests: int, warmup: int) -> dict:
    """Time `requests` GETs (cycling through `urls`), after `warmup` untimed ones; count queries."""
    for i in range(warmup):
        response = client.get(urls[i % len(urls)])
        assert response.status_code == 200, (urls[i % len(urls)], response.status_code)
    times = []
    for i in range(requests):
        url = urls[i % len(urls)]
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    # Queries are counted on separate requests, so capturing them does not slow the timed ones.
    # Several URLs (different people, different stages) show whether the count depends on the data.
    counts, slowest = [], (0.0, "")
    for url in urls[: min(len(urls), 6)]:
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        counts.append(len(ctx.captured_queries))
        for q in ctx.captured_queries:
            if float(q["time"]) * 1000 > slowest[0]:
                slowest = (float(q["time"]) * 1000, q["sql"])
    return {
        "median": statistics.median(times),
        "p90": quantile90(times),
        "min": min(times),
        "max": max(times),
        "queries": (min(counts), max(counts)),
        "slowest_query": slowest,
    }


PERSON_MIX = {
    "budget": 0.5,
    "decision": 0.1,
    "planning": 0.15,
    "not_eligible": 0.1,
    "contact": 0.15,
}


def pick_people(team_id: int, n: int) -> list[int]:
    """Up to n people of a team, spread through the table, from several stages, half with a
    personal budget (the fullest records and timelines). Interleaved by stage, so the first few
    (whose queries are counted) cover every stage."""
    by_stage = []
    for stage, share in PERSON_MIX.items():
        qs = Person.objects.filter(team_id=team_id, stage=stage).order_by("id")
        want = max(1, round(n * share))
        step = max(1, qs.count() // want)
        by_stage.append(list(qs.values_list("id", flat=True)[: step * want : step]))
    ids = [i for group in zip_longest(*by_stage) for i in group if i is not None]
    return ids[:n] or list(Person.objects.filter(team_id=team_id).values_list("id", flat=True)[:n])


def short_sql(sql: str) -> str:
    """The query without its long column list."""
    return re.sub(r"^SELECT (DISTINCT )?.*? FROM ", r"SELECT \1... FROM ", sql, count=1, flags=re.S)


def common_surname(team_id: int) -> str:
    names = Counter(Person.objects.filter(team_id=team_id).values_list("last_name", flat=True))
    return names.most_common(1)[0][0]


def pages(team_id: int, n: int) -> list[tuple[str, list[str]]]:
    people = pick_people(team_id, n)
    surname = common_surname(team_id)
    nhs = Person.objects.filter(team_id=team_id).order_by("id").values_list("nhs_number")[0][0]
    return [
        ("People list, first page", [reverse("people:person-list")]),
        (
            f"People search, surname ({surname!r})",
            [reverse("people:person-list") + f"?q={surname}"],
        ),
        ("People search, NHS number", [reverse("people:person-list") + f"?q={nhs}"]),
        ("Person record", [reverse("people:person-detail", args=[p]) for p in people]),
        ("Timeline", [reverse("people:person-timeline", args=[p]) for p in people]),
        ("Decisions queue", [reverse("approvals:decision-list")]),
        ("Payments list", [reverse("payments:schedule-list")]),
        ("Reviews list", [reverse("reviews:review-list")]),
    ]


# --- Seeding and the report ------------------------------------------------------------------------


def seed_if_empty(people: int, seed: int) -> tuple[float | None, str]:
    existing = Person.objects.count()
    if existing:
        print(f"The database already has {existing:,} people: measuring those (not re-seeding).")
        return None, ""
    print(f"Seeding {people:,} people (seed {seed})...")
    started = time.perf_counter()
    call_command("seed_council", people=people, seed=seed)
    return time.perf_counter() - started, f"manage.py seed_council --people {people} --seed {seed}"


def table_sizes() -> list[tuple[str, int]]:
    labels = [
        "people.Person",
        "contacts.Contact",
        "assessments.Assessment",
        "budgets.BudgetCalculation",
        "plans.SupportPlan",
        "plans.PlanLine",
        "approvals.Decision",
        "budgets.PersonalBudget",
        "payments.PaymentSchedule",
        "payments.ScheduledPayment",
        "reviews.Review",
        "audit.AuditEvent",
    ]
    return [(label, apps.get_model(label).objects.count()) for label in labels]


def report(*, results, seconds, command, requests, warmup, teams) -> str:
    people = Person.objects.count()
    lines = [
        f"# Clearpath benchmark: {people:,} people on {db_version()}, {date.today():%-d %B %Y}",
        "",
        "Made by `benchmarks/run.py` (see benchmarks/README.md). Times are for the whole request "
        "through the Django test client (middleware, views, queries, Jinja2 rendering), in one "
        "process, with the database on "
        + ("this machine" if _local_db() else "another host")
        + f". {requests} timed requests per page after {warmup} warm-up ones; DEBUG off.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in machine()),
        "",
        "## Seeding",
        "",
        (
            f"`{command}`: **{seconds:.0f} s** ({seconds / 60:.1f} min), including ANALYZE."
            if seconds is not None
            else "The council was already there; seeding was not timed in this run."
        ),
        "",
        "| Table | Rows |",
        "|---|---:|",
        *(f"| {label} | {n:,} |" for label, n in table_sizes()),
        "",
        "## Pages",
        "",
        "Signed in as " + " and ".join(teams) + ". Person record and timeline cycle through "
        "people of that team at five stages, half of them with a personal budget.",
        "",
        "| Page | Signed in as | Median ms | p90 ms | Min–max ms | SQL queries | Slowest query ms |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for page, who, r in results:
        q_lo, q_hi = r["queries"]
        queries = str(q_lo) if q_lo == q_hi else f"{q_lo}–{q_hi}"
        flag = " ⚠" if r["median"] > SLOW_MS else ""
        lines.append(
            f"| {page} | {who} | {r['median']:.1f}{flag} | {r['p90']:.1f} | "
            f"{r['min']:.0f}–{r['max']:.0f} | {queries} | {r['slowest_query'][0]:.1f} |"
        )
    slow = [(p, w, r) for p, w, r in results if r["median"] > SLOW_MS]
    varying = [(p, w, r) for p, w, r in results if r["queries"][0] != r["queries"][1]]
    lines += ["", "## Notes", ""]
    lines.append(
        f"- Pages slower than {SLOW_MS} ms (median): "
        + (", ".join(f"{p} ({w})" for p, w, _ in slow) if slow else "none")
        + "."
    )
    lines.append(
        "- Query counts that differ between the people sampled (up to 6 per page, at 5 stages "
        "from first contact to personal budget, so from 2 to ~15 audit rows each): "
        + (", ".join(sorted({p for p, _w, _ in varying})) if varying else "none")
        + ". A count that differs by stage is bounded; one that grows with the rows shown would "
        "be an N+1. The list pages show 25 to 200 rows each."
    )
    lines += ["", "### Slowest query of each page", ""]
    seen = set()
    for page, _who, r in results:
        ms, sql = r["slowest_query"]
        if page in seen or not sql:
            continue
        seen.add(page)
        lines += [f"**{page}** ({ms:.1f} ms):", "", "```sql", short_sql(sql)[:1500], "```", ""]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000, help="Council size if seeding")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--requests", type=int, default=30, help="Timed requests per page")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--practitioner", default="practitioner")
    parser.add_argument("--manager", default="manager")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()

    print(f"Database: {db_version()} ({settings.DATABASES['default']['NAME']})")
    call_command("migrate", verbosity=0, interactive=False)
    seconds, command = seed_if_empty(args.people, args.seed)

    # Production-like: no debug cursor, no template auto-reload (static files as configured).
    settings.DEBUG = False
    results, teams = [], []
    for username in (args.practitioner, args.manager):
        user = StaffMember.objects.get(username=username)
        who = user.get_role_display().lower()
        teams.append(
            f"{username} ({who}, {user.team.name}: "
            f"{Person.objects.filter(team=user.team).count():,} people)"
        )
        client = Client()
        client.force_login(user)
        for page, urls in pages(user.team_id, args.requests):
            r = measure(client, urls, requests=args.requests, warmup=args.warmup)
            results.append((page, who, r))
            print(
                f"  {page:<42} {username:<13} median {r['median']:7.1f} ms  p90 {r['p90']:7.1f} ms"
                f"  queries {r['queries'][0]}"
                + (f"-{r['queries'][1]}" if r["queries"][1] != r["queries"][0] else "")
            )

    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"{date.today():%Y-%m-%d}-{db_label()}-{Person.objects.count()}.md"
    path.write_text(
        report(
            results=results,
            seconds=seconds,
            command=command,
            requests=args.requests,
            warmup=args.warmup,
            teams=teams,
        )
    )
    print(f"Results: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


if __name__ == "__main__":
    main()
