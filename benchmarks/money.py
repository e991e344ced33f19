"""Money benchmarks: a payment run for ~20,000 direct payment agreements and an import of a
100,000-line statement, on the database in DATABASE_URL (PostgreSQL). It reports; it never fails.

    createdb -h 127.0.0.1 -U postgres cp_money_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cp_money_bench python benchmarks/money.py

Seeds a council with `manage.py seed_council --people N` when the database is empty (104,000
people give about 20,000 direct payment schedules), gives every direct payment budget an agreement
with bank details (1 in 200 without, to be skipped), then times:
  1. the first payment run up to today (every payment due so far: a catch-up run);
  2. the regular run for the next 4-weekly cycle (one payment per agreement);
  3. the same date again (refused: one run per date);
  4. importing one 100,000-line statement (parse, match, post to the ledger, find exceptions).
Writes benchmarks/results/<date>-money.md.
"""

import argparse
import os
import platform
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clearpath.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from clearpath.journey.budgets.models import PersonalBudget  # noqa: E402
from clearpath.journey.people.models import Person  # noqa: E402
from clearpath.money.finance.models import DirectPaymentAgreement, RunPayment, StatementLine  # noqa: E402
from clearpath.money.finance.services import (  # noqa: E402
    RunAlreadyDone,
    agreement_terms,
    import_statement,
    process_payment_run,
    request_payment_run,
    run_totals,
)
from clearpath.money.ledger.models import LedgerEntry, LedgerLine  # noqa: E402
from clearpath.money.payments.models import PaymentSchedule, ScheduledPayment  # noqa: E402
from clearpath.platform.accounts.models import StaffMember  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def make_agreements() -> int:
    have = set(DirectPaymentAgreement.objects.values_list("personal_budget_id", flat=True))
    budgets = (
        PersonalBudget.objects.filter(payment_schedule__isnull=False)
        .exclude(pk__in=have)
        .select_related("person")
        .order_by("id")
    )
    rows = []
    for i, b in enumerate(budgets.iterator(chunk_size=2000)):
        bank = i % 200 != 0
        rows.append(
            DirectPaymentAgreement(
                personal_budget=b,
                person_id=b.person_id,
                recipient="person",
                recipient_name=b.person.full_name,
                account_name=b.person.full_name.upper()[:18] if bank else "",
                sort_code=f"{random.randint(100000, 999999)}" if bank else "",
                account_number=f"{random.randint(10000000, 99999999)}" if bank else "",
                starts_on=b.starts_on,
                terms=list(agreement_terms(b)),
            )
        )
    DirectPaymentAgreement.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def statement_csv(agreement, lines: int, today: date) -> bytes:
    rng = random.Random(2026)
    start = agreement.starts_on
    span = max((today - start).days, 1)
    plan = list(agreement.personal_budget.plan.lines.values_list("description", flat=True))
    payees = [p.upper() for p in plan] + ["CORNER SHOP", "TAXI CO", "LEISURE CENTRE", "PHARMACY"]
    out = ["Date,Payee,Paid out,Paid in"]
    for i in range(lines):
        day = start + timedelta(days=rng.randrange(span + 1))
        if i % 50 == 0:
            out.append(f"{day.isoformat()},DEMOSHIRE COUNCIL DP,,{rng.randint(100, 900)}.00")
        else:
            out.append(
                f"{day.isoformat()},{rng.choice(payees)} {i % 97},{rng.randint(1, 9999) / 100:.2f},"
            )
    return ("\n".join(out) + "\n").encode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=104_000)
    parser.add_argument("--statement-lines", type=int, default=100_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    seeded = None
    if not Person.objects.exists():
        _, seconds = timed(lambda: call_command("seed_council", people=args.people, verbosity=0))
        seeded = seconds
    made, t_agreements = timed(make_agreements)
    agreements = DirectPaymentAgreement.objects.count()
    today = timezone.localdate()
    by = StaffMember.objects.filter(role=StaffMember.Role.FINANCE_OFFICER).first()

    def run(through):
        r = request_payment_run(through=through, by=by)
        return process_payment_run(r.pk, chunk_size=1000)

    def refused(through):
        try:
            run(through)
        except RunAlreadyDone as e:
            return e.run
        raise AssertionError("a second run for a date already paid was not refused")

    catch_up, t_catch_up = timed(lambda: run(today))
    regular, t_regular = timed(lambda: run(today + timedelta(days=28)))
    again, t_again = timed(lambda: refused(today + timedelta(days=28)))
    c, r = run_totals(catch_up), run_totals(regular)
    paid_agreements = RunPayment.objects.filter(run=regular).values("agreement").distinct().count()
    duplicates = ScheduledPayment.objects.filter(status="paid").count() - RunPayment.objects.count()

    target = (
        DirectPaymentAgreement.objects.exclude(account_number="")
        .filter(imports__isnull=True)
        .order_by("starts_on", "id")
        .first()
    )
    content = statement_csv(target, args.statement_lines, today)
    statement, t_import = timed(
        lambda: import_statement(
            agreement=target, by=by, filename="bench.csv", content=content, layout="generic"
        )
    )
    n_exceptions = statement.exceptions.count()
    with connection.cursor() as cur:
        cur.execute("SELECT version()")
        db_version = cur.fetchone()[0].split(" on ")[0]

    lines = [
        f"# Money benchmarks on {db_version}, {today:%-d %B %Y}",
        "",
        "Made by `benchmarks/money.py` (see its docstring). One process, the database on the same machine.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        f"| CPUs (nproc) | {os.cpu_count()} (shared with other work while this ran) |",
        f"| Python | {platform.python_version()} |",
        f"| Django | {django.get_version()} |",
        f"| Database | {db_version} |",
        "",
        "## Data",
        "",
        f"- Seeding (`seed_council --people {args.people}`): "
        + (f"{seeded:.0f} s" if seeded is not None else "already seeded"),
        f"- Direct payment agreements: **{agreements:,}** ({made:,} made in {t_agreements:.1f} s; "
        f"1 in 200 without bank details), {PaymentSchedule.objects.count():,} schedules, "
        f"{ScheduledPayment.objects.count():,} scheduled payments",
        "",
        "## Payment runs",
        "",
        "| Run | Payments | Amount | Agreements skipped | Seconds | Payments a second |",
        "|---|---:|---:|---:|---:|---:|",
        f"| Catch-up to {today} (all due so far) | {c['paid']:,} | £{c['total']:,.2f} | {c['skipped']:,} | {t_catch_up:.1f} | {c['paid'] / t_catch_up:,.0f} |",
        f"| Regular: next cycle, to {today + timedelta(days=28)} | {r['paid']:,} ({paid_agreements:,} agreements) | £{r['total']:,.2f} | {r['skipped']:,} | {t_regular:.1f} | {r['paid'] / max(t_regular, 1e-9):,.0f} |",
        f"| Same date again: refused, naming run {again.pk} | 0 | – | – | {t_again:.3f} | – |",
        "",
        f"Paid scheduled payments minus export lines: **{duplicates}** (0 = nothing paid twice). "
        f"Ledger: {LedgerEntry.objects.count():,} entries, {LedgerLine.objects.count():,} lines.",
        "",
        "## Statement import",
        "",
        f"One statement of **{statement.line_count:,} lines** ({len(content) / 1e6:.1f} MB, generic layout) "
        f"for one agreement: **{t_import:.1f} s** ({statement.line_count / t_import:,.0f} lines a second) "
        f"to parse, check, match to plan lines, store, post to the ledger and find {n_exceptions:,} exceptions. "
        f"Statement lines stored: {StatementLine.objects.count():,}.",
        "",
    ]
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{today.isoformat()}-money.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    print(f"Written to {path}")


if __name__ == "__main__":
    main()
