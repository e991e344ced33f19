"""A payment run killed half-way and run again pays everyone exactly once.

The run is a real `manage.py payment_run` process that dies (os._exit, no clean-up) after its
second chunk has committed; the same command is then run again. Runs on the suite's database
(PostgreSQL in CI: `DATABASE_URL=postgres://... pytest`), through the committed test database.
"""

import csv
import os
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from clearpath.money.finance.models import PaymentRun, RunPayment
from clearpath.money.finance.services import CRASH_ENV
from clearpath.money.finance.tests.conftest import dp_agreement
from clearpath.money.ledger.models import LedgerEntry, LedgerLine
from clearpath.money.payments.models import ScheduledPayment

ROOT = Path(settings.BASE_DIR)


def _database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "postgresql":
        return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    return f"sqlite:///{s['NAME']}"


def payment_run(*args, crash_after=None):
    env = {**os.environ, "DATABASE_URL": _database_url()}
    env.pop(CRASH_ENV, None)
    if crash_after:
        env[CRASH_ENV] = str(crash_after)
    connection.close()  # let the other process see (and lock) committed rows freely
    return subprocess.run(
        [sys.executable, "manage.py", "payment_run", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db(transaction=True)
def test_a_run_killed_half_way_then_run_again_pays_everyone_exactly_once(practitioner, tmp_path):
    agreements = [dp_agreement(by=practitioner, first_name=f"P{i}") for i in range(6)]
    skipped = dp_agreement(by=practitioner, first_name="Nobank", bank=False)
    due = 6 * 2  # two payments each are due by 1 December

    crashed = payment_run("--through", "2026-12-01", "--chunk-size", "4", crash_after=2)
    assert crashed.returncode == 17, crashed.stderr  # killed mid-run
    assert RunPayment.objects.count() == 8  # two chunks of 4 committed, the rest not
    assert ScheduledPayment.objects.filter(status="paid").count() == 8
    assert PaymentRun.objects.get().status == PaymentRun.Status.RUNNING

    export = tmp_path / "export.csv"
    rerun = payment_run("--through", "2026-12-01", "--chunk-size", "4", "--export", str(export))
    assert rerun.returncode == 0, rerun.stderr
    assert "12 payments, £4,536.00" in rerun.stdout  # the whole run, resumed
    assert "SKIPPED Nobank Okafor" in rerun.stdout

    run = PaymentRun.objects.get()  # the crashed run was carried on, not duplicated
    assert run.status == PaymentRun.Status.DONE
    paid = ScheduledPayment.objects.filter(status="paid")
    assert paid.count() == due
    assert {p.schedule.person_id for p in paid} == {a.person_id for a in agreements}
    assert not paid.filter(schedule__person=skipped.person).exists()
    # Nobody paid twice: one export line and one ledger entry per payment
    rows = list(csv.DictReader(export.open()))
    assert len(rows) == due
    assert max(Counter(r["reference"] for r in rows).values()) == 1
    assert sum(Decimal(r["amount"]) for r in rows) == Decimal("4536.00")
    assert LedgerEntry.objects.filter(kind="payment").count() == due
    assert sum(line.amount for line in LedgerLine.objects.all()) == 0

    again = payment_run("--through", "2026-12-01")  # and a third time: refused, nobody paid
    assert again.returncode == 1 and f"Payment run {run.pk} has already paid" in again.stderr
    assert RunPayment.objects.count() == due
